using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Platform.Contracts.People;

namespace Platform.Testing;

/// <summary>
/// Records everything hosts log (message, state, scopes, exception) and every activity's name, tags
/// and events in this process, so a test can search them for what must never be there.
/// </summary>
public sealed partial class TelemetryRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();
    private readonly ActivityListener listener;

    public TelemetryRecorder()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public int Count => lines.Count;

    public IEnumerable<string> Lines => lines;

    /// <summary>Every valid resident ID number (GB 11643, checked in full) found in what was recorded.</summary>
    public IReadOnlyList<string> ResidentIdNumbers()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return lines
            .SelectMany(line => Candidate().Matches(line).Select(m => m.Value))
            .Where(candidate => ResidentIdNumber.TryParse(candidate, today, out _, out _))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, lines);

    public void Dispose() => listener.Dispose();

    private void Record(Activity activity)
    {
        var tags = string.Join(" ", activity.TagObjects.Select(t => $"{t.Key}={t.Value}"));
        var events = string.Join(" ", activity.Events.Select(e => e.Name + " " + string.Join(" ", e.Tags.Select(t => $"{t.Key}={t.Value}"))));
        lines.Enqueue($"activity {activity.Source.Name} {activity.DisplayName} {tags} {events} {activity.StatusDescription}");
    }

    [GeneratedRegex(@"\d{17}[\dXx]")]
    private static partial Regex Candidate();

    private sealed class RecordingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"scope {category} {Describe(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            lines.Enqueue($"log {logLevel} {category} {formatter(state, exception)} {Describe(state)} {exception}");
        }

        private static string Describe<T>(T state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : state?.ToString() ?? string.Empty;
    }
}
