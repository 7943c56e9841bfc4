using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// The service's own PostgreSQL database through EF Core (snake_case names), a readiness check
    /// on it, and its migrations applied at start unless "Database:MigrateOnStart" is false; old
    /// idempotency keys forgotten when the context remembers them.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
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
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(services.GetServices<IInterceptor>()));

        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("database", tags: [HealthTags.Ready]);
        builder.Services.AddHostedService<MigrateAtStart<TContext>>();
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
