using System.Diagnostics;
using System.Text.Json;
using Platform.Contracts;
using Platform.Messaging.Stream;

namespace Platform.Messaging.Outbox;

/// <summary>How an integration event becomes an outbox row.</summary>
public static class OutboxSerializer
{
    /// <summary>W3C asks vendors to propagate at least 512 characters of tracestate; we keep at most that.</summary>
    public const int MaxTraceStateLength = 512;

    /// <param name="continueTrace">
    /// Whether consumers continue the current trace. A bulk import leaves it off: one request
    /// causing tens of thousands of events would make a trace no one can open.
    /// </param>
    public static OutboxMessage ToOutboxMessage(IIntegrationEvent integrationEvent, DateTimeOffset now, bool continueTrace = true)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var type = integrationEvent.GetType();
        var activity = continueTrace ? Activity.Current : null;
        return new OutboxMessage
        {
            MessageId = integrationEvent.EventId,
            MessageType = $"{type.FullName}, {type.Assembly.GetName().Name}",
            Body = JsonSerializer.Serialize(integrationEvent, type, EventWire.Json),
            PartitionKey = integrationEvent.PartitionKey,
            Audience = (integrationEvent as IAddressedEvent)?.Audience,
            TraceParent = activity?.Id,
            TraceState = BoundedTraceState(activity?.TraceStateString),
            CreatedAt = now,
        };
    }

    /// <summary>
    /// The caller's tracestate as far as it fits: whole list members from the left (the most recent
    /// vendors come first), so a long or hostile header never fails the caller's write.
    /// </summary>
    public static string? BoundedTraceState(string? traceState)
    {
        if (string.IsNullOrEmpty(traceState) || traceState.Length <= MaxTraceStateLength)
        {
            return string.IsNullOrEmpty(traceState) ? null : traceState;
        }

        var cut = traceState.LastIndexOf(',', MaxTraceStateLength);
        return cut <= 0 ? null : traceState[..cut];
    }
}
