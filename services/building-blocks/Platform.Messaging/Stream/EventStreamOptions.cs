namespace Platform.Messaging.Stream;

/// <summary>Section "Messaging:Stream": how a service reads its shards of the event stream.</summary>
public sealed class EventStreamOptions
{
    public const string SectionName = "Messaging:Stream";

    /// <summary>Most events applied in one transaction (a pack's events are counted one by one; a batch ends with a whole pack).</summary>
    public int BatchSize { get; set; } = 250;

    /// <summary>
    /// Unacknowledged deliveries (single events or packs of up to Messaging:Outbox:MaxEventsPerMessage) the broker may
    /// hand each shard's channel ahead of its batches.
    /// </summary>
    public int PrefetchPerShard { get; set; } = 200;

    /// <summary>Batches of different shards applied side by side (database connections in use at once).</summary>
    public int MaxParallelBatches { get; set; } = 4;

    /// <summary>
    /// Waits before each retry of an event whose handler failed for a reason of its own (a bug, a
    /// constraint), while the rest of its shard waits behind it to keep the order; after the last one it is
    /// set aside in the error queue. Failures of the database itself are retried without limit.
    /// </summary>
    /// <remarks>Null means <see cref="DefaultRetryDelays"/> (configuration binding would merge into a non-empty default array).</remarks>
    public TimeSpan[]? RetryDelays { get; set; }

    public static IReadOnlyList<TimeSpan> DefaultRetryDelays { get; } =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5)];

    public IReadOnlyList<TimeSpan> EffectiveRetryDelays => RetryDelays is { Length: > 0 } delays ? delays : DefaultRetryDelays;

    /// <summary>Longest wait between tries while the database is unreachable.</summary>
    public TimeSpan MaxOutageDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest wait between reconnections while the broker is unreachable.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// This instance's number among the service's instances, 0 to <see cref="InstanceCount"/> - 1 (e.g. a
    /// StatefulSet pod's ordinal). The instance reads its own shards (shard % count == index) and stands by on
    /// the others, taking one over while its owner is away.
    /// </summary>
    public int InstanceIndex { get; set; }

    /// <summary>How many instances of the service divide its shards; 1 (the default) reads every shard.</summary>
    public int InstanceCount { get; set; } = 1;

    /// <summary>
    /// How long an instance leaves other instances' shards to their owners after it connects, and how often, while
    /// it reads one of them, it checks whether the owner is back to hand the shard over.
    /// </summary>
    public TimeSpan TakeOverDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether the host's start waits until every queue is declared and bound (tests publish right after).</summary>
    public bool WaitUntilStarted { get; set; }
}
