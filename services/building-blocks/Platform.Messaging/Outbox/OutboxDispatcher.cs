using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Messaging.Stream;
using Platform.ServiceDefaults.Telemetry;
using RabbitMQ.Client.Exceptions;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows to the event stream. One dispatcher per database is active at a time (a
/// PostgreSQL advisory lock; other instances stand by), so rows are published in sequence order, which for
/// one household is its commit order: every change to a household updates its row under an optimistic
/// concurrency check, so two changes of one household cannot commit in another order than they took their
/// sequence numbers. Rows are read without row locks and published with publisher confirms, each household's
/// rows one after another (consecutive rows of a shard with one routing key in one message, a pack), other households' packs side by side. Confirmed rows are marked sent even while the service
/// stops. A row the broker refuses waits (doubling) before it is tried again, and the rows of its household
/// after it wait with it; other households go on; after <see cref="OutboxOptions.MaxAttempts"/> refusals it is
/// set aside (dead_at) for an operator. While the broker or the database is down the dispatcher backs off.
/// </summary>
internal sealed partial class OutboxDispatcher<TDbContext>(
    IServiceScopeFactory scopes,
    NpgsqlDataSource dataSource,
    OutboxSignal signal,
    EventPublisher publisher,
    MessagingIdentity identity,
    StreamStatus status,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext, IMessagingDbContext
{
    // "outbox": one dispatcher per database (advisory locks are per database).
    private const long LeaseKey = 0x6F7574626F78;

    private static readonly Counter<long> Published =
        PlatformTelemetry.MessagingMeter.CreateCounter<long>("platform.outbox.published", description: "Outbox messages published and confirmed");

    private static readonly Counter<long> Failures =
        PlatformTelemetry.MessagingMeter.CreateCounter<long>("platform.outbox.failures", description: "Dispatch rounds that failed (broker or database unavailable)");

    private static readonly Counter<long> Refused =
        PlatformTelemetry.MessagingMeter.CreateCounter<long>("platform.outbox.refused", description: "Publishes the broker refused (the row waits and is tried again)");

    private static readonly Counter<long> Dead =
        PlatformTelemetry.MessagingMeter.CreateCounter<long>("platform.outbox.dead", description: "Outbox messages set aside after their attempts");

    /// <summary>Dispatch rounds that failed so far (tests wait on it).</summary>
    public static long FailureCount => Interlocked.Read(ref failureCount);

    private static long failureCount;

    // The wait after failed rounds of this outage; a round that works ends the outage and the next one starts
    // from the shortest wait again (else every outage after a long one would hold events back for MaxBackoff).
    private TimeSpan backoff;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var lease = await TryTakeLeaseAsync(stoppingToken);
                if (lease is null)
                {
                    await Task.Delay(settings.StandbyInterval, clock, stoppingToken);
                    continue;
                }

                await DispatchWhileLeaseHeldAsync(lease, settings, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Failures.Add(1);
                Interlocked.Increment(ref failureCount);
                status.LastPublishFailure = clock.GetUtcNow();
                backoff = backoff == TimeSpan.Zero
                    ? TimeSpan.FromMilliseconds(200)
                    : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, settings.MaxBackoff.Ticks));
                LogDispatchFailed(logger, ex, identity.ServiceName, backoff.TotalMilliseconds);
                try
                {
                    await Task.Delay(backoff, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task DispatchWhileLeaseHeldAsync(OutboxLease lease, OutboxOptions settings, CancellationToken stoppingToken)
    {
        var leaseCheckedAt = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var published = await DispatchBatchAsync(settings, stoppingToken);
            status.LastPublishFailure = null;
            backoff = TimeSpan.Zero;
            if (published < settings.BatchSize)
            {
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }

            if (clock.GetUtcNow() - leaseCheckedAt > TimeSpan.FromSeconds(5))
            {
                // A lease whose connection died is no lease: find out before another instance takes over.
                await using var check = new NpgsqlCommand("SELECT 1", lease.Connection);
                await check.ExecuteScalarAsync(stoppingToken);
                leaseCheckedAt = clock.GetUtcNow();
            }
        }
    }

    private async Task<OutboxLease?> TryTakeLeaseAsync(CancellationToken cancellationToken)
    {
        // A connection of the service's pool, held as long as the lease: the lock lives with its session.
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", LeaseKey);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new OutboxLease(connection);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>The advisory lock that makes this instance the outbox's only dispatcher, released with it.</summary>
    private sealed class OutboxLease(NpgsqlConnection connection) : IAsyncDisposable
    {
        public NpgsqlConnection Connection => connection;

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (connection.State == System.Data.ConnectionState.Open)
                {
                    // Back to the pool without the lock (a broken session has lost it anyway).
                    await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                    unlock.Parameters.AddWithValue("key", LeaseKey);
                    await unlock.ExecuteScalarAsync(CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // The session is gone, and its lock with it.
            }

            await connection.DisposeAsync();
        }
    }

    /// <summary>Publishes one batch; returns how many rows it settled (sent or refused).</summary>
    internal async Task<int> DispatchBatchAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        List<OutboxMessage> batch;
        Dictionary<string, long> waiting;
        var now = clock.GetUtcNow();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
            batch = await db.OutboxMessages
                .FromSqlInterpolated($"""
                    SELECT * FROM outbox_messages
                    WHERE sent_at IS NULL AND dead_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= {now})
                    ORDER BY sequence LIMIT {settings.BatchSize}
                    """)
                .AsNoTracking()
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return 0;
            }

            // Partitions with a row waiting after a refusal: their later rows wait behind it.
            waiting = await db.OutboxMessages
                .Where(m => m.SentAt == null && m.DeadAt == null && m.NextAttemptAt > now)
                .GroupBy(m => m.PartitionKey ?? string.Empty)
                .Select(g => new { g.Key, First = g.Min(m => m.Sequence) })
                .ToDictionaryAsync(g => g.Key, g => g.First, cancellationToken);
        }

        // A pack is a run of consecutive rows of one shard with one routing key (a household's rows all fall in one
        // shard). A pack goes out once every earlier pack holding one of its households is confirmed; packs of other
        // households are in flight side by side.
        var shards = batch
            .Where(m => !waiting.TryGetValue(m.PartitionKey ?? string.Empty, out var first) || m.Sequence < first)
            .GroupBy(m => EventTopology.ShardOf(PartitionKeyOf(m)))
            .ToList();

        // Not the stopping token: a batch under way is finished so that every message the broker takes is also
        // confirmed and marked sent, not published again after a restart. The link counts as broken when the
        // broker confirms nothing for the publish timeout, not when a large batch takes longer than it: a busy
        // broker that confirms steadily would otherwise see the whole batch published again, and again.
        using var stalled = new CancellationTokenSource(settings.PublishTimeout);
        var lastOfPartition = new Dictionary<string, Task<PackResult>>();
        var publishing = new List<Task<PackResult>>();
        foreach (var pack in shards.SelectMany(shard => Packs(shard, settings)))
        {
            var partitions = pack.Select(PartitionKeyOf).Distinct().ToList();
            var before = partitions.Select(p => lastOfPartition.GetValueOrDefault(p)).OfType<Task<PackResult>>().Distinct().ToArray();
            var task = PublishAfterAsync(pack, before, () => stalled.CancelAfter(settings.PublishTimeout), stalled.Token);
            publishing.Add(task);
            foreach (var partition in partitions)
            {
                lastOfPartition[partition] = task;
            }
        }

        var results = await Task.WhenAll(publishing);
        var confirmed = results.SelectMany(r => r.Confirmed).ToList();
        var refused = results.SelectMany(r => r.Refused).ToList();
        // Confirmed is confirmed: recorded even if the service is stopping, or it would be published again.
        await RecordAsync(confirmed, refused, settings);
        Published.Add(confirmed.Count);

        var linkFailure = results.Select(r => r.LinkFailure).FirstOrDefault(f => f is not null);
        if (linkFailure is not null)
        {
            throw new OutboxPublishException($"{batch.Count - confirmed.Count - refused.Count} of {batch.Count} outbox messages could not be published", linkFailure);
        }

        return confirmed.Count + refused.Count;
    }

    private static string PartitionKeyOf(OutboxMessage message) => message.PartitionKey ?? message.MessageId.ToString("N");

    private static string RoutingKeyOf(OutboxMessage message)
    {
        var eventType = EventTypes.WireNameOfStored(message.MessageType);
        var shard = EventTopology.ShardOf(PartitionKeyOf(message));
        return message.Audience is null
            ? EventTopology.RoutingKey(shard, eventType)
            : EventTopology.AddressedRoutingKey(shard, eventType, message.Audience);
    }

    /// <summary>A shard's rows cut into packs: runs of one routing key, at most <see cref="OutboxOptions.MaxEventsPerMessage"/> rows and about <see cref="OutboxOptions.MaxMessageBytes"/> each.</summary>
    private static IEnumerable<List<OutboxMessage>> Packs(IEnumerable<OutboxMessage> shard, OutboxOptions settings)
    {
        var pack = new List<OutboxMessage>();
        string? key = null;
        var bytes = 0;
        foreach (var message in shard)
        {
            var routingKey = RoutingKeyOf(message);
            if (pack.Count > 0 && (routingKey != key || pack.Count >= settings.MaxEventsPerMessage || bytes + message.Body.Length > settings.MaxMessageBytes))
            {
                yield return pack;
                pack = [];
                bytes = 0;
            }

            pack.Add(message);
            key = routingKey;
            bytes += message.Body.Length + 200;
        }

        if (pack.Count > 0)
        {
            yield return pack;
        }
    }

    /// <summary>Publishes a pack once the packs before it of the same households are confirmed; not at all if one of them was not.</summary>
    private async Task<PackResult> PublishAfterAsync(List<OutboxMessage> pack, Task<PackResult>[] before, Action progressed, CancellationToken cancellationToken)
    {
        if (before.Length > 0)
        {
            foreach (var earlier in await Task.WhenAll(before))
            {
                if (earlier.Confirmed.Count == 0)
                {
                    // Refused, not published, or its link broke: what follows of its households must not overtake it.
                    return new PackResult([], [], null);
                }
            }
        }

        try
        {
            await PublishAsync(pack, cancellationToken);
            progressed();
            return new PackResult([.. pack.Select(m => m.Sequence)], [], null);
        }
        catch (PublishException ex)
        {
            // This pack's own refusal: every row of it waits, and the later rows of its households with it.
            var reason = ex.IsReturn ? "returned by the broker" : "refused by the broker (nack)";
            return new PackResult([], [.. pack.Select(m => (m, reason))], null);
        }
        catch (Exception ex) when (ex is BrokerUnavailableException or OperationCanceledException)
        {
            return new PackResult([], [], ex);
        }
    }

    private async Task PublishAsync(List<OutboxMessage> pack, CancellationToken cancellationToken)
    {
        var first = pack[0];
        var eventType = EventTypes.WireNameOfStored(first.MessageType);
        var routingKey = RoutingKeyOf(first);
        if (pack.Count == 1)
        {
            // Continue the trace of the change that wrote the row, so one trace runs from the request that caused
            // the event to every consumer of it.
            using var activity = StartDispatchActivity(first, eventType);
            var traceParent = activity?.Id ?? first.TraceParent;
            var properties = EventWire.Properties(first.MessageId, eventType, PartitionKeyOf(first), traceParent, first.TraceState, first.Sequence, identity.ServiceName);
            properties.Timestamp = new RabbitMQ.Client.AmqpTimestamp(first.CreatedAt.ToUnixTimeSeconds());
            await publisher.PublishAsync(EventTopology.Exchange, routingKey, properties, Encoding.UTF8.GetBytes(first.Body), cancellationToken);
            return;
        }

        // A pack: one publish span linked to the changes it carries; each event keeps the trace context of the change
        // that wrote it, so every consumer's span still continues the trace of that change.
        using var packActivity = StartPackActivity(pack, eventType);
        var packProperties = EventWire.PackProperties(first.MessageId, eventType, pack.Count, identity.ServiceName);
        packProperties.Timestamp = new RabbitMQ.Client.AmqpTimestamp(first.CreatedAt.ToUnixTimeSeconds());
        var body = EventWire.WritePack(pack.Select(m => new PackedEvent(m.MessageId, PartitionKeyOf(m), m.TraceParent, m.TraceState, m.Sequence, m.Body)));
        await publisher.PublishAsync(EventTopology.Exchange, routingKey, packProperties, body, cancellationToken);
    }

    private static Activity? StartPackActivity(List<OutboxMessage> pack, string eventType)
    {
        if (TraceLinks.Of(pack.Select(m => (m.TraceParent, m.TraceState))) is not { } links)
        {
            return null;
        }

        var activity = PlatformTelemetry.Messaging.StartActivity("outbox publish " + eventType[(eventType.LastIndexOf('.') + 1)..], ActivityKind.Producer, default(ActivityContext), links: links);
        activity?.SetTag("messaging.batch.message_count", pack.Count);
        return activity;
    }

    private static Activity? StartDispatchActivity(OutboxMessage message, string eventType)
    {
        var name = "outbox publish " + eventType[(eventType.LastIndexOf('.') + 1)..];
        if (message.TraceParent is not null && ActivityContext.TryParse(message.TraceParent, message.TraceState, out var parent))
        {
            return PlatformTelemetry.Messaging.StartActivity(name, ActivityKind.Producer, parent);
        }

        return null;
    }

    private async Task RecordAsync(List<long> confirmed, List<(OutboxMessage Message, string Error)> refused, OutboxOptions settings)
    {
        if (confirmed.Count == 0 && refused.Count == 0)
        {
            return;
        }

        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var now = clock.GetUtcNow();
        if (confirmed.Count > 0)
        {
            await db.OutboxMessages.Where(m => confirmed.Contains(m.Sequence))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.SentAt, now).SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null), bounded.Token);
        }

        foreach (var (message, error) in refused)
        {
            var attempts = message.Attempts + 1;
            var sequence = message.Sequence;
            Refused.Add(1);
            if (attempts >= settings.MaxAttempts)
            {
                await db.OutboxMessages.Where(m => m.Sequence == sequence).ExecuteUpdateAsync(
                    set => set.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.DeadAt, now).SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null).SetProperty(m => m.LastError, error),
                    bounded.Token);
                Dead.Add(1);
                LogSetAside(logger, message.MessageId, message.MessageType, attempts, error);
                continue;
            }

            var delay = TimeSpan.FromTicks(Math.Min(settings.FirstRetryDelay.Ticks << Math.Min(attempts - 1, 20), settings.MaxRetryDelay.Ticks));
            var next = now + delay;
            await db.OutboxMessages.Where(m => m.Sequence == sequence).ExecuteUpdateAsync(
                set => set.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.LastError, error),
                bounded.Token);
            LogRefused(logger, message.MessageId, message.MessageType, attempts, delay.TotalMilliseconds, error);
        }
    }

    private sealed record PackResult(List<long> Confirmed, List<(OutboxMessage Message, string Error)> Refused, Exception? LinkFailure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} of type {MessageType} set aside (dead_at) after {Attempts} refused publishes: {Error}")]
    private static partial void LogSetAside(ILogger logger, Guid messageId, string messageType, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} of type {MessageType} refused (attempt {Attempts}): {Error}; its household waits {DelayMs} ms")]
    private static partial void LogRefused(ILogger logger, Guid messageId, string messageType, int attempts, double delayMs, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox of {Service} could not be dispatched; retrying in {BackoffMs} ms")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string service, double backoffMs);
}

public sealed class OutboxPublishException(string message, Exception inner) : Exception(message, inner);
