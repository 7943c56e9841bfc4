using System.Text.Json;
using Microsoft.Playwright;

namespace Platform.EndToEnd.Tests.Portal;

/// <summary>
/// A Chromium performance trace of one page (what DevTools' Performance panel records: scripts, style, layout, paint),
/// through the DevTools protocol: Playwright .NET has no tracing API of the browser's own. For diagnosing a slow load.
/// </summary>
public sealed class ChromiumTrace
{
    private readonly ICDPSession session;
    private readonly List<JsonElement> events = [];
    private readonly TaskCompletionSource complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChromiumTrace(ICDPSession session) => this.session = session;

    public static async Task<ChromiumTrace> StartAsync(Browsing browsing)
    {
        var trace = new ChromiumTrace(await browsing.Context.NewCDPSessionAsync(browsing.Page));
        trace.session.Event("Tracing.dataCollected").OnEvent += (_, collected) =>
        {
            lock (trace.events)
            {
                trace.events.AddRange(collected!.Value.GetProperty("value").EnumerateArray().Select(e => e.Clone()));
            }
        };
        trace.session.Event("Tracing.tracingComplete").OnEvent += (_, _) => trace.complete.TrySetResult();
        await trace.session.SendAsync("Tracing.start", new Dictionary<string, object>
        {
            ["categories"] = "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink,loading,toplevel,disabled-by-default-v8.cpu_profiler",
            ["transferMode"] = "ReportEvents",
        });
        return trace;
    }

    /// <summary>Ends the trace and writes it as Chrome's trace format ({"traceEvents": […]}).</summary>
    public async Task SaveAsync(string path)
    {
        await session.SendAsync("Tracing.end");
        await complete.Task.WaitAsync(TimeSpan.FromSeconds(30));
        lock (events)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(new { traceEvents = events }));
        }
    }
}
