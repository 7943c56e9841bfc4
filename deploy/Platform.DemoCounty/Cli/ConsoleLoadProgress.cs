using System.Globalization;

namespace Platform.DemoCounty.Cli;

/// <summary>
/// Shows a load's progress: one updating line on a terminal, plain lines every few seconds otherwise
/// (logs, CI). Reports come from the loader's write loop, one at a time.
/// </summary>
public sealed class ConsoleLoadProgress(TextWriter output, bool interactive) : IProgress<LoadProgress>
{
    private TimeSpan? lastLine;
    private int width;

    /// <summary>Interval of the plain lines when the output is not a terminal.</summary>
    public TimeSpan PlainInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>What is counted ("households sent" by default).</summary>
    public string Unit { get; init; } = "households sent";

    public void Report(LoadProgress value)
    {
        var line = Format(value, Unit);
        if (interactive)
        {
            output.Write("\r" + line.PadRight(width));
            width = line.Length;
            if (value.Completed)
            {
                output.WriteLine();
            }

            output.Flush();
        }
        else if (value.Completed || lastLine is null || value.Elapsed - lastLine >= PlainInterval)
        {
            output.WriteLine(line);
            lastLine = value.Elapsed;
        }
    }

    public static string Format(LoadProgress p) => Format(p, "households sent");

    public static string Format(LoadProgress p, string unit)
    {
        var eta = p.Completed ? "done"
            : p.EstimatedRemaining is { } left ? $"ETA {(int)left.TotalMinutes:00}:{left.Seconds:00}"
            : "ETA --:--";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{p.Fraction * 100,5:0.0}%  {p.Sent,7:N0} / {p.Total:N0} {unit}  {p.RatePerSecond,7:N0}/s  {eta}  ({p.Elapsed.TotalSeconds:0.0} s)");
    }
}
