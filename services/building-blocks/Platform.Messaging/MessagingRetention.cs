using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Messaging;

/// <summary>Section "Messaging:Retention".</summary>
public sealed class MessagingRetentionOptions
{
    /// <summary>How long inbox rows (what was applied) and sent outbox rows (what was published) are kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement, so pruning never holds long locks or builds one huge transaction.</summary>
    public int BatchSize { get; set; } = 10_000;
}

/// <summary>
/// Deletes inbox rows and sent outbox rows older than the retention, in batches on their indexes
/// (processed_at, sent_at). An inbox row older than the retention can no longer protect against a redelivery,
/// so the retention must outlast any redelivery the platform allows (queues are drained in minutes).
/// </summary>
internal sealed partial class MessagingRetention<TDbContext>(
    IServiceScopeFactory scopes,
    IOptions<MessagingRetentionOptions> options,
    TimeProvider clock,
    ILogger<MessagingRetention<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext, IMessagingDbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (inbox, outbox) = await PruneAsync(stoppingToken);
                if (inbox + outbox > 0)
                {
                    LogPruned(logger, inbox, outbox);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPruneFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.Value.Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pruning pass; returns the inbox and outbox rows deleted.</summary>
    internal async Task<(long Inbox, long Outbox)> PruneAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var before = clock.GetUtcNow() - settings.Retention;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        long inbox = 0, outbox = 0;
        int deleted;
        do
        {
            deleted = await db.Database.ExecuteSqlInterpolatedAsync(
                $"DELETE FROM inbox_messages WHERE ctid = ANY (ARRAY(SELECT ctid FROM inbox_messages WHERE processed_at < {before} LIMIT {settings.BatchSize}))",
                cancellationToken);
            inbox += deleted;
        }
        while (deleted == settings.BatchSize);

        do
        {
            deleted = await db.Database.ExecuteSqlInterpolatedAsync(
                $"DELETE FROM outbox_messages WHERE sequence = ANY (ARRAY(SELECT sequence FROM outbox_messages WHERE sent_at < {before} LIMIT {settings.BatchSize}))",
                cancellationToken);
            outbox += deleted;
        }
        while (deleted == settings.BatchSize);

        return (inbox, outbox);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Inbox} inbox rows and {Outbox} sent outbox rows past their retention")]
    private static partial void LogPruned(ILogger logger, long inbox, long outbox);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning the inbox and outbox failed; trying again at the next interval")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
