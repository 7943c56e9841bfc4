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
/// rows one after another, households side by side. Confirmed rows are marked sent even while the service
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

        var partitions = batch
            .Where(m => !waiting.TryGetValue(m.PartitionKey ?? string.Empty, out var first) || m.Sequence < first)
            .GroupBy(m => m.PartitionKey ?? m.MessageId.ToString())
            .ToList();

        // Not the stopping token: a batch under way is finished so that every message the broker takes is also
        // confirmed and marked sent, not published again after a restart. The link counts as broken when the
        // broker confirms nothing for the publish timeout, not when a large batch takes longer than it: a busy
        // broker that confirms steadily would otherwise see the whole batch published again, and again.
        using var stalled = new CancellationTokenSource(settings.PublishTimeout);
        var results = await Task.WhenAll(partitions.Select(p => PublishInOrderAsync(p, () => stalled.CancelAfter(settings.PublishTimeout), stalled.Token)));

        var confirmed = results.SelectMany(r => r.Confirmed).ToList();
        var refused = results.Where(r => r.Refused is not null).Select(r => r.Refused!.Value).ToList();
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

    private async Task<PartitionResult> PublishInOrderAsync(IEnumerable<OutboxMessage> partition, Action progressed, CancellationToken cancellationToken)
    {
        var confirmed = new List<long>();
        foreach (var message in partition)
        {
            try
            {
                await PublishAsync(message, cancellationToken);
                confirmed.Add(message.Sequence);
                progressed();
            }
            catch (PublishException ex)
            {
                // This message's own refusal: what follows in its partition must not overtake it.
                return new PartitionResult(confirmed, (message, ex.IsReturn ? "returned by the broker" : "refused by the broker (nack)"), null);
            }
            catch (Exception ex) when (ex is BrokerUnavailableException or OperationCanceledException)
            {
                return new PartitionResult(confirmed, null, ex);
            }
        }

        return new PartitionResult(confirmed, null, null);
    }

    private async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var eventType = EventTypes.WireNameOfStored(message.MessageType);
        var partitionKey = message.PartitionKey ?? message.MessageId.ToString("N");
        var shard = EventTopology.ShardOf(partitionKey);
        var routingKey = message.Audience is null
            ? EventTopology.RoutingKey(shard, eventType)
            : EventTopology.AddressedRoutingKey(shard, eventType, message.Audience);

        // Continue the trace of the change that wrote the row, so one trace runs from the request that caused
        // the event to every consumer of it.
        using var activity = StartDispatchActivity(message, eventType);
        var traceParent = activity?.Id ?? message.TraceParent;
        var properties = EventWire.Properties(message.MessageId, eventType, partitionKey, traceParent, message.TraceState, message.Sequence, identity.ServiceName);
        properties.Timestamp = new RabbitMQ.Client.AmqpTimestamp(message.CreatedAt.ToUnixTimeSeconds());
        await publisher.PublishAsync(EventTopology.Exchange, routingKey, properties, Encoding.UTF8.GetBytes(message.Body), cancellationToken);
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

    private sealed record PartitionResult(List<long> Confirmed, (OutboxMessage Message, string Error)? Refused, Exception? LinkFailure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} of type {MessageType} set aside (dead_at) after {Attempts} refused publishes: {Error}")]
    private static partial void LogSetAside(ILogger logger, Guid messageId, string messageType, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} of type {MessageType} refused (attempt {Attempts}): {Error}; its household waits {DelayMs} ms")]
    private static partial void LogRefused(ILogger logger, Guid messageId, string messageType, int attempts, double delayMs, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox of {Service} could not be dispatched; retrying in {BackoffMs} ms")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string service, double backoffMs);
}

public sealed class OutboxPublishException(string message, Exception inner) : Exception(message, inner);
