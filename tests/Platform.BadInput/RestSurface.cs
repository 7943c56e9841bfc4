using System.Text.Json.Nodes;

namespace Platform.BadInput;

/// <summary>A parameter of an operation (path or query) and the JSON schema of its value.</summary>
public sealed record ApiParameter(string Name, string In, JsonObject Schema);

/// <summary>One REST operation of an OpenAPI document, its body schema resolved.</summary>
public sealed record ApiOperation(string Group, string Method, string Path, IReadOnlyList<ApiParameter> Parameters, JsonObject? Body)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// The REST surface as the services describe it (their OpenAPI documents): every operation under
/// /api, grouped by service and tag, with parameter and body schemas ($refs resolved).
/// </summary>
public static class RestSurface
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    public static IReadOnlyList<ApiOperation> Read(string service, JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var schemas = document["components"]?["schemas"] as JsonObject ?? [];
        var operations = new List<ApiOperation>();
        foreach (var (path, item) in document["paths"] as JsonObject ?? [])
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal) || item is not JsonObject pathItem)
            {
                continue;
            }

            foreach (var method in Methods.Where(pathItem.ContainsKey))
            {
                var operation = (JsonObject)pathItem[method]!;
                var tag = operation["tags"]?[0]?.GetValue<string>() ?? "untagged";
                var parameters = (operation["parameters"] as JsonArray ?? [])
                    .Concat(pathItem["parameters"] as JsonArray ?? [])
                    .OfType<JsonObject>()
                    .Select(p => new ApiParameter(p["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), Resolve(p["schema"] as JsonObject ?? [], schemas, 0)))
                    .Where(p => p.In is "path" or "query")
                    .ToList();
                var body = operation["requestBody"]?["content"]?["application/json"]?["schema"] as JsonObject;
                operations.Add(new ApiOperation($"{service} REST: {tag}", method.ToUpperInvariant(), path, parameters, body is null ? null : Resolve(body, schemas, 0)));
            }
        }

        return operations;
    }

    /// <summary>The JSON type a schema names ("string", "integer", …), ignoring "null".</summary>
    public static string? TypeOf(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema["type"] switch
        {
            JsonValue value => value.GetValue<string>(),
            JsonArray types => types.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t is not null and not "null"),
            _ => schema.ContainsKey("properties") ? "object" : null,
        };
    }

    /// <summary>A copy of the schema with its $refs (and those of its properties and items) replaced by what they name.</summary>
    private static JsonObject Resolve(JsonObject schema, JsonObject schemas, int depth)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference && depth < 6)
        {
            var target = schemas[reference.Split('/')[^1]] as JsonObject ?? [];
            return Resolve(target, schemas, depth + 1);
        }

        var copy = (JsonObject)schema.DeepClone();
        foreach (var variant in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (copy[variant] is JsonArray options && options.OfType<JsonObject>().FirstOrDefault(o => o["type"]?.ToString() != "null") is { } chosen)
            {
                return Resolve(chosen, schemas, depth + 1);
            }
        }

        if (copy["properties"] is JsonObject properties)
        {
            foreach (var name in properties.Select(p => p.Key).ToList())
            {
                properties[name] = Resolve(properties[name] as JsonObject ?? [], schemas, depth + 1);
            }
        }

        if (copy["items"] is JsonObject items)
        {
            copy["items"] = Resolve(items, schemas, depth + 1);
        }

        return copy;
    }
}
