using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.ServiceDefaults.Data;

internal static class MigrateAtStart
{
    public const string HistoryTable = "__ef_migrations_history";
}

/// <summary>
/// Applies pending migrations before the service starts serving (IHostedService.StartAsync runs
/// before Kestrel accepts requests), retrying while the database is still starting. With an owner
/// connection string ("{name}-owner") it migrates as the owner and then grants the runtime role (the
/// user of "{name}") what it needs and nothing more: SELECT, INSERT, UPDATE and DELETE on the
/// service's tables and their sequences — no DDL, no TRUNCATE, not the migrations history.
/// </summary>
internal sealed partial class MigrateAtStart<TContext>(
    IServiceProvider services, IConfiguration configuration, ILogger<MigrateAtStart<TContext>> logger, string connectionName)
    : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Database:MigrateOnStart", true))
        {
            return;
        }

        var owner = configuration.GetConnectionString(connectionName + "-owner");
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                await using var ownerContext = owner is null ? null : OwnerContext(scope.ServiceProvider, owner);
                var db = ownerContext ?? scope.ServiceProvider.GetRequiredService<TContext>();
                // An empty database has no history table yet: EF would log its first look at it as a
                // failed command, an error line that means nothing. Create it first.
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
                if (ownerContext is not null)
                {
                    await GrantRowsAsync(ownerContext, cancellationToken);
                }

                LogMigrated(logger, typeof(TContext).Name);
                return;
            }
            catch (Exception ex) when (attempt < 20 && ex is NpgsqlException { IsTransient: true } or TimeoutException)
            {
                LogRetry(logger, ex, typeof(TContext).Name, attempt);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static TContext OwnerContext(IServiceProvider scoped, string ownerConnectionString)
    {
        var options = new DbContextOptionsBuilder<TContext>()
            .UseNpgsql(ownerConnectionString, npgsql => npgsql.MigrationsHistoryTable(MigrateAtStart.HistoryTable))
            .UseSnakeCaseNamingConvention()
            .Options;
        return ActivatorUtilities.CreateInstance<TContext>(scoped, options);
    }

    /// <summary>The runtime role may read and write the rows of every table of the model, nothing else.</summary>
    private async Task GrantRowsAsync(TContext owner, CancellationToken cancellationToken)
    {
        var runtime = configuration.GetConnectionString(connectionName) is { } connectionString
            ? new NpgsqlConnectionStringBuilder(connectionString).Username
            : null;
        var ownerRole = new NpgsqlConnectionStringBuilder(owner.Database.GetConnectionString()).Username;
        if (string.IsNullOrEmpty(runtime) || string.Equals(runtime, ownerRole, StringComparison.Ordinal))
        {
            return;
        }

        var role = Quote(runtime);
        var schemas = owner.Model.GetEntityTypes().Select(e => e.GetSchema() ?? owner.Model.GetDefaultSchema() ?? "public").Distinct().Select(Quote);
        var sql = string.Concat(schemas.Select(schema => $"""
            GRANT USAGE ON SCHEMA {schema} TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role};
            REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC;
            """)) + $"REVOKE ALL ON TABLE {Quote(MigrateAtStart.HistoryTable)} FROM {role};";
        await owner.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        LogGranted(logger, runtime, typeof(TContext).Name);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [LoggerMessage(Level = LogLevel.Information, Message = "Database of {Context} is migrated")]
    private static partial void LogMigrated(ILogger logger, string context);

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime role {Role} may read and write the rows of {Context}, nothing else")]
    private static partial void LogGranted(ILogger logger, string role, string context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database of {Context} not reachable yet (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, Exception exception, string context, int attempt);
}
