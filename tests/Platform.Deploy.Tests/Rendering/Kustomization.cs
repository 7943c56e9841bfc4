using System.Text.Json.Nodes;

namespace Platform.Deploy.Tests.Rendering;

/// <summary>
/// Renders a Kustomize directory in-process, for the subset deploy/k8s uses: <c>resources</c> (files and
/// directories), <c>patches</c> (strategic-merge patches by path or inline, matched by kind and name),
/// <c>namespace</c> and <c>images</c>. A field outside the subset is refused rather than ignored, so a
/// manifest the renderer cannot follow fails the tests instead of being checked wrongly. What it renders
/// was compared object by object with `kubectl kustomize` (Kustomize 5.5) on deploy/k8s/overlays/county.
/// </summary>
public static class Kustomization
{
    private static readonly HashSet<string> Supported = ["apiVersion", "kind", "resources", "patches", "namespace", "images"];

    /// <summary>Kinds without a namespace among those a platform manifest could hold.</summary>
    private static readonly HashSet<string> ClusterScoped =
        ["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass", "StorageClass", "IngressClass"];

    /// <summary>
    /// Lists whose items a strategic-merge patch merges by a key (the Kubernetes API's patchMergeKey);
    /// any other list in a patch replaces the list it patches.
    /// </summary>
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["imagePullSecrets"] = "name",
        ["volumeMounts"] = "mountPath",
    };

    public static IReadOnlyList<JsonObject> Render(string directory)
    {
        var file = Path.Combine(directory, "kustomization.yaml");
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"No kustomization.yaml in {directory}.", file);
        }

        var kustomization = YamlDocuments.Load(file).Single().AsObject();
        foreach (var (field, _) in kustomization)
        {
            if (!Supported.Contains(field))
            {
                throw new NotSupportedException(
                    $"{file}: '{field}' is not supported by the tests' Kustomize renderer (supported: {string.Join(", ", Supported)}). Extend Kustomization.cs and compare its output with `kubectl kustomize`.");
            }
        }

        var objects = new List<JsonObject>();
        foreach (var resource in Strings(kustomization["resources"], file, "resources"))
        {
            var path = Path.GetFullPath(Path.Combine(directory, resource));
            if (Directory.Exists(path))
            {
                objects.AddRange(Render(path));
            }
            else if (File.Exists(path))
            {
                objects.AddRange(YamlDocuments.Load(path).Select(document => document as JsonObject
                    ?? throw new InvalidDataException($"{path}: a document is not an object.")));
            }
            else
            {
                throw new FileNotFoundException($"{file}: resource '{resource}' does not exist.", path);
            }
        }

        RefuseDuplicates(objects, file);
        foreach (var patch in kustomization["patches"]?.AsArray() ?? [])
        {
            ApplyPatch(objects, patch?.AsObject() ?? throw new InvalidDataException($"{file}: an empty patch."), directory, file);
        }

        if (kustomization["namespace"]?.GetValue<string>() is { Length: > 0 } ns)
        {
            foreach (var item in objects.Where(o => !ClusterScoped.Contains(KindOf(o))))
            {
                Metadata(item)["namespace"] = ns;
            }
        }

        foreach (var image in kustomization["images"]?.AsArray() ?? [])
        {
            SetImage(objects, image!.AsObject(), file);
        }

        return objects;
    }

    public static string KindOf(JsonObject item) => item["kind"]?.GetValue<string>() ?? string.Empty;

    public static string NameOf(JsonObject item) => item["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;

    /// <summary>Strategic merge of <paramref name="patch"/> into <paramref name="target"/> (null deletes a field).</summary>
    public static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (field, value) in patch.ToList())
        {
            if (field.StartsWith('$'))
            {
                throw new NotSupportedException($"Patch directive '{field}' is not supported by the tests' Kustomize renderer.");
            }

            if (value is null)
            {
                target.Remove(field);
            }
            else if (value is JsonObject patchObject && target[field] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else if (value is JsonArray patchList && target[field] is JsonArray targetList && ListMergeKey(field, patchList) is { } key)
            {
                MergeList(targetList, patchList, key);
            }
            else
            {
                target[field] = value.DeepClone();
            }
        }
    }

    private static string? ListMergeKey(string field, JsonArray patchList) =>
        MergeKeys.TryGetValue(field, out var key) ? key
        : field == "ports" ? (patchList.All(p => p?["containerPort"] is not null) ? "containerPort" : "port")
        : null;

    /// <summary>Items with a key already in the list are merged into it; new ones go first, in the patch's order (as Kustomize puts them).</summary>
    private static void MergeList(JsonArray target, JsonArray patch, string key)
    {
        var added = 0;
        foreach (var item in patch)
        {
            var patchItem = item as JsonObject ?? throw new InvalidDataException($"A list merged by '{key}' holds a non-object.");
            var id = patchItem[key]?.ToJsonString() ?? throw new InvalidDataException($"A patch item lacks its merge key '{key}'.");
            if (target.OfType<JsonObject>().FirstOrDefault(t => t[key]?.ToJsonString() == id) is { } existing)
            {
                Merge(existing, patchItem);
            }
            else
            {
                target.Insert(added++, patchItem.DeepClone());
            }
        }
    }

    private static void ApplyPatch(List<JsonObject> objects, JsonObject entry, string directory, string file)
    {
        foreach (var (field, _) in entry)
        {
            if (field is not ("path" or "patch" or "target"))
            {
                throw new NotSupportedException($"{file}: patch field '{field}' is not supported by the tests' Kustomize renderer.");
            }
        }

        var documents = entry["path"]?.GetValue<string>() is { } path
            ? YamlDocuments.Load(Path.Combine(directory, path))
            : entry["patch"]?.GetValue<string>() is { } inline
                ? LoadInline(inline)
                : throw new InvalidDataException($"{file}: a patch needs 'path' or 'patch'.");
        foreach (var document in documents)
        {
            var patch = document.AsObject();
            var kind = entry["target"]?["kind"]?.GetValue<string>() ?? KindOf(patch);
            var name = entry["target"]?["name"]?.GetValue<string>() ?? NameOf(patch);
            var targets = objects.Where(o => KindOf(o) == kind && NameOf(o) == name).ToList();
            if (targets.Count != 1)
            {
                throw new InvalidDataException($"{file}: the patch for {kind} '{name}' matches {targets.Count} objects, not one.");
            }

            var body = (JsonObject)patch.DeepClone();
            body.Remove("apiVersion");
            body.Remove("kind");
            if (body["metadata"] is JsonObject metadata)
            {
                metadata.Remove("name");
            }

            Merge(targets[0], body);
        }
    }

    private static IReadOnlyList<JsonNode> LoadInline(string yaml)
    {
        var file = Path.Combine(Path.GetTempPath(), $"patch-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, yaml);
        try
        {
            return YamlDocuments.Load(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void SetImage(List<JsonObject> objects, JsonObject image, string file)
    {
        var name = image["name"]?.GetValue<string>() ?? throw new InvalidDataException($"{file}: an image entry without a name.");
        var newName = image["newName"]?.GetValue<string>();
        var newTag = image["newTag"]?.GetValue<string>();
        if (image.Any(f => f.Key is not ("name" or "newName" or "newTag")))
        {
            throw new NotSupportedException($"{file}: image '{name}': only name, newName and newTag are supported by the tests' Kustomize renderer.");
        }

        foreach (var container in objects.SelectMany(Containers))
        {
            var current = container["image"]?.GetValue<string>() ?? string.Empty;
            var (repository, tag) = SplitImage(current);
            if (repository == name)
            {
                container["image"] = (newName ?? repository) + (newTag is not null ? ":" + newTag : tag is not null ? ":" + tag : string.Empty);
            }
        }
    }

    /// <summary>Every container (and init container) anywhere in an object, as Kustomize's image transformer finds them.</summary>
    public static IEnumerable<JsonObject> Containers(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(field => field.Key is "containers" or "initContainers" && field.Value is JsonArray list
            ? list.OfType<JsonObject>()
            : Containers(field.Value)),
        JsonArray a => a.SelectMany(Containers),
        _ => [],
    };

    private static (string Repository, string? Tag) SplitImage(string image)
    {
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash ? (image[..colon], image[(colon + 1)..]) : (image, null);
    }

    private static JsonObject Metadata(JsonObject item) =>
        item["metadata"] as JsonObject ?? throw new InvalidDataException($"A {KindOf(item)} without metadata.");

    private static IEnumerable<string> Strings(JsonNode? node, string file, string field) =>
        node is null ? []
        : node is JsonArray list ? list.Select(i => i?.GetValue<string>() ?? throw new InvalidDataException($"{file}: an empty entry in '{field}'."))
        : throw new InvalidDataException($"{file}: '{field}' must be a list.");

    private static void RefuseDuplicates(List<JsonObject> objects, string file)
    {
        var duplicate = objects.GroupBy(o => (Api: o["apiVersion"]?.GetValue<string>(), Kind: KindOf(o), Name: NameOf(o))).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"{file}: {duplicate.Key.Kind} '{duplicate.Key.Name}' is defined {duplicate.Count()} times.");
        }
    }
}
