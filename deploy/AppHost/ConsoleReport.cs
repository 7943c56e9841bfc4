using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.AppHost;

/// <summary>
/// Mirrors what someone at the terminal wants to see to the AppHost's console: each resource's state
/// changes (starting, running, healthy, exited) and the demo county loader's output (its progress
/// line). Everything else stays in the dashboard. Started before the resources (BeforeStartEvent).
/// </summary>
internal sealed partial class ConsoleReport(
    ResourceNotificationService notifications,
    ResourceLoggerService logs)
{
    private readonly Dictionary<string, string> lastStates = new(StringComparer.Ordinal);
    private readonly HashSet<string> watchedLogs = new(StringComparer.Ordinal);

    public static void Register(IDistributedApplicationBuilder builder) =>
        builder.Eventing.Subscribe<BeforeStartEvent>((e, cancellationToken) =>
        {
            var report = new ConsoleReport(
                e.Services.GetRequiredService<ResourceNotificationService>(),
                e.Services.GetRequiredService<ResourceLoggerService>());
            var stopping = e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = Task.Run(() => report.WatchStatesAsync(stopping), CancellationToken.None);
            return Task.CompletedTask;
        });

    private async Task WatchStatesAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                if (change.Resource is ParameterResource)
                {
                    continue;
                }

                if (change.Resource.Name == LocalPorts.DemoCountyResource && watchedLogs.Add(change.ResourceId))
                {
                    _ = Task.Run(() => WatchLogsAsync(change.ResourceId, stoppingToken), CancellationToken.None);
                }

                var snapshot = change.Snapshot;
                var state = snapshot.State?.Text;
                if (string.IsNullOrEmpty(state) || state == KnownResourceStates.NotStarted)
                {
                    continue;
                }

                var text = state;
                if (snapshot.HealthStatus is { } health && state == KnownResourceStates.Running && change.Resource.TryGetAnnotationsOfType<HealthCheckAnnotation>(out _))
                {
                    text += $" ({health})";
                }

                if (snapshot.ExitCode is { } exitCode && KnownResourceStates.TerminalStates.Contains(state))
                {
                    text += string.Create(CultureInfo.InvariantCulture, $" (exit code {exitCode})");
                }

                var name = change.Resource.Name;
                if (lastStates.TryGetValue(name, out var last) && last == text)
                {
                    continue;
                }

                lastStates[name] = text;
                Write($"{name,-12} {text}");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WatchLogsAsync(string resourceId, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(stoppingToken))
            {
                foreach (var line in batch)
                {
                    Write($"{LocalPorts.DemoCountyResource,-12} | {LeadingTimestamp().Replace(line.Content, "")}");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static void Write(string text) =>
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.Now:HH:mm:ss} {text}"));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?\s")]
    private static partial Regex LeadingTimestamp();
}
