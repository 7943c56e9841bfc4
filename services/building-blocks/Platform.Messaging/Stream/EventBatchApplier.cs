using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Messaging.Stream;

/// <summary>An event as it came off a shard queue, read back into its type.</summary>
internal sealed record ReceivedEvent(ulong DeliveryTag, Guid MessageId, IIntegrationEvent Event, EventRegistration Registration, string? TraceParent, string? TraceState);

/// <summary>
/// Applies a batch of events in one transaction: the inbox claims them set-based, the events new to this
/// service go to their handlers one after another in delivery order (the order of each household's events),
/// and the new rows (effects and outbox rows) go in by COPY, the changed ones by SaveChanges, before the single commit.
/// </summary>
internal sealed class EventBatchApplier<TDbContext>(IServiceScopeFactory scopes, MessagingIdentity identity, OutboxSignal signal, TimeProvider clock, IReadOnlyList<Type> preparerTypes)
    where TDbContext : DbContext, IMessagingDbContext
{
    private static readonly Counter<long> Applied =
        PlatformTelemetry.MessagingMeter.CreateCounter<long>("platform.events.applied", description: "Events applied by the service's handlers");

    private static readonly Counter<long> Duplicates =
        PlatformTelemetry.MessagingMeter.CreateCounter<long>("platform.inbox.duplicates", description: "Redelivered events recognised by the inbox and skipped");

    private static readonly Histogram<int> BatchSizes =
        PlatformTelemetry.MessagingMeter.CreateHistogram<int>("platform.events.batch_size", description: "Events per applied batch");

    private static readonly Histogram<double> Lag =
        PlatformTelemetry.MessagingMeter.CreateHistogram<double>("platform.events.lag", unit: "s", description: "From the event's occurrence to its commit at this service");

    public async Task ApplyAsync(IReadOnlyList<ReceivedEvent> batch, CancellationToken cancellationToken)
    {
        using var activity = PlatformTelemetry.Messaging.StartActivity("events apply", ActivityKind.Consumer, default(ActivityContext), links: Links(batch));
        activity?.SetTag("messaging.batch.message_count", batch.Count);
        activity?.SetTag("messaging.consumer.group.name", identity.ServiceName);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        // Handlers look things up in the unit of work (DbSet.Local) many times per batch; with automatic
        // detection every look would scan all tracked entities. Changes are detected once, before saving.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A batch looks rows up by key (its households, members, inbox ids). On a first load the tables grow by
        // thousands of rows a second while their statistics still say "empty" (autovacuum analyses them a
        // minute later), and the planner then scans whole tables per batch; keys go by their indexes instead.
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off", cancellationToken);
        var wroteOutbox = false;
        var fresh = await InboxClaims.ClaimAsync(db, identity.ServiceName, batch.Select(e => e.MessageId).ToList(), clock.GetUtcNow(), cancellationToken);
        var toApply = batch.Where(e => fresh.Remove(e.MessageId)).ToList(); // the first copy of each new message
        if (toApply.Count < batch.Count)
        {
            Duplicates.Add(batch.Count - toApply.Count, new KeyValuePair<string, object?>("consumer", identity.ServiceName));
        }

        if (toApply.Count > 0)
        {
            var events = toApply.Select(e => e.Event).ToList();
            foreach (var preparerType in preparerTypes)
            {
                await ((IEventBatchPreparer)scope.ServiceProvider.GetRequiredService(preparerType)).PrepareAsync(events, cancellationToken);
            }

            foreach (var received in toApply)
            {
                using var handling = StartHandling(received);
                await received.Registration.Handle(scope.ServiceProvider, received.Event, cancellationToken);
            }

            // New rows go in by COPY (thousands per batch), the untracked ones first; SaveChanges writes the rest.
            await scope.ServiceProvider.GetRequiredService<NewRows>().CopyAsync(db, cancellationToken);
            var copied = await AddedRowsCopy.CopyAsync(db, cancellationToken);
            wroteOutbox = copied.Keys.Any(type => type.ClrType == typeof(OutboxMessage));
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (wroteOutbox)
        {
            signal.Notify();
        }

        Applied.Add(toApply.Count, new KeyValuePair<string, object?>("consumer", identity.ServiceName));
        BatchSizes.Record(batch.Count);
        var now = clock.GetUtcNow();
        foreach (var received in toApply)
        {
            Lag.Record((now - received.Event.OccurredAt).TotalSeconds);
        }
    }

    /// <summary>One span per event, continuing the trace of the change that caused it (so one trace runs from a request to every consumer).</summary>
    private static Activity? StartHandling(ReceivedEvent received)
    {
        var name = "event handle " + received.Event.GetType().Name;
        if (received.TraceParent is not null && ActivityContext.TryParse(received.TraceParent, received.TraceState, out var parent))
        {
            var activity = PlatformTelemetry.Messaging.StartActivity(name, ActivityKind.Consumer, parent);
            if (activity is not null)
            {
                activity.SetTag("messaging.message.id", received.MessageId.ToString());
                return activity;
            }

            // Nobody listens to our source: the logs still carry the event's trace id.
            var fallback = new Activity(name);
            fallback.SetParentId(received.TraceParent);
            fallback.TraceStateString = received.TraceState;
            return fallback.Start();
        }

        return PlatformTelemetry.Messaging.StartActivity(name, ActivityKind.Consumer);
    }

    private static List<ActivityLink>? Links(IReadOnlyList<ReceivedEvent> batch) =>
        TraceLinks.Of(batch.Select(received => (received.TraceParent, received.TraceState)));
}
