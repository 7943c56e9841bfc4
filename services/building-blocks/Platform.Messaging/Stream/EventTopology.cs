using System.Text;

namespace Platform.Messaging.Stream;

/// <summary>
/// Where events travel on RabbitMQ. Every service publishes to one direct exchange with the routing key
/// "{shard}.{event type}": the shard is a stable hash of the event's partition key (a household), so all
/// events of one household reach the same queue of every consumer, in the order they were published.
/// Each consuming service has <see cref="ShardCount"/> queues, each bound to the event types it
/// handles in its shard, and reads each queue one batch at a time.
/// </summary>
public static class EventTopology
{
    /// <summary>
    /// The exchange every integration event is published to (durable). Direct, not topic: every binding is an exact
    /// "{shard}.{event type}", and the broker routes a direct key with one lookup where a topic exchange walks its
    /// trie word by word ("3.Platform.Contracts.Households.HouseholdRegistered" has five). The topic exchange
    /// "platform.events" of earlier versions is no longer published to.
    /// </summary>
    public const string Exchange = "platform.stream";

    /// <summary>The type of <see cref="Exchange"/>.</summary>
    public const string ExchangeType = RabbitMQ.Client.ExchangeType.Direct;

    /// <summary>
    /// Shards per consuming service: the most batches of one service that can run side by side. Fixed
    /// for the platform (publishers and consumers must agree); changing it re-partitions every stream,
    /// which must be done with the outboxes and queues drained.
    /// </summary>
    public const int ShardCount = 16;

    /// <summary>The shard of a partition key: FNV-1a over its UTF-8 bytes, stable across processes and runs.</summary>
    public static int ShardOf(string partitionKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        const uint offset = 2166136261, prime = 16777619;
        var hash = offset;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(partitionKey) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(partitionKey, buffer)]
            : Encoding.UTF8.GetBytes(partitionKey);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * prime;
        }

        return (int)(hash % ShardCount);
    }

    /// <summary>The routing key of an event: its shard and its type's full name (the wire contract).</summary>
    public static string RoutingKey(int shard, string eventType) => $"{shard}.{eventType}";

    /// <summary>The routing key of an event addressed to one service only (a catch-up for that service).</summary>
    public static string AddressedRoutingKey(int shard, string eventType, string audience) => $"{shard}.{eventType}.to.{audience}";

    /// <summary>Queue of one shard of a service's stream, e.g. "education-events-03".</summary>
    public static string QueueName(string service, int shard) => $"{service}-events-{shard:00}";

    /// <summary>Where a service's stream sets aside the events it could not apply after its retries.</summary>
    public static string ErrorQueueName(string service) => $"{service}-events-error";

    /// <summary>Every shard queue of a service.</summary>
    public static IEnumerable<string> QueueNames(string service) => Enumerable.Range(0, ShardCount).Select(shard => QueueName(service, shard));
}
