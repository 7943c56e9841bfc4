using Platform.Messaging.Stream;
using RabbitMQ.Client;

namespace Platform.Messaging;

/// <summary>
/// Events a service could not apply after its retries wait in its error queue ("{service}-events-error"),
/// with the reason and the shard queue they came from in their headers. Once the cause is fixed, an
/// operator sends them back to their shard queue; the inbox still makes each count once.
/// </summary>
public static class ErrorQueues
{
    /// <summary>Events waiting in <paramref name="service"/>'s error queue (0 when there is none).</summary>
    public static async Task<uint> CountAsync(Uri rabbitMq, string service, CancellationToken cancellationToken = default)
    {
        await using var connection = await Connect(rabbitMq, cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(EventTopology.ErrorQueueName(service), cancellationToken)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }

    /// <summary>The waiting events' types, ids and reasons, without taking them off the queue (at most <paramref name="max"/>).</summary>
    public static async Task<IReadOnlyList<SetAsideEvent>> PeekAsync(Uri rabbitMq, string service, int max = 50, CancellationToken cancellationToken = default)
    {
        await using var connection = await Connect(rabbitMq, cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var found = new List<SetAsideEvent>();
        try
        {
            while (found.Count < max && await channel.BasicGetAsync(EventTopology.ErrorQueueName(service), autoAck: false, cancellationToken) is { } message)
            {
                var properties = message.BasicProperties;
                found.Add(new SetAsideEvent(
                    properties.MessageId, properties.Type, EventWire.Header(properties, EventWire.ErrorReasonHeader),
                    EventWire.Header(properties, EventWire.OriginalQueueHeader), EventWire.Header(properties, EventWire.FailedAtHeader)));
            }
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // No error queue: nothing set aside.
        }

        // Closing the channel without acks puts every peeked message back.
        return found;
    }

    /// <summary>
    /// Moves up to <paramref name="max"/> events from the error queue back to the shard queues they came
    /// from, one at a time: each is taken off the error queue only once the broker has confirmed it back.
    /// Returns how many were moved.
    /// </summary>
    public static async Task<int> RequeueAsync(Uri rabbitMq, string service, int max = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        await using var connection = await Connect(rabbitMq, cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        var moved = 0;
        while (moved < max && await channel.BasicGetAsync(EventTopology.ErrorQueueName(service), autoAck: false, cancellationToken) is { } message)
        {
            var properties = new BasicProperties(message.BasicProperties);
            var queue = EventWire.Header(message.BasicProperties, EventWire.OriginalQueueHeader)
                ?? EventTopology.QueueName(service, EventTopology.ShardOf(EventWire.Header(message.BasicProperties, EventWire.PartitionKeyHeader) ?? string.Empty));
            // The failure's headers describe the failed attempt, not the event.
            properties.Headers?.Remove(EventWire.ErrorReasonHeader);
            properties.Headers?.Remove(EventWire.OriginalQueueHeader);
            properties.Headers?.Remove(EventWire.FailedAtHeader);
            await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        return moved;
    }

    private static Task<IConnection> Connect(Uri rabbitMq, CancellationToken cancellationToken) =>
        BrokerConnections.Factory(rabbitMq, "platform-ops").CreateConnectionAsync(cancellationToken);
}

/// <summary>An event waiting in an error queue: what it is and why it was set aside.</summary>
public sealed record SetAsideEvent(string? MessageId, string? EventType, string? Reason, string? OriginalQueue, string? FailedAt);
