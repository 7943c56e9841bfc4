using System.Diagnostics;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Messaging.Stream;

/// <summary>Links from a span that handles many events at once (a batch, a pack) to the first 32 distinct changes that caused them.</summary>
internal static class TraceLinks
{
    private const int MaxLinks = 32;

    /// <summary>The links, or null when nobody listens to the messaging spans.</summary>
    public static List<ActivityLink>? Of(IEnumerable<(string? TraceParent, string? TraceState)> causes)
    {
        if (!PlatformTelemetry.Messaging.HasListeners())
        {
            return null;
        }

        var links = new List<ActivityLink>();
        foreach (var (traceParent, traceState) in causes.DistinctBy(cause => cause.TraceParent, StringComparer.Ordinal).Take(MaxLinks))
        {
            if (traceParent is not null && ActivityContext.TryParse(traceParent, traceState, out var context))
            {
                links.Add(new ActivityLink(context));
            }
        }

        return links;
    }
}
