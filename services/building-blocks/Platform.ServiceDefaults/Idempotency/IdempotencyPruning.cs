using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Idempotency;

/// <summary>
/// Forgets idempotency keys older than "Idempotency:KeepFor" (default 24 hours, like the public APIs
/// that popularised the header): a client retries within minutes, and the table must not grow forever.
/// Runs at start and every hour.
/// </summary>
public sealed partial class IdempotencyPruning<TContext>(
    IServiceProvider services, IConfiguration configuration, TimeProvider clock, ILogger<IdempotencyPruning<TContext>> logger)
    : BackgroundService
    where TContext : DbContext, IIdempotencyDbContext
{
    public static readonly TimeSpan DefaultKeepFor = TimeSpan.FromHours(24);

    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Deletes the keys older than the configured age; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var keepFor = configuration.GetValue("Idempotency:KeepFor", DefaultKeepFor);
        var cutoff = clock.GetUtcNow() - keepFor;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // Rows still in flight (status 0) are left alone whatever their age: their request owns them.
        var deleted = await db.IdempotentRequests
            .Where(r => r.CreatedAt < cutoff && r.StatusCode != 0)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogPruned(logger, deleted, keepFor);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} idempotency keys older than {KeepFor}")]
    private static partial void LogPruned(ILogger logger, int count, TimeSpan keepFor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning idempotency keys failed; next try in an hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
