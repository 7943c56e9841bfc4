using Platform.Contracts;

namespace Platform.Messaging.Outbox;

public static class OutboxExtensions
{
    /// <summary>
    /// Adds the event to the outbox of this unit of work: it is committed by the same SaveChanges
    /// (and transaction) as the change that caused it, or not at all.
    /// </summary>
    public static void AddIntegrationEvent(this IMessagingDbContext db, IIntegrationEvent integrationEvent, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        db.OutboxMessages.Add(OutboxSerializer.ToOutboxMessage(integrationEvent, clock.GetUtcNow()));
    }
}
