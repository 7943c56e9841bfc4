using System.Diagnostics;

namespace Platform.Bench;

/// <summary>Latency percentiles in milliseconds (nearest rank).</summary>
internal sealed record Percentiles(double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        if (sorted.Count == 0)
        {
            throw new InvalidOperationException("No timings to take percentiles of.");
        }

        return new Percentiles(At(0.5), At(0.95), At(0.99), sorted[^1]);

        double At(double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Max(0, Math.Ceiling(p * sorted.Count) - 1))];
    }
}

/// <summary>Requests timed as a user feels them: request sent to answer read.</summary>
internal static class RequestTimes
{
    /// <summary>GETs <paramref name="path"/> <paramref name="runs"/> times after <paramref name="warmUps"/> untimed ones, one at a time.</summary>
    public static async Task<Percentiles> GetAsync(HttpClient http, string path, int runs, int warmUps = 3)
    {
        ArgumentNullException.ThrowIfNull(http);
        var times = new List<double>(runs);
        for (var i = 0; i < runs + warmUps; i++)
        {
            var time = await TimeAsync(() => ReadAsync(http, path));
            if (i >= warmUps)
            {
                times.Add(time);
            }
        }

        return Percentiles.Of(times);
    }

    /// <summary>Milliseconds until <paramref name="work"/> is done.</summary>
    public static async Task<double> TimeAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var clock = Stopwatch.StartNew();
        await work();
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>A GET read to its end; throws unless it succeeded.</summary>
    public static async Task ReadAsync(HttpClient http, string path)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
    }
}
