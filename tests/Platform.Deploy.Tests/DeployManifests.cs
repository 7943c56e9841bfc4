using System.Text.Json.Nodes;
using Platform.Deploy.Tests.Rendering;
using Platform.Deploy.Tests.Validation;
using Platform.Testing;

namespace Platform.Deploy.Tests;

/// <summary>deploy/k8s and the county overlay, rendered afresh for each caller (tests change their copy).</summary>
public static class DeployManifests
{
    /// <summary>The gateway and the six services, each a workload named as its host (the gateway a Deployment, the services StatefulSets).</summary>
    public static readonly string[] Hosts = ["gateway", "households", "education", "industry", "relocation", "ecology", "welfare"];

    public static string Root => Path.Combine(RepositoryPaths.Root, "deploy", "k8s");

    public static string CountyOverlay => Path.Combine(Root, "overlays", "county");

    public static Manifests RenderCounty() => new(Kustomization.Render(CountyOverlay));

    /// <summary>The project folder of a host.</summary>
    public static string ProjectOf(string host) => host == "gateway"
        ? Path.Combine(RepositoryPaths.Root, "gateway", "Platform.Gateway")
        : Path.Combine(RepositoryPaths.Root, "services", host, "Platform." + char.ToUpperInvariant(host[0]) + host[1..]);

    /// <summary>The Deployment or StatefulSet of a host.</summary>
    public static JsonObject Workload(Manifests manifests, string host) =>
        manifests.FindWorkload(host) ?? throw new InvalidOperationException($"No Deployment or StatefulSet '{host}'.");

    public static JsonObject Container(Manifests manifests, string host) =>
        Manifests.ContainersOf(Workload(manifests, host)).Single(c => c["name"]?.GetValue<string>() == host);
}
