namespace Platform.Messaging.Outbox;

/// <summary>Section "Messaging:Outbox".</summary>
public sealed class OutboxOptions
{
    /// <summary>Longest wait between looks at the outbox when no commit that wrote to it wakes the dispatcher.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows read and published per round: larger rounds spread the broker's confirm latency over more messages (measured: 1,000 → 5,000 took the registry's dispatch from about 3,000 to 3,500+ events/s on the shared 2-core machine).</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>
    /// Most events in one message: consecutive rows of a shard with one routing key travel as a pack, so the broker
    /// routes, stores and confirms one message for them (1 publishes every event alone).
    /// </summary>
    public int MaxEventsPerMessage { get; set; } = 50;

    /// <summary>About the largest pack, in bytes of event bodies (a single event is never cut).</summary>
    public int MaxMessageBytes { get; set; } = 256 * 1024;

    /// <summary>How long the broker may confirm nothing of a batch under way before the link counts as broken.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest wait between tries while the broker or the database is down.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Publishes the broker refuses (a nack) before a row is set aside for an operator (dead_at). Until then
    /// the row waits longer after each failure, and the later rows of its partition wait behind it.
    /// </summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Wait after a row's first refused publish; doubled after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a standing-by dispatcher (another instance holds the outbox) tries to take over.</summary>
    public TimeSpan StandbyInterval { get; set; } = TimeSpan.FromSeconds(5);
}
