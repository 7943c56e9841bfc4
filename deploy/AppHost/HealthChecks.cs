using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.AppHost;

/// <summary>Healthy when each port accepts a TCP connection on 127.0.0.1.</summary>
internal sealed class TcpPortsHealthCheck(IReadOnlyList<int> ports) : IHealthCheck
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        foreach (var port in ports)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout);
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port} does not accept connections ({e.Message})"));
            }
        }

        return HealthCheckResult.Healthy();
    }
}

/// <summary>
/// Healthy when GET of the URL answers 200 "Healthy" (a service's /health/ready). A service answers 200
/// "Degraded" while its event stream is not connected yet: it takes requests, but its queues may not be
/// declared, and an event the registry publishes before then would reach no queue of that service. So
/// Degraded is not ready here: the demo county waits for it, now that the services start before RabbitMQ
/// is up and beside the gateway.
/// </summary>
internal sealed class HttpReadyHealthCheck(Uri url) : IHealthCheck
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await Http.GetAsync(url, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture, $"GET {url} answered {(int)response.StatusCode}"));
            }

            var status = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            return status == nameof(HealthStatus.Degraded)
                ? HealthCheckResult.Degraded($"GET {url} answered 200 {status}")
                : HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"GET {url} failed ({e.Message})");
        }
    }
}
