using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Platform.Messaging.Stream;

/// <summary>
/// How an event looks on the wire: the body is the event as JSON (camelCase), the AMQP message id is the
/// event id (so every consumer's inbox recognises a redelivery), the AMQP type is the event type's full
/// name, and headers carry the partition key, the W3C trace context and the outbox sequence.
/// </summary>
public static class EventWire
{
    public const string ContentType = "application/json";
    public const string PartitionKeyHeader = "partition-key";
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";
    public const string SequenceHeader = "outbox-sequence";

    /// <summary>Why an event was set aside (error queue only).</summary>
    public const string ErrorReasonHeader = "x-error-reason";

    /// <summary>The shard queue an event was set aside from, where a requeue sends it back.</summary>
    public const string OriginalQueueHeader = "x-original-queue";

    public const string FailedAtHeader = "x-failed-at";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static BasicProperties Properties(Guid messageId, string eventType, string partitionKey, string? traceParent, string? traceState, long? sequence, string appId)
    {
        var headers = new Dictionary<string, object?>(4) { [PartitionKeyHeader] = partitionKey };
        if (traceParent is not null)
        {
            headers[TraceParentHeader] = traceParent;
        }

        if (!string.IsNullOrEmpty(traceState))
        {
            headers[TraceStateHeader] = traceState;
        }

        if (sequence is not null)
        {
            headers[SequenceHeader] = sequence.Value;
        }

        return new BasicProperties
        {
            MessageId = messageId.ToString(),
            Type = eventType,
            ContentType = ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            AppId = appId,
            Headers = headers,
        };
    }

    /// <summary>A header as text (RabbitMQ hands string headers back as UTF-8 bytes).</summary>
    public static string? Header(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers is { } headers && headers.TryGetValue(name, out var value) ? AsText(value) : null;

    public static string? AsText(object? value) => value switch
    {
        null => null,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        string text => text,
        _ => value.ToString(),
    };
}
