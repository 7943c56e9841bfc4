using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Platform.Contracts;

namespace Platform.Messaging.Outbox;

/// <summary>How an integration event becomes an outbox row and back.</summary>
public static class OutboxSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    private static readonly ConcurrentDictionary<string, Type> Types = new();

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
            Body = JsonSerializer.Serialize(integrationEvent, type, Options),
            PartitionKey = integrationEvent.PartitionKey,
            TraceParent = activity?.Id,
            TraceState = activity?.TraceStateString,
            CreatedAt = now,
        };
    }

    public static (object Message, Type Type) FromOutboxMessage(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = Types.GetOrAdd(message.MessageType, name => Type.GetType(name, throwOnError: true)!);
        var body = JsonSerializer.Deserialize(message.Body, type, Options)
            ?? throw new InvalidOperationException($"Outbox message {message.MessageId} has an empty body.");
        return (body, type);
    }
}
