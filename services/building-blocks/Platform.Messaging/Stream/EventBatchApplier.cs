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

            for (var start = 0; start < toApply.Count;)
            {
                var count = SameCauseRun(toApply, start);
                using var handling = StartHandling(toApply, start, count);
                for (var i = start; i < start + count; i++)
                {
                    await toApply[i].Registration.Handle(scope.ServiceProvider, toApply[i].Event, cancellationToken);
                }

                start += count;
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

    /// <summary>
    /// How many events from <paramref name="start"/> on were written by the same change (the same trace context): a bulk
    /// feed's thousands of events, or one request's few. They are handled under one span.
    /// </summary>
    private static int SameCauseRun(List<ReceivedEvent> events, int start)
    {
        var end = start + 1;
        while (end < events.Count
               && string.Equals(events[end].TraceParent, events[start].TraceParent, StringComparison.Ordinal)
               && string.Equals(events[end].TraceState, events[start].TraceState, StringComparison.Ordinal))
        {
            end++;
        }

        return end - start;
    }

    /// <summary>
    /// One span per run of events from the same change, continuing that change's trace (so one trace runs from a request to
    /// every consumer). A request's event gets a span of its own; the 48,000 events of a county import that arrive in one
    /// batch get one span, not 48,000 (which cost the services and the trace store more than the handling).
    /// </summary>
    private static Activity? StartHandling(List<ReceivedEvent> events, int start, int count)
    {
        var first = events[start];
        var name = "event handle " + first.Event.GetType().Name;
        for (var i = start + 1; i < start + count; i++)
        {
            if (events[i].Event.GetType() != first.Event.GetType())
            {
                name = "events handle";
                break;
            }
        }

        Activity? activity;
        if (first.TraceParent is not null && ActivityContext.TryParse(first.TraceParent, first.TraceState, out var parent))
        {
            activity = PlatformTelemetry.Messaging.StartActivity(name, ActivityKind.Consumer, parent);
            if (activity is null)
            {
                // Nobody listens to our source: the logs still carry the event's trace id.
                var fallback = new Activity(name);
                fallback.SetParentId(first.TraceParent);
                fallback.TraceStateString = first.TraceState;
                return fallback.Start();
            }
        }
        else
        {
            activity = PlatformTelemetry.Messaging.StartActivity(name, ActivityKind.Consumer);
        }

        if (activity is not null)
        {
            if (count == 1)
            {
                activity.SetTag("messaging.message.id", first.MessageId.ToString());
            }
            else
            {
                activity.SetTag("messaging.batch.message_count", count);
            }
        }

        return activity;
    }

    private static List<ActivityLink>? Links(IReadOnlyList<ReceivedEvent> batch) =>
        TraceLinks.Of(batch.Select(received => (received.TraceParent, received.TraceState)));
}
