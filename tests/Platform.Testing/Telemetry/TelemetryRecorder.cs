using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Platform.Contracts.People;

namespace Platform.Testing;

/// <summary>
/// Records everything hosts log (message, state, scopes, exception) and every activity's name, tags
/// and events in this process, so a test can search them for what must never be there: in memory
/// for one test, or for the whole test run in a file of <see cref="RunFolderVariable"/> (tests/run.sh
/// sets it and scans the folder for resident ID numbers once every test has run).
/// </summary>
public sealed partial class TelemetryRecorder : ILoggerProvider
{
    /// <summary>Folder of the run's telemetry files; every <see cref="ServiceHost{TProgram}"/> records into it when set.</summary>
    public const string RunFolderVariable = "PLATFORM_TEST_TELEMETRY_DIR";

    private static readonly Lazy<TelemetryRecorder?> RunRecorder = new(CreateRunRecorder);

    private readonly ConcurrentQueue<string> lines = new();
    private readonly TextWriter? file;
    private readonly ActivityListener listener;
    private readonly bool keepLines;
    private readonly ConcurrentDictionary<string, byte> found = new(StringComparer.Ordinal);
    private long counted;

    public TelemetryRecorder()
        : this(file: null)
    {
    }

    private TelemetryRecorder(TextWriter? file, bool keepLines = true)
    {
        this.file = file;
        this.keepLines = keepLines;
        listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>The test run's recorder (one file per test process), or null outside tests/run.sh.</summary>
    public static TelemetryRecorder? ForRun => RunRecorder.Value;

    /// <summary>
    /// A recorder for long runs: it keeps no lines, only how many it saw and the resident ID numbers in
    /// them, scanned as they come (<see cref="Count"/> and <see cref="ResidentIdNumbers"/> work as usual).
    /// </summary>
    public static TelemetryRecorder Counting() => new(file: null, keepLines: false);

    public int Count => keepLines ? lines.Count : (int)Interlocked.Read(ref counted);

    public IEnumerable<string> Lines => lines;

    /// <summary>Every valid resident ID number (GB 11643, checked in full) found in what was recorded.</summary>
    public IReadOnlyList<string> ResidentIdNumbers() => keepLines ? ResidentIdNumbersIn(lines) : found.Keys.ToList();

    /// <summary>Every valid resident ID number (GB 11643, checked in full) in <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> ResidentIdNumbersIn(IEnumerable<string> text)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return text
            .SelectMany(line => Candidate().Matches(line).Select(m => m.Value))
            .Where(candidate => ResidentIdNumber.TryParse(candidate, today, out _, out _))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, Add);

    public void Dispose()
    {
        if (file is null)
        {
            listener.Dispose();
        }
    }

    private static TelemetryRecorder? CreateRunRecorder()
    {
        if (Environment.GetEnvironmentVariable(RunFolderVariable) is not { Length: > 0 } folder)
        {
            return null;
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"telemetry-{Environment.ProcessId}-{Guid.NewGuid():N}.log");
        var writer = TextWriter.Synchronized(new StreamWriter(path, append: false) { AutoFlush = true });
        return new TelemetryRecorder(writer);
    }

    private void Add(string line)
    {
        if (!keepLines)
        {
            Interlocked.Increment(ref counted);
            foreach (var number in ResidentIdNumbersIn([line]))
            {
                found.TryAdd(number, 0);
            }
        }
        else if (file is null)
        {
            lines.Enqueue(line);
        }
        else
        {
            file.WriteLine(line.ReplaceLineEndings(" "));
        }
    }

    private void Record(Activity activity)
    {
        var tags = string.Join(" ", activity.TagObjects.Select(t => $"{t.Key}={t.Value}"));
        var events = string.Join(" ", activity.Events.Select(e => e.Name + " " + string.Join(" ", e.Tags.Select(t => $"{t.Key}={t.Value}"))));
        Add($"activity {activity.Source.Name} {activity.DisplayName} {tags} {events} {activity.StatusDescription}");
    }

    [GeneratedRegex(@"\d{17}[\dXx]")]
    private static partial Regex Candidate();

    private sealed class RecordingLogger(string category, Action<string> add) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            add($"scope {category} {Describe(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            add($"log {logLevel} {category} {formatter(state, exception)} {Describe(state)} {exception}");
        }

        private static string Describe<T>(T state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : state?.ToString() ?? string.Empty;
    }
}
