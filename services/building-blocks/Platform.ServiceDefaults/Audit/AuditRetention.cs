using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.ServiceDefaults.Audit;

/// <summary>
/// Deletes entries older than "Audit:RetentionDays" (at least 183, default 365) at start and then
/// every "Audit:RetentionInterval" (a day), as the schema's owner: the writer role cannot delete,
/// and a trigger refuses anyone an entry younger than 183 days. Deletes the oldest entries of the
/// chain first, in batches, so a large backlog never holds a long lock and the chain stays whole.
/// </summary>
public sealed partial class AuditRetention(
    [FromKeyedServices(AuditOptions.OwnerConnectionName)] NpgsqlDataSource owner,
    IOptions<AuditOptions> options,
    TimeProvider clock,
    ILogger<AuditRetention> logger) : BackgroundService
{
    private const int BatchSize = 10_000;

    /// <summary>Deletes what is older than the retention period now; returns how many entries went.</summary>
    public async Task<long> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        long deleted = 0;
        while (true)
        {
            // The oldest entries first, up to the first one still to keep: the chain stays whole from there on.
            await using var command = owner.CreateCommand("""
                DELETE FROM audit.entries WHERE seq IN (
                    SELECT seq FROM audit.entries
                    WHERE seq < coalesce((SELECT min(seq) FROM audit.entries WHERE at >= $1), (SELECT max(seq) + 1 FROM audit.entries))
                    ORDER BY seq LIMIT $2)
                """);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = cutoff });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BatchSize });
            var batch = await command.ExecuteNonQueryAsync(cancellationToken);
            deleted += batch;
            if (batch < BatchSize)
            {
                break;
            }
        }

        LogPurged(logger, deleted, options.Value.RetentionDays, cutoff);
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionInterval, clock);
        do
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The next round tries again; the failure is logged.
            catch (Exception error)
#pragma warning restore CA1031
            {
                LogPurgeFailed(logger, error);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit retention: deleted {Count} entries older than {Days} days (before {Cutoff:o})")]
    private static partial void LogPurged(ILogger logger, long count, int days, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit retention: purging old entries failed; trying again at the next round")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}

/// <summary>Creates or updates the audit schema and the writer role before the owning host serves (retries while the database starts).</summary>
internal sealed partial class AuditSchemaAtStart(
    [FromKeyedServices(AuditOptions.OwnerConnectionName)] NpgsqlDataSource owner,
    IOptions<AuditOptions> options,
    AuditWriterPassword password,
    ILogger<AuditSchemaAtStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await AuditSchema.EnsureAsync(owner, options.Value.WriterRole, password.Value, cancellationToken);
                LogEnsured(logger, options.Value.WriterRole);
                return;
            }
            catch (Exception error) when (attempt < 20 && error is NpgsqlException { IsTransient: true } or TimeoutException)
            {
                LogRetry(logger, error, attempt);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit schema is in place; writer role {Role}")]
    private static partial void LogEnsured(ILogger logger, string role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit database not reachable yet (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, Exception exception, int attempt);
}

/// <summary>The writer role's password the owner host creates the role with (configured, or the demo default).</summary>
internal sealed record AuditWriterPassword(string Value);
