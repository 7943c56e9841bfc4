using System.Diagnostics;
using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows to the bus: wakes on commit or polls, locks a batch with
/// FOR UPDATE SKIP LOCKED, publishes it with publisher confirms (in order within a household,
/// households side by side), marks what was confirmed as sent, and backs off while the broker or the
/// database is down. A crash anywhere only delays a message; it never loses one.
/// </summary>
internal sealed partial class OutboxDispatcher<TDbContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext, IMessagingDbContext
{
    private static readonly Counter<long> Published =
        PlatformTelemetry.MessagingMeter.CreateCounter<long>("platform.outbox.published", description: "Outbox messages published and confirmed");

    private static readonly Counter<long> Failures =
        PlatformTelemetry.MessagingMeter.CreateCounter<long>("platform.outbox.failures", description: "Outbox batches that failed and were retried");

    private static readonly Counter<long> Dead =
        PlatformTelemetry.MessagingMeter.CreateCounter<long>("platform.outbox.dead", description: "Outbox rows that could not be read back and were set aside");

    private DateTimeOffset nextCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await DispatchBatchAsync(settings, stoppingToken);
                backoff = TimeSpan.Zero;
                if (published < settings.BatchSize)
                {
                    await DeleteOldSentAsync(settings, stoppingToken);
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Failures.Add(1);
                backoff = backoff == TimeSpan.Zero
                    ? TimeSpan.FromMilliseconds(200)
                    : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, settings.MaxBackoff.Ticks));
                LogDispatchFailed(logger, ex, typeof(TDbContext).Name, backoff.TotalMilliseconds);
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

    /// <summary>Publishes one batch; returns how many were published.</summary>
    internal async Task<int> DispatchBatchAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await db.OutboxMessages
            .FromSqlRaw(
                "SELECT * FROM outbox_messages WHERE sent_at IS NULL AND dead_at IS NULL ORDER BY sequence LIMIT {0} FOR UPDATE SKIP LOCKED",
                settings.BatchSize)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.PublishTimeout);
        var confirmed = new List<long>(batch.Count);
        var dead = new List<(OutboxMessage Message, string Error)>();
        var readable = new List<(OutboxMessage Message, object Body, Type Type)>(batch.Count);
        foreach (var message in batch)
        {
            try
            {
                var (body, type) = OutboxSerializer.FromOutboxMessage(message);
                readable.Add((message, body, type));
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or TypeLoadException or FileNotFoundException or InvalidOperationException or ArgumentException)
            {
                // A poison row must not hold up every other household behind it: set it aside for people to look at.
                dead.Add((message, $"{ex.GetType().Name}: {ex.Message}"));
                LogDead(logger, ex, message.MessageId, message.MessageType);
            }
        }

        foreach (var (message, error) in dead)
        {
            var now = clock.GetUtcNow();
            var sequence = message.Sequence;
            var reason = error.Length > 2000 ? error[..2000] : error;
            await db.OutboxMessages.Where(m => m.Sequence == sequence)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.DeadAt, now).SetProperty(m => m.LastError, reason), cancellationToken);
            Dead.Add(1);
        }

        var partitions = readable.GroupBy(m => m.Message.PartitionKey ?? m.Message.MessageId.ToString()).ToList();
        var results = await Task.WhenAll(partitions.Select(p => PublishInOrderAsync(p, timeout.Token)));
        foreach (var result in results)
        {
            confirmed.AddRange(result.Confirmed);
        }

        if (confirmed.Count > 0)
        {
            var now = clock.GetUtcNow();
            await db.OutboxMessages
                .Where(m => confirmed.Contains(m.Sequence))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.SentAt, now), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Published.Add(confirmed.Count);

        var failure = results.Select(r => r.Failure).FirstOrDefault(f => f is not null);
        if (failure is not null)
        {
            throw new OutboxPublishException($"{batch.Count - confirmed.Count - dead.Count} of {batch.Count} outbox messages were not confirmed", failure);
        }

        return confirmed.Count + dead.Count;
    }

    private async Task<(List<long> Confirmed, Exception? Failure)> PublishInOrderAsync(
        IEnumerable<(OutboxMessage Message, object Body, Type Type)> partition, CancellationToken cancellationToken)
    {
        var confirmed = new List<long>();
        foreach (var (message, body, type) in partition)
        {
            try
            {
                await PublishAsync(message, body, type, cancellationToken);
                confirmed.Add(message.Sequence);
            }
            catch (Exception ex)
            {
                // Stop this household here: what follows must not overtake what failed.
                return (confirmed, ex);
            }
        }

        return (confirmed, null);
    }

    private async Task PublishAsync(OutboxMessage message, object body, Type type, CancellationToken cancellationToken)
    {
        // Continue the trace of the change that wrote the row, so one trace runs from the request
        // that caused the event to every consumer of it.
        using var activity = StartDispatchActivity(message, type);
        await bus.Publish(body, type, context => context.MessageId = message.MessageId, cancellationToken);
    }

    private static Activity? StartDispatchActivity(OutboxMessage message, Type type)
    {
        var name = "outbox dispatch " + type.Name;
        if (message.TraceParent is null)
        {
            return PlatformTelemetry.Messaging.StartActivity(name, ActivityKind.Internal);
        }

        if (ActivityContext.TryParse(message.TraceParent, message.TraceState, out var parent))
        {
            var activity = PlatformTelemetry.Messaging.StartActivity(name, ActivityKind.Internal, parent);
            if (activity is not null)
            {
                return activity;
            }
        }

        // Nobody listens to our source: still carry the trace id into the bus's headers.
        var fallback = new Activity(name);
        fallback.SetParentId(message.TraceParent);
        fallback.TraceStateString = message.TraceState;
        return fallback.Start();
    }

    private async Task DeleteOldSentAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now < nextCleanup)
        {
            return;
        }

        nextCleanup = now.AddMinutes(10);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var before = now - settings.SentRetention;
        await db.OutboxMessages.Where(m => m.SentAt != null && m.SentAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} of type {MessageType} cannot be read back; set aside (dead_at) for an operator")]
    private static partial void LogDead(ILogger logger, Exception exception, Guid messageId, string messageType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox of {Context} could not be dispatched; retrying in {BackoffMs} ms")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string context, double backoffMs);
}

public sealed class OutboxPublishException(string message, Exception inner) : Exception(message, inner);
