using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Json.Schema;
using k8s;
using k8s.Models;

namespace Platform.Deploy.Tests.Validation;

/// <summary>
/// JSON Schemas for every kind the manifests may hold, strict (a field the API does not know is an error),
/// built without network access:
/// <list type="bullet">
/// <item>Kubernetes' own kinds from the official C# client's model of the API (KubernetesClient, generated
/// from the API's OpenAPI document): each type's JSON field names, their types, and which fields are
/// required, as yannh/kubernetes-json-schema's "standalone-strict" schemas have them.</item>
/// <item>The operators' kinds from their CRDs' openAPIV3Schema, vendored in Schemas/ (see its README):
/// every object that lists its properties and does not preserve unknown fields gets
/// additionalProperties false, and int-or-string fields take either.</item>
/// </list>
/// </summary>
public sealed class SchemaCatalog
{
    private static readonly Lazy<SchemaCatalog> Shared = new(() => new SchemaCatalog());

    private readonly Dictionary<(string ApiVersion, string Kind), Type> modelKinds = [];
    private readonly Dictionary<(string ApiVersion, string Kind), JsonNode> crdSchemas = [];
    private readonly Dictionary<(string ApiVersion, string Kind), JsonSchema> built = [];
    private readonly Lock gate = new();

    private SchemaCatalog()
    {
        foreach (var type in typeof(V1Deployment).Assembly.GetTypes())
        {
            if (type.GetCustomAttribute<KubernetesEntityAttribute>() is { Kind.Length: > 0 } entity && !type.Name.EndsWith("List", StringComparison.Ordinal))
            {
                var apiVersion = string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
                modelKinds.TryAdd((apiVersion, entity.Kind), type);
            }
        }

        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Schemas"), "*.json"))
        {
            var crd = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var apiVersion = $"{crd["group"]!.GetValue<string>()}/{crd["version"]!.GetValue<string>()}";
            var schema = Strict(crd["openAPIV3Schema"]!.DeepClone());
            var properties = schema["properties"]!.AsObject();
            properties["apiVersion"] = new JsonObject { ["const"] = apiVersion };
            properties["kind"] = new JsonObject { ["const"] = crd["kind"]!.GetValue<string>() };
            var metadata = ModelSchemas.For(typeof(V1ObjectMeta));
            properties["metadata"] = new JsonObject { ["$ref"] = metadata["$ref"]!.DeepClone() };
            schema["$defs"] = metadata["$defs"]!.DeepClone();
            schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            schema["required"] = new JsonArray("apiVersion", "kind", "metadata");
            crdSchemas[(apiVersion, crd["kind"]!.GetValue<string>())] = schema;
        }
    }

    public static SchemaCatalog Instance => Shared.Value;

    /// <summary>The schema of a kind, or null when none is known (core API or vendored CRD).</summary>
    public JsonSchema? For(string apiVersion, string kind)
    {
        lock (gate)
        {
            if (built.TryGetValue((apiVersion, kind), out var schema))
            {
                return schema;
            }

            JsonNode? document = crdSchemas.TryGetValue((apiVersion, kind), out var crd) ? crd
                : modelKinds.TryGetValue((apiVersion, kind), out var type) ? ModelSchemas.ForKind(type, apiVersion, kind)
                : null;
            if (document is null)
            {
                return null;
            }

            schema = JsonSchema.FromText(document.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"https://platform.tests/schemas/{apiVersion}/{kind}"));
            built[(apiVersion, kind)] = schema;
            return schema;
        }
    }

    /// <summary>
    /// A CRD's OpenAPI v3 schema as a strict JSON Schema, in place: nullable and int-or-string turned into
    /// types, the Kubernetes extensions (x-kubernetes-*) dropped, and additionalProperties false wherever an
    /// object lists its properties and does not preserve unknown fields.
    /// </summary>
    private static JsonNode Strict(JsonNode node)
    {
        if (node is not JsonObject schema)
        {
            return node;
        }

        if (schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true)
        {
            schema.Remove("anyOf");
            schema["type"] = new JsonArray("integer", "string");
        }

        if (schema["nullable"]?.GetValue<bool>() == true && schema["type"] is JsonValue type)
        {
            schema["type"] = new JsonArray(type.GetValue<string>(), "null");
        }

        var preservesUnknown = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        foreach (var keyword in schema.Select(k => k.Key).Where(k => k.StartsWith("x-", StringComparison.Ordinal) || k == "nullable").ToList())
        {
            schema.Remove(keyword);
        }

        foreach (var (_, property) in schema["properties"] as JsonObject ?? [])
        {
            Strict(property!);
        }

        foreach (var keyword in new[] { "items", "additionalProperties", "not" })
        {
            if (schema[keyword] is JsonObject child)
            {
                Strict(child);
            }
        }

        foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
        {
            foreach (var child in schema[keyword] as JsonArray ?? [])
            {
                Strict(child!);
            }
        }

        if (schema["properties"] is JsonObject && schema["additionalProperties"] is null && !preservesUnknown)
        {
            schema["additionalProperties"] = false;
        }

        return schema;
    }
}

/// <summary>Strict JSON Schemas from the KubernetesClient model types (one $defs entry per type).</summary>
internal sealed class ModelSchemas
{
    /// <summary>
    /// Fields the Kubernetes API requires (the OpenAPI document's "required", as the API reference marks
    /// them) for the types a platform manifest uses. The client's model does not carry them, so they are
    /// listed here; every name must be a model type (checked when the table is first used), and a type
    /// not listed has no required fields checked.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> RequiredFields = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["V1Container"] = ["name"],
        ["V1ContainerPort"] = ["containerPort"],
        ["V1EnvVar"] = ["name"],
        ["V1ConfigMapKeySelector"] = ["key"],
        ["V1SecretKeySelector"] = ["key"],
        ["V1ObjectFieldSelector"] = ["fieldPath"],
        ["V1ResourceFieldSelector"] = ["resource"],
        ["V1HTTPGetAction"] = ["port"],
        ["V1TCPSocketAction"] = ["port"],
        ["V1GRPCAction"] = ["port"],
        ["V1HTTPHeader"] = ["name", "value"],
        ["V1Volume"] = ["name"],
        ["V1VolumeMount"] = ["mountPath", "name"],
        ["V1KeyToPath"] = ["key", "path"],
        ["V1DeploymentSpec"] = ["selector", "template"],
        ["V1StatefulSetSpec"] = ["selector", "template"],
        ["V1PodSpec"] = ["containers"],
        ["V1LabelSelectorRequirement"] = ["key", "operator"],
        ["V1TopologySpreadConstraint"] = ["maxSkew", "topologyKey", "whenUnsatisfiable"],
        ["V1PodAffinityTerm"] = ["topologyKey"],
        ["V1WeightedPodAffinityTerm"] = ["podAffinityTerm", "weight"],
        ["V1SeccompProfile"] = ["type"],
        ["V1ServicePort"] = ["port"],
        ["V2HorizontalPodAutoscalerSpec"] = ["maxReplicas", "scaleTargetRef"],
        ["V2CrossVersionObjectReference"] = ["kind", "name"],
        ["V2MetricSpec"] = ["type"],
        ["V2ResourceMetricSource"] = ["name", "target"],
        ["V2MetricTarget"] = ["type"],
        ["V2HPAScalingPolicy"] = ["periodSeconds", "type", "value"],
        ["V1HTTPIngressRuleValue"] = ["paths"],
        ["V1HTTPIngressPath"] = ["backend", "pathType"],
        ["V1IngressServiceBackend"] = ["name"],
        ["V1IPBlock"] = ["cidr"],
        ["V1OwnerReference"] = ["apiVersion", "kind", "name", "uid"],
    };

    private static readonly Lazy<bool> RequiredFieldsChecked = new(() =>
    {
        var models = typeof(V1Deployment).Assembly.GetTypes().Where(t => t.Namespace == typeof(V1Deployment).Namespace && !t.IsNested).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var (type, fields) in RequiredFields)
        {
            var model = models.GetValueOrDefault(type) ?? throw new InvalidOperationException($"RequiredFields names {type}, which is not a KubernetesClient model type.");
            var names = model.GetProperties().Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name).ToHashSet(StringComparer.Ordinal);
            if (fields.FirstOrDefault(f => !names.Contains(f)) is { } unknown)
            {
                throw new InvalidOperationException($"RequiredFields names {type}.{unknown}, which that type does not have.");
            }
        }

        return true;
    });

    private readonly JsonObject definitions = [];
    private readonly Dictionary<Type, string> names = [];

    /// <summary>A whole document for a top-level kind: apiVersion and kind fixed, the type's fields strict.</summary>
    public static JsonObject ForKind(Type type, string apiVersion, string kind)
    {
        var builder = new ModelSchemas();
        var root = builder.Reference(type);
        var name = builder.names[type];
        var properties = builder.definitions[name]!["properties"]!.AsObject();
        properties["apiVersion"] = new JsonObject { ["const"] = apiVersion };
        properties["kind"] = new JsonObject { ["const"] = kind };
        builder.definitions[name]!["required"] = new JsonArray([.. ((JsonArray?)builder.definitions[name]!["required"] ?? []).Select(r => r!.DeepClone()), "apiVersion", "kind", "metadata"]);
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$ref"] = root["$ref"]!.DeepClone(),
            ["$defs"] = builder.definitions,
        };
    }

    /// <summary>A reference to one model type and the $defs it needs, for the root of a document (a CRD's metadata).</summary>
    public static JsonObject For(Type type)
    {
        var builder = new ModelSchemas();
        var root = builder.Reference(type);
        return new JsonObject { ["$ref"] = root["$ref"]!.DeepClone(), ["$defs"] = builder.definitions };
    }

    private JsonObject Reference(Type type)
    {
        _ = RequiredFieldsChecked.Value;
        if (!names.TryGetValue(type, out var name))
        {
            name = type.Name;
            names[type] = name;
            definitions[name] = new JsonObject();
            var properties = new JsonObject();
            var required = new JsonArray();
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is not { } json || property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
                {
                    continue;
                }

                properties[json.Name] = SchemaOf(property.PropertyType);
                if (property.GetCustomAttribute<RequiredMemberAttribute>() is not null
                    || (RequiredFields.TryGetValue(type.Name, out var listed) && listed.Contains(json.Name, StringComparer.Ordinal)))
                {
                    required.Add(json.Name);
                }
            }

            var definition = new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false };
            if (required.Count > 0)
            {
                definition["required"] = required;
            }

            definitions[name] = definition;
        }

        return new JsonObject { ["$ref"] = $"#/$defs/{name}" };
    }

    private JsonNode SchemaOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(byte[]) || type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new JsonObject { ["type"] = "string" };
        }

        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) || type == typeof(ulong))
        {
            return new JsonObject { ["type"] = "integer" };
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return new JsonObject { ["type"] = "number" };
        }

        if (type == typeof(IntOrString))
        {
            return new JsonObject { ["type"] = new JsonArray("integer", "string") };
        }

        if (type == typeof(ResourceQuantity))
        {
            return new JsonObject { ["type"] = new JsonArray("string", "number") };
        }

        if (type == typeof(object) || type == typeof(JsonElement) || typeof(JsonNode).IsAssignableFrom(type))
        {
            return new JsonObject();
        }

        if (Dictionary(type) is { } valueType)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = SchemaOf(valueType) };
        }

        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && Element(type) is { } itemType)
        {
            return new JsonObject { ["type"] = "array", ["items"] = SchemaOf(itemType) };
        }

        if (type.Namespace == typeof(V1Deployment).Namespace && (type.IsClass || type.IsValueType))
        {
            return Reference(type);
        }

        throw new NotSupportedException($"No JSON Schema mapping for {type.FullName}.");
    }

    private static Type? Dictionary(Type type) =>
        (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(Dictionary<,>))
            ? type : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>)))
        ?.GetGenericArguments()[1];

    private static Type? Element(Type type) =>
        type.IsArray ? type.GetElementType()
        : (type.IsGenericType && type.GetGenericArguments().Length == 1 ? type : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)))
            ?.GetGenericArguments()[0];
}
