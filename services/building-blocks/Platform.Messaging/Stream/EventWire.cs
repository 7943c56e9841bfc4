using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Platform.Messaging.Stream;

/// <summary>
/// How an event looks on the wire: the body is the event as JSON (camelCase), the AMQP message id is the
/// event id (so every consumer's inbox recognises a redelivery), the AMQP type is the event type's full
/// name, and headers carry the partition key, the W3C trace context and the outbox sequence.
/// Consecutive events of one shard and one routing key may travel together as a pack (<see cref="PackContentType"/>):
/// one AMQP message whose body is a JSON array of the events, each with its own id, partition key, trace context
/// and sequence, in order. The broker then routes, stores and confirms one message where it handled dozens, and a
/// consumer reads each event of a pack as if it had come alone.
/// </summary>
public static class EventWire
{
    public const string ContentType = "application/json";
    public const string PartitionKeyHeader = "partition-key";
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";
    public const string SequenceHeader = "outbox-sequence";

    /// <summary>The content type of a pack of events (a JSON array of <see cref="PackedEvent"/>).</summary>
    public const string PackContentType = "application/vnd.platform.event-pack+json";

    /// <summary>How many events a pack holds (a header of the pack, for operators looking at a queue).</summary>
    public const string PackCountHeader = "pack-count";

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

    /// <summary>The properties of a pack: the type its events share, the first event's id, no partition key of its own.</summary>
    public static BasicProperties PackProperties(Guid firstMessageId, string eventType, int count, string appId) => new()
    {
        MessageId = firstMessageId.ToString(),
        Type = eventType,
        ContentType = PackContentType,
        DeliveryMode = DeliveryModes.Persistent,
        AppId = appId,
        Headers = new Dictionary<string, object?>(1) { [PackCountHeader] = count },
    };

    /// <summary>A pack's body: the events in order, each body written as it is (already JSON).</summary>
    public static byte[] WritePack(IEnumerable<PackedEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var e in events)
            {
                writer.WriteStartObject();
                writer.WriteString("id", e.MessageId);
                writer.WriteString("key", e.PartitionKey);
                if (e.TraceParent is not null)
                {
                    writer.WriteString("traceparent", e.TraceParent);
                }

                if (!string.IsNullOrEmpty(e.TraceState))
                {
                    writer.WriteString("tracestate", e.TraceState);
                }

                writer.WriteNumber("sequence", e.Sequence);
                writer.WritePropertyName("event");
                writer.WriteRawValue(e.Body, skipInputValidation: true);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The events of a pack, in order, each with the properties it would have had alone.</summary>
    /// <exception cref="JsonException">The body is not a pack.</exception>
    public static List<(BasicProperties Properties, byte[] Body)> ReadPack(IReadOnlyBasicProperties pack, ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("A pack of events is a JSON array");
        }

        var events = new List<(BasicProperties, byte[])>(document.RootElement.GetArrayLength());
        foreach (var e in document.RootElement.EnumerateArray())
        {
            var properties = Properties(
                e.GetProperty("id").GetGuid(),
                pack.Type ?? string.Empty,
                e.GetProperty("key").GetString() ?? string.Empty,
                e.TryGetProperty("traceparent", out var parent) ? parent.GetString() : null,
                e.TryGetProperty("tracestate", out var state) ? state.GetString() : null,
                e.GetProperty("sequence").GetInt64(),
                pack.AppId ?? string.Empty);
            properties.Timestamp = pack.Timestamp;
            events.Add((properties, JsonMarshal.GetRawUtf8Value(e.GetProperty("event")).ToArray()));
        }

        return events;
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

/// <summary>One event of a pack: what its own message would have carried.</summary>
public sealed record PackedEvent(Guid MessageId, string PartitionKey, string? TraceParent, string? TraceState, long Sequence, string Body);
