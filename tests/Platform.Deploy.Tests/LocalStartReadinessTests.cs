using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.AppHost;
using Platform.Testing;

namespace Platform.Deploy.Tests;

/// <summary>
/// The local start's readiness check of a service (deploy/AppHost/HealthChecks.cs) against a real Kestrel answering as a
/// service's /health/ready does. The services start before RabbitMQ and beside the gateway, and the demo county waits for
/// each one's readiness: a service whose event stream is not connected yet (200 "Degraded") has not declared its queues,
/// so the registry's first events would reach no queue of it; it must not count as ready.
/// </summary>
public sealed class LocalStartReadinessTests : IAsyncLifetime
{
    private WebApplication? service;
    private string answer = "Healthy";
    private int status = StatusCodes.Status200OK;

    private Uri Ready => new(service!.Urls.Single() + "/health/ready");

    public async Task InitializeAsync() =>
        service = await StandInServer.StartAsync(0, app => app.MapGet("/health/ready", (HttpContext context) =>
        {
            context.Response.StatusCode = status;
            return context.Response.WriteAsync(answer);
        }));

    public async Task DisposeAsync()
    {
        if (service is not null)
        {
            await service.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_service_whose_event_stream_is_not_connected_yet_is_not_ready()
    {
        answer = "Degraded"; // what ASP.NET Core's health endpoint writes, with 200, for a degraded check

        var result = await new HttpReadyHealthCheck(Ready).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
    }

    [Fact]
    public async Task A_service_that_answers_healthy_is_ready()
    {
        var result = await new HttpReadyHealthCheck(Ready).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task A_service_that_answers_503_is_unhealthy()
    {
        (status, answer) = (StatusCodes.Status503ServiceUnavailable, "Unhealthy");

        var result = await new HttpReadyHealthCheck(Ready).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }
}
