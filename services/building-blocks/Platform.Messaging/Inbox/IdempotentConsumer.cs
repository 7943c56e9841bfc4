using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Messaging.Inbox;

/// <summary>
/// A consumer whose effect is applied once per message: the message id goes into the inbox in the
/// same transaction as the effect (and any events the effect adds to the outbox), so a redelivery
/// finds it there and does nothing.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TDbContext>(TDbContext db, TimeProvider clock) : IConsumer<TMessage>
    where TMessage : class
    where TDbContext : DbContext, IMessagingDbContext
{
    private static readonly Counter<long> Duplicates =
        PlatformTelemetry.MessagingMeter.CreateCounter<long>("platform.inbox.duplicates", description: "Redelivered messages recognised and skipped");

    protected TDbContext Db { get; } = db;

    protected TimeProvider Clock { get; } = clock;

    /// <summary>The inbox key of this consumer; stable across renames of the class would be wiser, so keep it explicit when renaming.</summary>
    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messageId = context.MessageId
            ?? throw new InvalidOperationException("A message without a message id cannot be applied exactly once.");
        var cancellationToken = context.CancellationToken;
        try
        {
            await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
            var consumer = ConsumerName;
            if (await Db.InboxMessages.AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, cancellationToken))
            {
                Duplicates.Add(1, new KeyValuePair<string, object?>("consumer", consumer));
                return;
            }

            Db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ProcessedAt = Clock.GetUtcNow() });
            await HandleAsync(context);
            await Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            // A retry may run in the same scope: start it from a clean unit of work.
            Db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>Applies the message's effect to <see cref="Db"/>; the base saves and commits.</summary>
    protected abstract Task HandleAsync(ConsumeContext<TMessage> context);
}
