using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Every cluster of the gateway has one destination (a service, or a Kubernetes Service in front of its pods). The gateway
/// starts beside the services (the local start no longer waits for all six first), so its first health probe may find a
/// service not up yet and mark it down until the next probe (10 s later). A request must still reach the service once it is
/// up: the probe's verdict alone never refuses a request. YARP's default policy, "HealthyOrPanic", does that (with no healthy
/// destination it tries them all); with "HealthyAndUnknown" (YARP's default before 2.1) this test gets a 503.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class GatewayPanicTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_service_that_comes_up_after_the_gateway_marked_it_down_gets_its_requests_at_once()
    {
        var port = LoopbackPorts.Free();
        // One failed probe marks the registry down, and the next probe is minutes away: only the policy can let a request through.
        await using var gateway = PlatformFixture.StartGateway(platform.Households, new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:households:Destinations:primary:Address"] = $"http://127.0.0.1:{port}",
            ["ReverseProxy:Clusters:households:HealthCheck:Active:Interval"] = "00:10:00",
            ["ReverseProxy:Clusters:households:Metadata:ConsecutiveFailuresHealthPolicy.Threshold"] = "1",
        });
        var token = await PlatformFixture.TokenAsync(gateway);
        var proxy = gateway.Services.GetRequiredService<IProxyStateLookup>();
        await Eventually.AssertAsync(
            () => Task.FromResult(proxy.TryGetCluster("households", out var cluster)
                && cluster.Destinations.TryGetValue("primary", out var destination)
                && destination.Health.Active == DestinationHealth.Unhealthy),
            TimeSpan.FromSeconds(30),
            "the gateway's first probe marks the registry, not up yet, down");

        // Answers the registry's figures on the port the gateway routes to (the routing, not the registry, is under test).
        await using var registry = await StandInServer.StartAsync(port, app => app.MapGet("/api/households/figures", () => "figures"));
        using var http = gateway.CreateHttpClient(token);
        using var response = await http.GetAsync(new Uri("/api/households/figures", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("figures", await response.Content.ReadAsStringAsync());
    }
}
