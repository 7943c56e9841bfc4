namespace Platform.Messaging.Inbox;

/// <summary>
/// A message a consumer has applied; inserted in the consumer's own transaction, so a redelivery of
/// the same message to the same consumer finds it and changes nothing.
/// </summary>
public sealed class InboxMessage
{
    public required Guid MessageId { get; init; }

    public required string Consumer { get; init; }

    public required DateTimeOffset ProcessedAt { get; init; }
}
