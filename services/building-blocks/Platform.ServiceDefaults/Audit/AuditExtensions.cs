using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.ServiceDefaults.Audit;

/// <summary>
/// The audit log in a host. Every service and the gateway: <see cref="AddPlatformAudit"/> and
/// <see cref="UsePlatformAudit"/>. The gateway also: <see cref="AddAuditOwner"/> (schema, writer
/// role, retention) and <see cref="MapAuditSearch"/>.
/// </summary>
public static class AuditExtensions
{
    /// <summary>
    /// <see cref="IAuditTrail"/> over the "audit" connection string (the writer role), with its own
    /// data source. The host refuses to start when that connection string is missing.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAudit(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddAuditOptions(builder)
            .Validate<IConfiguration>(
                (_, configuration) => !string.IsNullOrWhiteSpace(configuration.GetConnectionString(AuditOptions.ConnectionName)),
                $"The audit log needs the connection string '{AuditOptions.ConnectionName}' (ConnectionStrings:{AuditOptions.ConnectionName}, " +
                $"or ConnectionStrings__{AuditOptions.ConnectionName} in the environment): the audit database as the writer role.");

        AddDataSource(builder, AuditOptions.ConnectionName);
        var environment = builder.Environment;
        builder.Services.TryAddSingleton(services =>
        {
            var configured = services.GetRequiredService<IOptions<AuditOptions>>().Value.ServiceName;
            var configuration = services.GetRequiredService<IConfiguration>();
            return new AuditServiceName(configured is { Length: > 0 } ? configured
                : configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } otel ? otel
                : environment.ApplicationName);
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IAuditTrail, NpgsqlAuditTrail>();
        // The audit row of a write commits before the write does (see AuditCommits).
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddSingleton<AuditCommits>();
        builder.Services.TryAddSingleton<AuditCommitInterceptor>();
        return builder;
    }

    /// <summary>
    /// For the one host that owns the audit database (the gateway): at start, the schema, the table,
    /// its append-only trigger and the writer role ("Audit:WriterRole", password
    /// "Audit:WriterPassword") through the "audit-owner" connection string; then retention.
    /// </summary>
    public static IHostApplicationBuilder AddAuditOwner(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var demo = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing");
        AddAuditOptions(builder).Validate(
            options => demo || !string.IsNullOrEmpty(options.WriterPassword),
            "Audit:WriterPassword must be configured outside the Development and Testing environments (the demo default is for the local start only).");
        builder.Services.TryAddSingleton(services =>
        {
            var configured = services.GetRequiredService<IOptions<AuditOptions>>().Value.WriterPassword;
            return new AuditWriterPassword(configured is { Length: > 0 } ? configured : AuditOptions.DemoWriterPassword);
        });

        // Registered before retention: hosted services start in order, so the table exists before the first purge.
        AddOwnerDataSource(builder);
        builder.Services.AddHostedService<AuditSchemaAtStart>();
        return builder.AddAuditRetention();
    }

    /// <summary>
    /// <see cref="AuditRetention"/> (for the owning host only, through "audit-owner"): deletes entries
    /// older than "Audit:RetentionDays" (default 365; below 183 the host refuses to start) at start
    /// and once a day. <see cref="AddAuditOwner"/> includes it.
    /// </summary>
    public static IHostApplicationBuilder AddAuditRetention(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddAuditOptions(builder);
        AddOwnerDataSource(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        if (!builder.Services.Any(d => d.ServiceType == typeof(AuditRetention)))
        {
            builder.Services.AddSingleton<AuditRetention>();
            builder.Services.AddHostedService(services => services.GetRequiredService<AuditRetention>());
        }

        return builder;
    }

    /// <summary>
    /// Records every write (see <see cref="AuditMiddleware"/>). Place it before
    /// <c>UsePlatformDefaults()</c> (i.e. outside the exception handler and authorization), so that it
    /// sees the final status of calls refused by authorization and of calls that threw; it reads the
    /// caller after authentication has run.
    /// </summary>
    public static IApplicationBuilder UsePlatformAudit(this IApplicationBuilder app) =>
        app.UseMiddleware<AuditMiddleware>();

    private static OptionsBuilder<AuditOptions> AddAuditOptions(IHostApplicationBuilder builder)
    {
        var options = builder.Services.AddOptions<AuditOptions>();
        if (!builder.Services.Any(d => d.ServiceType == typeof(AuditOptionsMarker)))
        {
            builder.Services.AddSingleton<AuditOptionsMarker>();
            options.Bind(builder.Configuration.GetSection(AuditOptions.SectionName))
                .ValidateDataAnnotations()
                .Validate(o => o.RetentionInterval > TimeSpan.Zero, "Audit:RetentionInterval must be positive.")
                .ValidateOnStart();
        }

        return options;
    }

    private static void AddOwnerDataSource(IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(OwnerMarker)))
        {
            return;
        }

        builder.Services.AddSingleton<OwnerMarker>();
        AddAuditOptions(builder).Validate<IConfiguration>(
            (_, configuration) => !string.IsNullOrWhiteSpace(configuration.GetConnectionString(AuditOptions.OwnerConnectionName)),
            $"The audit log's owner needs the connection string '{AuditOptions.OwnerConnectionName}' (ConnectionStrings:{AuditOptions.OwnerConnectionName}): " +
            "the audit database as its owner, allowed to create roles.");
        AddDataSource(builder, AuditOptions.OwnerConnectionName);
    }

    private static void AddDataSource(IHostApplicationBuilder builder, string connectionName) =>
        builder.Services.TryAddKeyedSingleton(connectionName, (services, _) =>
        {
            // Read when the service provider builds: test hosts and the AppHost add settings late.
            var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(connectionName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException($"Connection string '{connectionName}' of the audit log is not configured.");
            }

            var dataSource = new NpgsqlDataSourceBuilder(connectionString);
            dataSource.ConfigureTracing(tracing => tracing.ConfigureCommandFilter(_ => Activity.Current is not null));
            return dataSource.Build();
        });

    private sealed class AuditOptionsMarker;

    private sealed class OwnerMarker;
}
