namespace Platform.Messaging.Outbox;

/// <summary>Section "Messaging:Outbox".</summary>
public sealed class OutboxOptions
{
    /// <summary>Longest wait between looks at the outbox when no commit wakes the dispatcher.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 500;

    /// <summary>How long one batch may take to be confirmed by the broker before it counts as failed.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sent rows are kept this long (for tracing back), then deleted.</summary>
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(7);
}
