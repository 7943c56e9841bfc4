namespace Platform.Messaging.Outbox;

/// <summary>
/// An integration event waiting to be published, written in the same transaction as the change
/// that caused it. <see cref="MessageId"/> becomes the bus message id, so a message published twice
/// (a crash between publish and marking it sent) is still applied once by the inbox.
/// </summary>
public sealed class OutboxMessage
{
    public long Sequence { get; private set; }

    public required Guid MessageId { get; init; }

    /// <summary>Assembly-qualified CLR name without version: the wire contract's type.</summary>
    public required string MessageType { get; init; }

    public required string Body { get; init; }

    /// <summary>Messages with the same key (a household) are published in order, one after another.</summary>
    public string? PartitionKey { get; init; }

    /// <summary>The one service an event is addressed to (a catch-up), or null for every subscriber.</summary>
    public string? Audience { get; init; }

    /// <summary>W3C traceparent of the change, so the trace goes on from the publisher to every consumer.</summary>
    public string? TraceParent { get; init; }

    /// <summary>W3C tracestate, at most <see cref="OutboxSerializer.MaxTraceStateLength"/> characters.</summary>
    public string? TraceState { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Publishes the broker refused so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Not to be published before this (after a refused publish); null when due.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Set when the row was set aside after <see cref="OutboxOptions.MaxAttempts"/> refusals: an operator re-drives it.</summary>
    public DateTimeOffset? DeadAt { get; set; }

    public string? LastError { get; set; }
}
