using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// The cache of compiled queries and their SQL, in EF Core's units (10 per query, 10 per SQL text): 102,400 holds
    /// about 5,000 queries. EF Core's own holds 10,240, about 500 queries with their SQL; the platform's services use
    /// some 1,350 between them, and past that capacity queries were compiled again and again (<c>QueryCacheTests</c>;
    /// the access matrix's calls compiled 3,887 times for 1,347 distinct queries).
    /// </summary>
    public const long QueryCacheSize = 102_400;

    /// <summary>
    /// One per process, as EF Core's own is: hosts that share it share EF Core's internal services too (a cache per
    /// host would give each its own, and its own model built again), which the test processes' many hosts rely on.
    /// </summary>
    private static readonly MemoryCache CompiledQueries = new(new MemoryCacheOptions { SizeLimit = QueryCacheSize });

    /// <summary>
    /// The service's own PostgreSQL database through EF Core (snake_case names), a readiness check
    /// on it, and its migrations applied at start unless "Database:MigrateOnStart" is false; old
    /// idempotency keys forgotten when the context remembers them. The connection string
    /// <paramref name="connectionName"/> is the runtime role's (rows only); "{name}-owner", when
    /// given, is the owner's, used only to migrate and to grant the runtime role its rows.
    /// </summary>
    /// <param name="auditCommits">
    /// Whether a request's commit of this context waits for the request's audit row (the caller's
    /// data); false for a store of the host's own bookkeeping (the gateway's identity store).
    /// </param>
    public static IHostApplicationBuilder AddPlatformDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName, bool auditCommits = true)
        where TContext : DbContext
    {
        // Configuration is read when the service provider builds, not now: hosts (tests, the AppHost)
        // may add their settings after Program has run.
        builder.Services.AddSingleton(services =>
        {
            var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(connectionName)
                ?? throw new InvalidOperationException($"Connection string '{connectionName}' is not configured.");

            // One data source per service: its pool is shared by EF Core and the bulk (COPY) paths.
            // Only commands inside a request's or a message's trace are traced, not background polling.
            var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
            dataSourceBuilder.ConfigureTracing(tracing => tracing.ConfigureCommandFilter(_ => Activity.Current is not null));
            return dataSourceBuilder.Build();
        });

        // Interceptors registered by other building blocks (the outbox's commit signal) join in.
        builder.Services.AddDbContext<TContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.MigrationsHistoryTable(MigrateAtStart.HistoryTable))
            .UseMemoryCache(CompiledQueries)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(services.GetServices<IInterceptor>())
            .AddInterceptors(auditCommits && services.GetService<Audit.AuditCommitInterceptor>() is { } audit ? [audit] : []));

        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("database", tags: [HealthTags.Ready]);
        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<MigrateAtStart<TContext>>(services, connectionName));
        if (typeof(TContext).IsAssignableTo(typeof(Idempotency.IIdempotencyDbContext)))
        {
            var pruning = typeof(Idempotency.IdempotencyPruning<>).MakeGenericType(typeof(TContext));
            builder.Services.AddSingleton(pruning);
            builder.Services.AddSingleton(typeof(IHostedService), services => services.GetRequiredService(pruning));
        }

        return builder;
    }
}

/// <summary>Health-check tags: "live" answers whether the process runs, "ready" whether it can serve.</summary>
public static class HealthTags
{
    public const string Live = "live";

    public const string Ready = "ready";
}
