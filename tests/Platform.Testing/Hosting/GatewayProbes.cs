using Microsoft.Extensions.Configuration;

namespace Platform.Testing;

/// <summary>
/// The gateway probes each cluster's destination every 10 s (appsettings.json). A test gateway that routes to only some
/// services, or to none (the test issuer), would probe the local start's addresses of the others for its whole life and
/// log each refused connection with its stack trace.
/// </summary>
public static class GatewayProbes
{
    private static readonly Lazy<IReadOnlyList<string>> Clusters = new(() =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryPaths.Root, "gateway", "Platform.Gateway", "appsettings.json"), optional: false)
            .Build()
            .GetSection("ReverseProxy:Clusters")
            .GetChildren()
            .Select(cluster => cluster.Key)
            .ToList());

    /// <summary>Turns off the active health check of every cluster whose destination <paramref name="settings"/> does not set.</summary>
    public static void OffForUnroutedClusters(IDictionary<string, string?> settings)
    {
        foreach (var cluster in Clusters.Value)
        {
            if (!settings.ContainsKey($"ReverseProxy:Clusters:{cluster}:Destinations:primary:Address"))
            {
                settings[$"ReverseProxy:Clusters:{cluster}:HealthCheck:Active:Enabled"] = "false";
            }
        }
    }
}
