using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Deploy.Tests.Validation;
using Platform.Testing;

namespace Platform.Deploy.Tests;

/// <summary>The county's deployment as committed: rendered offline and valid object by object.</summary>
public sealed partial class OverlayValidationTests
{
    [Fact]
    public void The_county_overlay_matches_every_schema_and_rule()
    {
        var manifests = DeployManifests.RenderCounty();

        var problems = ManifestCheck.Problems(manifests.Objects);

        Assert.True(problems.Count == 0, "Problems in deploy/k8s/overlays/county:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_overlay_runs_every_host_and_the_servers_they_need()
    {
        var manifests = DeployManifests.RenderCounty();

        // The gateway consumes nothing: a Deployment. The services: StatefulSets (below).
        Assert.NotNull(manifests.Find("Deployment", "gateway"));
        foreach (var host in DeployManifests.Hosts)
        {
            Assert.NotNull(DeployManifests.Workload(manifests, host));
            Assert.NotNull(manifests.Find("Service", host));
            Assert.StartsWith($"registry.county.example/fupin/{host}:", DeployManifests.Container(manifests, host)["image"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // PostgreSQL per service, plus the gateway's identity store and the platform's audit log.
        Assert.Equal(
            ["audit-db", "ecology-db", "education-db", "households-db", "identity-db", "industry-db", "relocation-db", "welfare-db"],
            manifests.Of("Cluster").Select(c => c["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var broker = Assert.Single(manifests.Of("RabbitmqCluster"));
        Assert.Equal(3, broker["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(6, manifests.Of("HorizontalPodAutoscaler").Count());
        Assert.All(manifests.Objects, o => Assert.Equal("fupin-420325", o["metadata"]!["namespace"]!.GetValue<string>()));
    }

    [Fact]
    public void Every_host_is_probed_on_the_health_endpoints_its_code_maps()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "services", "building-blocks", "Platform.ServiceDefaults", "ServiceDefaultsExtensions.cs"));
        var mapped = HealthEndpoint().Matches(source).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["/health/live", "/health/ready"], mapped);
        var manifests = DeployManifests.RenderCounty();

        foreach (var host in DeployManifests.Hosts)
        {
            var container = DeployManifests.Container(manifests, host);
            Assert.Equal("/health/live", container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
            Assert.Equal("/health/live", container["startupProbe"]!["httpGet"]!["path"]!.GetValue<string>());
            Assert.Equal("/health/ready", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Prometheus_scrapes_metrics_where_the_hosts_serve_them()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "services", "building-blocks", "Platform.ServiceDefaults", "ServiceDefaultsExtensions.cs"));
        Assert.Contains("MapPrometheusScrapingEndpoint(\"/metrics\").AllowAnonymous().OnManagementPortOnly()", source, StringComparison.Ordinal);
        var gatewaySettings = JsonNode.Parse(File.ReadAllText(Path.Combine(DeployManifests.ProjectOf("gateway"), "appsettings.json")))!;
        Assert.NotNull(gatewaySettings["Kestrel"]!["Endpoints"]!["Management"]);
        var manifests = DeployManifests.RenderCounty();

        // Services have no management port: /metrics on their REST port. The gateway: only on its operators' port.
        var services = manifests.Find("ServiceMonitor", "platform-services")!;
        Assert.Equal("http", services["spec"]!["endpoints"]![0]!["port"]!.GetValue<string>());
        Assert.Equal("/metrics", services["spec"]!["endpoints"]![0]!["path"]!.GetValue<string>());
        var gateway = manifests.Find("ServiceMonitor", "gateway")!;
        Assert.Equal("management", gateway["spec"]!["endpoints"]![0]!["port"]!.GetValue<string>());
        Assert.Equal("/metrics", gateway["spec"]!["endpoints"]![0]!["path"]!.GetValue<string>());
    }

    [Fact]
    public void Every_secret_the_manifests_reference_is_listed_for_the_county_to_create()
    {
        var readme = File.ReadAllText(Path.Combine(DeployManifests.Root, "README.md"));
        var manifests = DeployManifests.RenderCounty();
        var referenced = manifests.Objects.SelectMany(o => SecretNames(o)).Distinct().ToList();
        Assert.Contains("households-db-app", referenced);
        Assert.Contains("gateway-signing-keys", referenced);

        Assert.All(referenced, name => Assert.Contains($"`{name}`", readme, StringComparison.Ordinal));
        Assert.DoesNotContain(manifests.Objects, o => o["kind"]!.GetValue<string>() == "Secret");
    }

    [Fact]
    public void Every_host_that_consumes_the_stream_is_a_StatefulSet_whose_pods_divide_its_shards()
    {
        // The hosts that register handlers of the event stream (AddPlatformMessaging with a stream => … part),
        // from their code: each one's instances divide its shards (decision 0010).
        var consumers = DeployManifests.Hosts.Where(host => Directory.GetFiles(DeployManifests.ProjectOf(host), "*.cs", SearchOption.AllDirectories)
                .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Any(file => StreamConsumerRegistration().IsMatch(File.ReadAllText(file))))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["ecology", "education", "households", "industry", "relocation", "welfare"], consumers);
        // The keys the manifests set are the options the consumer binds.
        var options = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "services", "building-blocks", "Platform.Messaging", "Stream", "EventStreamOptions.cs"));
        Assert.Contains("public const string SectionName = \"Messaging:Stream\";", options, StringComparison.Ordinal);
        Assert.Contains("public int InstanceIndex { get; set; }", options, StringComparison.Ordinal);
        Assert.Contains("public int InstanceCount { get; set; } = 1;", options, StringComparison.Ordinal);
        var manifests = DeployManifests.RenderCounty();

        Assert.Equal(consumers, manifests.Consumers.Select(Rendering.Kustomization.NameOf).Order(StringComparer.Ordinal));
        foreach (var host in consumers)
        {
            var workload = DeployManifests.Workload(manifests, host);
            Assert.Equal("StatefulSet", workload["kind"]!.GetValue<string>());
            Assert.Equal("Parallel", workload["spec"]!["podManagementPolicy"]!.GetValue<string>());
            var env = DeployManifests.Container(manifests, host)["env"]!.AsArray().OfType<JsonObject>().ToDictionary(v => v["name"]!.GetValue<string>());
            Assert.Equal("metadata.labels['apps.kubernetes.io/pod-index']", env["Messaging__Stream__InstanceIndex"]["valueFrom"]!["fieldRef"]!["fieldPath"]!.GetValue<string>());
            var autoscaler = manifests.Find("HorizontalPodAutoscaler", host)!;
            Assert.Equal("StatefulSet", autoscaler["spec"]!["scaleTargetRef"]!["kind"]!.GetValue<string>());
            var maximum = autoscaler["spec"]!["maxReplicas"]!.GetValue<int>();
            Assert.Equal(maximum.ToString(System.Globalization.CultureInfo.InvariantCulture), env["Messaging__Stream__InstanceCount"]["value"]!.GetValue<string>());
            Assert.InRange(workload["spec"]!["replicas"]!.GetValue<int>(), 2, maximum);
            // Each ordinal owns shards (16 of them, decision 0006): more instances than shards would own none.
            Assert.InRange(maximum, 2, 16);
        }

        var gateway = DeployManifests.Container(manifests, "gateway")["env"]!.AsArray();
        Assert.DoesNotContain(gateway, v => v!["name"]!.GetValue<string>().StartsWith("Messaging__Stream__", StringComparison.Ordinal));
    }

    private static IEnumerable<string> SecretNames(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(field => field.Key switch
        {
            "secretKeyRef" or "passwordSecret" or "secret" when field.Value?["name"] is JsonValue name => [name.GetValue<string>()],
            "secretName" when field.Value is JsonValue name => [name.GetValue<string>()],
            _ => SecretNames(field.Value),
        }),
        JsonArray a => a.SelectMany(SecretNames),
        _ => [],
    };

    [GeneratedRegex(@"AddPlatformMessaging<\w+>\(\s*ServiceName\s*,\s*stream\s*=>")]
    private static partial Regex StreamConsumerRegistration();

    [GeneratedRegex("MapHealthChecks\\(\"([^\"]+)\"")]
    private static partial Regex HealthEndpoint();
}
