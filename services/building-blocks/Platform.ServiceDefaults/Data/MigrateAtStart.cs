using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Applies pending migrations before the service starts serving (IHostedService.StartAsync runs
/// before Kestrel accepts requests). Retries while the database is still starting.
/// </summary>
internal sealed partial class MigrateAtStart<TContext>(IServiceProvider services, IConfiguration configuration, ILogger<MigrateAtStart<TContext>> logger)
    : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Database:MigrateOnStart", true))
        {
            return;
        }

        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                // An empty database has no history table yet: EF would log its first look at it as a
                // failed command, an error line that means nothing. Create it first.
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
                LogMigrated(logger, typeof(TContext).Name);
                return;
            }
            catch (Exception ex) when (attempt < 20 && ex is Npgsql.NpgsqlException or TimeoutException)
            {
                LogRetry(logger, ex, typeof(TContext).Name, attempt);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database of {Context} is migrated")]
    private static partial void LogMigrated(ILogger logger, string context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database of {Context} not reachable yet (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, Exception exception, string context, int attempt);
}
