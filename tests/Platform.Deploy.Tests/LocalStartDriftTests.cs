using System.Text.Json.Nodes;
using Platform.Deploy.Tests.Validation;

namespace Platform.Deploy.Tests;

/// <summary>The manifests cannot drift from the local start: every key it configures is configured here too.</summary>
public sealed class LocalStartDriftTests
{
    public static TheoryData<string> Hosts => [.. DeployManifests.Hosts];

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_key_the_local_start_sets_is_set_by_the_host_workload(string host)
    {
        var expected = LocalStartConfiguration.KeysOf(host);
        var manifests = DeployManifests.RenderCounty();

        var missing = LocalStartConfiguration.Missing(manifests, host, expected);

        Assert.True(missing.Count == 0, $"{host}: the local start sets {string.Join(", ", missing)}; its Deployment or StatefulSet (or a ConfigMap it reads) does not.");
        Assert.Contains("ConnectionStrings:audit", expected);
        Assert.Contains("Auth:Issuer", expected);
        Assert.Contains("ASPNETCORE_ENVIRONMENT", expected);
    }

    [Fact]
    public void The_local_start_keys_include_the_AppHost_variables_and_the_development_settings()
    {
        Assert.Contains("Identity:SigningKeys:0:PemFile", LocalStartConfiguration.KeysOf("gateway"));
        Assert.Contains("Identity:Clients:county-office:Secret", LocalStartConfiguration.KeysOf("gateway"));
        Assert.Contains("ConnectionStrings:rabbitmq", LocalStartConfiguration.KeysOf("education"));
        Assert.Contains("ConnectionStrings:households-owner", LocalStartConfiguration.KeysOf("households"));
        Assert.DoesNotContain("Identity:SigningKeys:0:PemFile", LocalStartConfiguration.KeysOf("households"));
    }

    [Fact]
    public void A_connection_string_left_out_of_a_deployment_is_found()
    {
        var manifests = DeployManifests.RenderCounty();
        var env = DeployManifests.Container(manifests, "households")["env"]!.AsArray();
        env.Remove(env.First(e => e!["name"]!.GetValue<string>() == "ConnectionStrings__audit"));

        Assert.Equal(["ConnectionStrings:audit"], LocalStartConfiguration.Missing(manifests, "households", LocalStartConfiguration.KeysOf("households")));
    }

    [Fact]
    public void A_new_key_of_the_local_start_is_found_until_the_manifests_set_it()
    {
        var manifests = DeployManifests.RenderCounty();
        var expected = LocalStartConfiguration.KeysOf("welfare").Append("Welfare:PaymentBank:Endpoint");

        Assert.Equal(["Welfare:PaymentBank:Endpoint"], LocalStartConfiguration.Missing(manifests, "welfare", expected));
    }

    [Fact]
    public void A_gateway_client_left_out_of_the_county_identity_is_found()
    {
        var manifests = DeployManifests.RenderCounty();
        var identity = manifests.Find("ConfigMap", "gateway-identity")!["data"]!.AsObject();
        foreach (var key in identity.Select(k => k.Key).Where(k => k.StartsWith("Identity__Clients__water-bureau__", StringComparison.Ordinal)).ToList())
        {
            identity.Remove(key);
        }

        var missing = LocalStartConfiguration.Missing(manifests, "gateway", LocalStartConfiguration.KeysOf("gateway"));

        Assert.Contains("Identity:Clients:water-bureau:Role", missing);
        Assert.Contains("Identity:Clients:water-bureau:Scopes:0", missing);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_Kestrel_endpoint_of_a_host_listens_on_a_port_its_pod_declares(string host)
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(DeployManifests.ProjectOf(host), "appsettings.json")))!;
        var manifests = DeployManifests.RenderCounty();
        var container = DeployManifests.Container(manifests, host);
        var env = container["env"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]?.GetValue<string>());

        foreach (var (endpoint, _) in settings["Kestrel"]!["Endpoints"]!.AsObject())
        {
            // appsettings.json binds 127.0.0.1 for the local start: unreachable from the pod's network.
            var url = Assert.Contains($"Kestrel__Endpoints__{endpoint}__Url", env);
            Assert.StartsWith("http://+:", url, StringComparison.Ordinal);
            var port = int.Parse(url!["http://+:".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var declared = Manifests.PortsOf(container).Single(p => p["name"]!.GetValue<string>() == endpoint.ToLowerInvariant());
            Assert.Equal(port, declared["containerPort"]!.GetValue<int>());
        }
    }

    [Fact]
    public void Every_route_of_the_gateway_goes_to_its_service_on_the_right_port()
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(DeployManifests.ProjectOf("gateway"), "appsettings.json")))!;
        var manifests = DeployManifests.RenderCounty();
        var routes = manifests.Find("ConfigMap", "gateway-routes")!["data"]!.AsObject();
        var clusters = settings["ReverseProxy"]!["Clusters"]!.AsObject();
        Assert.Equal(12, clusters.Count);

        foreach (var (cluster, definition) in clusters)
        {
            foreach (var (destination, _) in definition!["Destinations"]!.AsObject())
            {
                var address = new Uri(routes[$"ReverseProxy__Clusters__{cluster}__Destinations__{destination}__Address"]!.GetValue<string>());
                var service = manifests.Find("Service", address.Host);
                Assert.NotNull(service);
                var port = service["spec"]!["ports"]!.AsArray().Single(p => p!["port"]!.GetValue<int>() == address.Port)!;
                Assert.Equal(cluster.EndsWith("-grpc", StringComparison.Ordinal) ? "grpc" : "http", port["name"]!.GetValue<string>());
            }
        }
    }
}
