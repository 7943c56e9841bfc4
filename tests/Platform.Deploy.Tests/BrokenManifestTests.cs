using System.Text.Json.Nodes;
using Platform.Deploy.Tests.Rendering;
using Platform.Deploy.Tests.Validation;

namespace Platform.Deploy.Tests;

/// <summary>
/// The checks fail on wrong manifests: each test breaks one thing in a fresh render of the county overlay
/// (or in a copy of deploy/k8s on disk) and expects the problem to be named.
/// </summary>
public sealed class BrokenManifestTests
{
    [Fact]
    public void A_probe_on_a_port_name_the_container_does_not_have_is_refused()
    {
        var manifests = DeployManifests.RenderCounty();
        DeployManifests.Container(manifests, "education")["readinessProbe"]!["httpGet"]!["port"] = "htp";

        var problem = Assert.Single(ManifestCheck.Problems(manifests.Objects));

        Assert.Contains("Deployment/education container education: readinessProbe uses port \"htp\"", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelled_field_is_refused_by_the_schema()
    {
        var manifests = DeployManifests.RenderCounty();
        var probe = DeployManifests.Container(manifests, "households")["livenessProbe"]!.AsObject();
        probe["periodSecond"] = probe["periodSeconds"]!.DeepClone();
        probe.Remove("periodSeconds");

        var problem = Assert.Single(ManifestCheck.Problems(manifests.Objects));

        Assert.StartsWith("Deployment/households: does not match the apps/v1 Deployment schema", problem, StringComparison.Ordinal);
        Assert.Contains("/spec/template/spec/containers/0/livenessProbe", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_by_the_schema()
    {
        var manifests = DeployManifests.RenderCounty();
        manifests.Find("Deployment", "gateway")!["spec"]!["replicas"] = "2";

        var problems = ManifestCheck.Problems(manifests.Objects);

        Assert.Contains(problems, p => p.StartsWith("Deployment/gateway: does not match the apps/v1 Deployment schema", StringComparison.Ordinal) && p.Contains("/spec/replicas", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_required_field_is_refused_by_the_schema()
    {
        var manifests = DeployManifests.RenderCounty();
        DeployManifests.Container(manifests, "welfare").Remove("name");

        var problems = ManifestCheck.Problems(manifests.Objects);

        Assert.Contains(problems, p => p.StartsWith("Deployment/welfare: does not match", StringComparison.Ordinal) && p.Contains("name", StringComparison.Ordinal));
    }

    [Fact]
    public void A_deployment_without_resources_is_refused()
    {
        var manifests = DeployManifests.RenderCounty();
        DeployManifests.Container(manifests, "industry").Remove("resources");

        var problems = ManifestCheck.Problems(manifests.Objects);

        Assert.Contains("Deployment/industry container industry: no resources.requests.cpu (size it from a measured figure and say which)", problems);
        Assert.Contains("Deployment/industry container industry: no resources.limits.memory (size it from a measured figure and say which)", problems);
        // The autoscaler's CPU target means nothing without a CPU request.
        Assert.Contains("HorizontalPodAutoscaler/industry: scales on CPU utilization, but Deployment/industry requests no CPU", problems);
    }

    [Fact]
    public void A_database_cluster_with_a_misspelled_field_is_refused_by_the_CloudNativePG_schema()
    {
        var manifests = DeployManifests.RenderCounty();
        var storage = manifests.Find("Cluster", "households-db")!["spec"]!["storage"]!.AsObject();
        storage["sise"] = "10Gi";

        var problem = Assert.Single(ManifestCheck.Problems(manifests.Objects));

        Assert.StartsWith("Cluster/households-db: does not match the postgresql.cnpg.io/v1 Cluster schema", problem, StringComparison.Ordinal);
        Assert.Contains("/spec/storage", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broker_with_a_wrong_type_is_refused_by_the_RabbitmqCluster_schema()
    {
        var manifests = DeployManifests.RenderCounty();
        manifests.Find("RabbitmqCluster", "platform-rabbitmq")!["spec"]!["replicas"] = "three";

        var problem = Assert.Single(ManifestCheck.Problems(manifests.Objects));

        Assert.StartsWith("RabbitmqCluster/platform-rabbitmq: does not match the rabbitmq.com/v1beta1 RabbitmqCluster schema", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_monitor_with_a_misspelled_field_is_refused_by_its_schema()
    {
        var manifests = DeployManifests.RenderCounty();
        manifests.Find("ServiceMonitor", "gateway")!["spec"]!["endpoints"]![0]!["intervall"] = "30s";

        var problem = Assert.Single(ManifestCheck.Problems(manifests.Objects));

        Assert.StartsWith("ServiceMonitor/gateway: does not match the monitoring.coreos.com/v1 ServiceMonitor schema", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kind_with_no_known_schema_is_refused()
    {
        var manifests = DeployManifests.RenderCounty();
        var list = manifests.Objects.ToList();
        list.Add(new JsonObject { ["apiVersion"] = "example.com/v1", ["kind"] = "Widget", ["metadata"] = new JsonObject { ["name"] = "w" } });

        var problem = Assert.Single(ManifestCheck.Problems(list));

        Assert.Equal("Widget/w: no schema for example.com/v1 Widget (neither a Kubernetes kind nor a vendored CRD)", problem);
    }

    [Fact]
    public void A_variable_used_before_it_is_defined_is_refused()
    {
        var manifests = DeployManifests.RenderCounty();
        var env = DeployManifests.Container(manifests, "ecology")["env"]!.AsArray();
        var password = env.First(e => e!["name"]!.GetValue<string>() == "DATABASE_APP_PASSWORD")!;
        env.Remove(password);
        env.Add(password);

        var problems = ManifestCheck.Problems(manifests.Objects);

        Assert.Contains("Deployment/ecology container ecology: ConnectionStrings__ecology uses $(DATABASE_APP_PASSWORD), which is not defined before it", problems);
    }

    [Fact]
    public void A_service_whose_target_port_no_pod_names_is_refused()
    {
        var manifests = DeployManifests.RenderCounty();
        manifests.Find("Service", "relocation")!["spec"]!["ports"]![1]!["targetPort"] = "grcp";

        var problem = Assert.Single(ManifestCheck.Problems(manifests.Objects));

        Assert.Equal("Service/relocation: targetPort 'grcp' is not a named port of the pods it selects", problem);
    }

    [Fact]
    public void A_scrape_of_a_port_the_service_does_not_have_is_refused()
    {
        var manifests = DeployManifests.RenderCounty();
        manifests.Find("ServiceMonitor", "gateway")!["spec"]!["endpoints"]![0]!["port"] = "http-metrics";

        var problems = ManifestCheck.Problems(manifests.Objects);

        Assert.Contains("ServiceMonitor/gateway: scrapes port 'http-metrics', which Service/gateway-management does not have", problems);
    }

    [Fact]
    public void More_instances_than_the_database_has_connections_for_are_refused()
    {
        var manifests = DeployManifests.RenderCounty();
        manifests.Find("HorizontalPodAutoscaler", "households")!["spec"]!["maxReplicas"] = 8;

        var problems = ManifestCheck.Problems(manifests.Objects);

        Assert.Contains("Cluster/households-db: its clients may open 468 connections (autoscaler maximum + 1 per Deployment × pool sizes), max_connections is 300 (10 kept for the server)", problems);
    }

    [Fact]
    public void A_consumer_without_an_autoscaler_or_a_disruption_budget_is_refused()
    {
        var manifests = DeployManifests.RenderCounty();
        var objects = manifests.Objects
            .Where(o => !(Kustomization.NameOf(o) == "welfare" && Kustomization.KindOf(o) is "HorizontalPodAutoscaler" or "PodDisruptionBudget"))
            .ToList();

        var problems = ManifestCheck.Problems(objects);

        Assert.Contains("Deployment/welfare: a consumer of the event stream without a HorizontalPodAutoscaler", problems);
        Assert.Contains("Deployment/welfare: 0 PodDisruptionBudgets select its pods (want exactly one)", problems);
    }

    [Fact]
    public void A_wrong_patch_in_a_copy_of_the_overlay_on_disk_fails_the_render_or_the_check()
    {
        var copy = Directory.CreateTempSubdirectory("k8s-copy-").FullName;
        try
        {
            CopyDirectory(DeployManifests.Root, copy);
            var overlay = Path.Combine(copy, "overlays", "county");
            File.WriteAllText(Path.Combine(overlay, "broken.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: households
                spec:
                  template:
                    spec:
                      containers:
                        - name: households
                          readinessProbe:
                            httpGet:
                              port: health
                """);
            var kustomization = Path.Combine(overlay, "kustomization.yaml");
            File.WriteAllText(kustomization, File.ReadAllText(kustomization)
                .Replace("  - path: gateway-secrets.yaml\n", "  - path: gateway-secrets.yaml\n  - path: broken.yaml\n", StringComparison.Ordinal));

            var problems = ManifestCheck.Problems(Kustomization.Render(overlay));

            Assert.Equal(["Deployment/households container households: readinessProbe uses port \"health\", which the container does not declare"], problems);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }
}
