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

        Assert.Contains("StatefulSet/education container education: readinessProbe uses port \"htp\"", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelled_field_is_refused_by_the_schema()
    {
        var manifests = DeployManifests.RenderCounty();
        var probe = DeployManifests.Container(manifests, "households")["livenessProbe"]!.AsObject();
        probe["periodSecond"] = probe["periodSeconds"]!.DeepClone();
        probe.Remove("periodSeconds");

        var problem = Assert.Single(ManifestCheck.Problems(manifests.Objects));

        Assert.StartsWith("StatefulSet/households: does not match the apps/v1 StatefulSet schema", problem, StringComparison.Ordinal);
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

        Assert.Contains(problems, p => p.StartsWith("StatefulSet/welfare: does not match", StringComparison.Ordinal) && p.Contains("name", StringComparison.Ordinal));
    }

    [Fact]
    public void A_deployment_without_resources_is_refused()
    {
        var manifests = DeployManifests.RenderCounty();
        DeployManifests.Container(manifests, "industry").Remove("resources");

        var problems = ManifestCheck.Problems(manifests.Objects);

        Assert.Contains("StatefulSet/industry container industry: no resources.requests.cpu (size it from a measured figure and say which)", problems);
        Assert.Contains("StatefulSet/industry container industry: no resources.limits.memory (size it from a measured figure and say which)", problems);
        // The autoscaler's CPU target means nothing without a CPU request.
        Assert.Contains("HorizontalPodAutoscaler/industry: scales on CPU utilization, but StatefulSet/industry requests no CPU", problems);
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

        Assert.Contains("StatefulSet/ecology container ecology: ConnectionStrings__ecology uses $(DATABASE_APP_PASSWORD), which is not defined before it", problems);
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

        Assert.Contains("Cluster/households-db: its clients may open 416 connections (autoscaler maximum, + 1 per Deployment's rolling update, × pool sizes), max_connections is 300 (10 kept for the server)", problems);
    }

    [Fact]
    public void A_consumer_without_an_autoscaler_or_a_disruption_budget_is_refused()
    {
        var manifests = DeployManifests.RenderCounty();
        var objects = manifests.Objects
            .Where(o => !(Kustomization.NameOf(o) == "welfare" && Kustomization.KindOf(o) is "HorizontalPodAutoscaler" or "PodDisruptionBudget"))
            .ToList();

        var problems = ManifestCheck.Problems(objects);

        Assert.Contains("StatefulSet/welfare: a consumer of the event stream without a HorizontalPodAutoscaler", problems);
        Assert.Contains("StatefulSet/welfare: 0 PodDisruptionBudgets select its pods (want exactly one)", problems);
    }

    [Fact]
    public void A_consumer_run_as_a_Deployment_is_refused()
    {
        var manifests = DeployManifests.RenderCounty();
        var welfare = manifests.Find("StatefulSet", "welfare")!;
        welfare["kind"] = "Deployment";
        var spec = welfare["spec"]!.AsObject();
        spec.Remove("serviceName");
        spec.Remove("podManagementPolicy");
        spec.Remove("updateStrategy");
        manifests.Find("HorizontalPodAutoscaler", "welfare")!["spec"]!["scaleTargetRef"]!["kind"] = "Deployment";

        var problem = Assert.Single(ManifestCheck.Problems(manifests.Objects));

        Assert.Equal("Deployment/welfare: a consumer of the event stream as a Deployment: its pods have no ordinal for Messaging__Stream__InstanceIndex (make it a StatefulSet)", problem);
    }

    [Theory]
    [InlineData("2", "StatefulSet/education container education: Messaging__Stream__InstanceCount is 2, but HorizontalPodAutoscaler/education may run 4: a pod with an ordinal from 2 on would refuse to start")]
    [InlineData("8", "StatefulSet/education container education: Messaging__Stream__InstanceCount is 8, but HorizontalPodAutoscaler/education may run 4: the shards of ordinals 4 … 7 would never have a reader of their own")]
    [InlineData("four", "StatefulSet/education container education: Messaging__Stream__InstanceCount is not a count of instances (want 4: HorizontalPodAutoscaler/education may run 4)")]
    public void An_instance_count_other_than_the_autoscaler_maximum_is_refused(string count, string expected)
    {
        var manifests = DeployManifests.RenderCounty();
        Variable(manifests, "education", "Messaging__Stream__InstanceCount")["value"] = count;

        var problem = Assert.Single(ManifestCheck.Problems(manifests.Objects));

        Assert.Equal(expected, problem);
    }

    [Fact]
    public void An_autoscaler_raised_without_the_instance_count_is_refused()
    {
        var manifests = DeployManifests.RenderCounty();
        manifests.Find("HorizontalPodAutoscaler", "relocation")!["spec"]!["maxReplicas"] = 5;

        var problem = Assert.Single(ManifestCheck.Problems(manifests.Objects));

        Assert.Equal("StatefulSet/relocation container relocation: Messaging__Stream__InstanceCount is 4, but HorizontalPodAutoscaler/relocation may run 5: a pod with an ordinal from 4 on would refuse to start", problem);
    }

    [Fact]
    public void An_instance_index_not_taken_from_the_pod_ordinal_is_refused()
    {
        var manifests = DeployManifests.RenderCounty();
        var index = Variable(manifests, "industry", "Messaging__Stream__InstanceIndex");
        index.Remove("valueFrom");
        index["value"] = "0";

        var problem = Assert.Single(ManifestCheck.Problems(manifests.Objects));

        Assert.Equal("StatefulSet/industry container industry: Messaging__Stream__InstanceIndex does not come from the pod's ordinal (fieldRef metadata.labels['apps.kubernetes.io/pod-index'])", problem);
    }

    [Fact]
    public void A_consumer_whose_pods_start_one_after_another_or_without_its_headless_service_is_refused()
    {
        var manifests = DeployManifests.RenderCounty();
        manifests.Find("StatefulSet", "households")!["spec"]!["podManagementPolicy"] = "OrderedReady";
        var objects = manifests.Objects.Where(o => !(Kustomization.KindOf(o) == "Service" && Kustomization.NameOf(o) == "ecology-instances")).ToList();

        var problems = ManifestCheck.Problems(objects);

        Assert.Equal(
            [
                "StatefulSet/households: podManagementPolicy is not Parallel: each pod would wait for the one before it to be ready, its shards read by another meanwhile",
                "StatefulSet/ecology: serviceName 'ecology-instances' is not a headless Service in the manifests selecting its pods",
            ],
            problems);
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
                kind: StatefulSet
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

            Assert.Equal(["StatefulSet/households container households: readinessProbe uses port \"health\", which the container does not declare"], problems);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static JsonObject Variable(Manifests manifests, string host, string name) =>
        DeployManifests.Container(manifests, host)["env"]!.AsArray().OfType<JsonObject>().Single(v => v["name"]!.GetValue<string>() == name);

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
