using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Deploy.Tests.Validation;
using Platform.Testing;

namespace Platform.Deploy.Tests;

/// <summary>
/// The configuration keys the local start gives each host: what deploy/AppHost sets (WithEnvironment, and
/// the OpenTelemetry variables Aspire's WithOtlpExporter adds), and, since the AppHost runs every host in the
/// Development environment, every key of the host's appsettings.Development.json. A deployment must set
/// each of them too, with its own values.
/// </summary>
public static partial class LocalStartConfiguration
{
    /// <summary>The OTEL_* variables WithOtlpExporter sets that the hosts read (Platform.ServiceDefaults).</summary>
    public static readonly string[] AspireTelemetry = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME"];

    public static ISet<string> KeysOf(string host)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var development = JsonNode.Parse(File.ReadAllText(Path.Combine(DeployManifests.ProjectOf(host), "appsettings.Development.json")))!;
        Flatten(development, string.Empty, keys);
        foreach (var variable in AppHostEnvironment(host).Concat(AspireTelemetry))
        {
            keys.Add(variable.Replace("__", ":", StringComparison.Ordinal));
        }

        return keys;
    }

    /// <summary>The variables deploy/AppHost sets on a host: on every platform service, and on this one.</summary>
    public static IReadOnlyList<string> AppHostEnvironment(string host)
    {
        var appHost = Path.Combine(RepositoryPaths.Root, "deploy", "AppHost");
        var shared = File.ReadAllText(Path.Combine(appHost, "PlatformResourceExtensions.cs"));
        var variables = WithEnvironment().Matches(shared).Select(m => m.Groups[1].Value).ToList();
        foreach (var statement in File.ReadAllText(Path.Combine(appHost, "Program.cs")).Split(';'))
        {
            if (AddPlatformService().Match(statement) is { Success: true } service && service.Groups[1].Value == host)
            {
                variables.AddRange(WithEnvironment().Matches(statement).Select(m => m.Groups[1].Value));
            }
        }

        return variables;
    }

    /// <summary>The keys a host's workload (Deployment or StatefulSet) sets: its container's variables and the keys of the ConfigMaps it reads whole.</summary>
    public static ISet<string> DeployedKeys(Manifests manifests, string host)
    {
        var container = DeployManifests.Container(manifests, host);
        var names = (container["env"]?.AsArray() ?? []).Select(e => e!["name"]!.GetValue<string>()).ToList();
        foreach (var source in container["envFrom"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            if (source["configMapRef"]?["name"]?.GetValue<string>() is { } name && manifests.Find("ConfigMap", name)?["data"] is JsonObject data)
            {
                names.AddRange(data.Select(d => d.Key));
            }
        }

        return names.Select(n => n.Replace("__", ":", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The local start's keys of a host that its workload does not set.</summary>
    public static IReadOnlyList<string> Missing(Manifests manifests, string host, IEnumerable<string> expected)
    {
        var deployed = DeployedKeys(manifests, host);
        return [.. expected.Where(k => !deployed.Contains(k)).Order(StringComparer.Ordinal)];
    }

    private static void Flatten(JsonNode? node, string prefix, HashSet<string> keys)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (name, value) in map)
                {
                    if (name != "//")
                    {
                        Flatten(value, prefix.Length == 0 ? name : $"{prefix}:{name}", keys);
                    }
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    Flatten(list[i], $"{prefix}:{i}", keys);
                }

                break;
            default:
                keys.Add(prefix);
                break;
        }
    }

    [GeneratedRegex("WithEnvironment\\(\"([^\"]+)\"")]
    private static partial Regex WithEnvironment();

    [GeneratedRegex("AddPlatformService<[^>]+>\\(\"([^\"]+)\"")]
    private static partial Regex AddPlatformService();
}
