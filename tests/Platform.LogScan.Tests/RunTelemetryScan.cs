using Platform.Contracts.People;
using Platform.Testing;

namespace Platform.LogScan.Tests;

/// <summary>
/// Run by tests/run.sh once every other test has run: everything the run's services logged (every
/// log line with its structured state and scopes, at Information and above whatever the configured
/// levels) and every trace's names, tags and events, plus the run's console output.
/// </summary>
public class RunTelemetryScan
{
    [Fact]
    public void No_valid_resident_id_number_appears_in_anything_the_test_run_logged_or_traced()
    {
        var folder = Environment.GetEnvironmentVariable(TelemetryRecorder.RunFolderVariable);
        Assert.False(string.IsNullOrEmpty(folder), $"{TelemetryRecorder.RunFolderVariable} is not set: run this through tests/run.sh, after the other tests.");
        Assert.True(Directory.Exists(folder), $"No telemetry folder {folder}: did the other tests build and run?");
        var files = Directory.EnumerateFiles(folder, "*.log").ToList();
        var telemetryFiles = files.Count(f => Path.GetFileName(f).StartsWith("telemetry-", StringComparison.Ordinal));
        Assert.True(telemetryFiles > 0, $"No telemetry was recorded in {folder}: the scan would prove nothing.");

        var lines = 0L;
        var found = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadLines(file).Select(line =>
            {
                lines++;
                return line;
            });
            found.AddRange(TelemetryRecorder.ResidentIdNumbersIn(text).Select(id => $"{Path.GetFileName(file)}: {ResidentIdNumber.Mask(id)}"));
        }

        Assert.True(lines > 0, "Nothing was recorded: the scan would prove nothing.");
        Assert.Empty(found);
    }
}
