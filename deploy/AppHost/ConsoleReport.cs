using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.AppHost;

/// <summary>
/// What someone at the terminal wants to see, without the dashboard: each resource's state changes
/// (starting, running, healthy, exited) and the demo county loader's output on the AppHost's
/// console, and every resource's console output in <c>.data/logs/NAME.log</c> (rewritten at each
/// start). Started before the resources (BeforeStartEvent), so nothing is missed.
/// </summary>
internal sealed partial class ConsoleReport(
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    string logDirectory)
{
    private readonly Dictionary<string, string> lastStates = new(StringComparer.Ordinal);
    private readonly HashSet<string> watchedLogs = new(StringComparer.Ordinal);

    public static void Register(IDistributedApplicationBuilder builder, string logDirectory) =>
        builder.Eventing.Subscribe<BeforeStartEvent>((e, cancellationToken) =>
        {
            Directory.CreateDirectory(logDirectory);
            var report = new ConsoleReport(
                e.Services.GetRequiredService<ResourceNotificationService>(),
                e.Services.GetRequiredService<ResourceLoggerService>(),
                logDirectory);
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
                if (change.Resource is ParameterResource || change.Snapshot.IsHidden)
                {
                    continue;
                }

                if (watchedLogs.Add(change.ResourceId))
                {
                    var name = change.Resource.Name;
                    _ = Task.Run(() => WatchLogsAsync(name, change.ResourceId, stoppingToken), CancellationToken.None);
                }

                ReportState(change);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void ReportState(ResourceEvent change)
    {
        var snapshot = change.Snapshot;
        var state = snapshot.State?.Text;
        if (string.IsNullOrEmpty(state) || state == KnownResourceStates.NotStarted)
        {
            return;
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
            return;
        }

        lastStates[name] = text;
        Write($"{name,-12} {text}");
    }

    private async Task WatchLogsAsync(string name, string resourceId, CancellationToken stoppingToken)
    {
        var toConsole = name == LocalPorts.DemoCountyResource;
        StreamWriter? file = null;
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(stoppingToken))
            {
                file ??= new StreamWriter(Path.Combine(logDirectory, name + ".log"), append: false, new UTF8Encoding(false)) { AutoFlush = true };
                foreach (var line in batch)
                {
                    await file.WriteLineAsync(AnsiEscape().Replace(line.Content, ""));

                    // The orchestrator's own lines about the process (its command line holds the
                    // demo client secret) stay in the file and the dashboard.
                    var content = LeadingTimestamp().Replace(line.Content, "");
                    if (toConsole && !content.StartsWith("[sys]", StringComparison.Ordinal))
                    {
                        Write($"{name,-12} | {content}");
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (IOException e)
        {
            Write($"{name,-12} (cannot write {name}.log: {e.Message})");
        }
        finally
        {
            if (file is not null)
            {
                await file.DisposeAsync();
            }
        }
    }

    private static void Write(string text) =>
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.Now:HH:mm:ss} {text}"));

    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex AnsiEscape();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?\s")]
    private static partial Regex LeadingTimestamp();
}
