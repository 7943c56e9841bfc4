using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.ServiceDefaults.Audit;
using Platform.Testing;

namespace Platform.Audit.Tests;

public sealed class AuditRetentionTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task The_owner_host_creates_the_schema_and_purges_old_entries_at_start_keeping_recent_ones()
    {
        await using var database = await AuditDatabase.CreateAsync(fixture.Infrastructure);
        var now = DateTimeOffset.UtcNow;
        await InsertAtAsync(database.Owner, "old-1", now.AddDays(-400));
        await InsertAtAsync(database.Owner, "old-2", now.AddDays(-366));
        await InsertAtAsync(database.Owner, "recent", now.AddDays(-200));
        await InsertAtAsync(database.Owner, "today", now);

        using var host = BuildOwnerHost(database.Settings(owner: true));
        await host.StartAsync();
        try
        {
            await Eventually.AssertAsync(
                async () => await database.CountAsync("subject LIKE 'old-%'") == 0,
                TimeSpan.FromSeconds(10),
                "entries older than 365 days are purged at start");
            Assert.Equal(2, await database.CountAsync("subject IN ('recent', 'today')"));

            // And on demand, with a count: nothing is left to delete now.
            Assert.Equal(0, await host.Services.GetRequiredService<AuditRetention>().PurgeAsync(CancellationToken.None));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task The_owner_host_builds_the_schema_in_an_empty_database()
    {
        await using var database = await AuditDatabase.CreateAsync(fixture.Infrastructure, withSchema: false);
        using var host = BuildOwnerHost(database.Settings(owner: true));

        await host.StartAsync();
        await host.StopAsync();

        await using var writer = NpgsqlDataSource.Create(database.WriterConnectionString);
        await InsertAtAsync(writer, "written-by-the-writer", DateTimeOffset.UtcNow);
        Assert.Equal(1, await database.CountAsync());
    }

    [Theory]
    [InlineData("182")]
    [InlineData("30")]
    [InlineData("0")]
    public async Task A_retention_shorter_than_six_months_is_refused_at_start(string days)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:audit"] = "Host=127.0.0.1;Database=audit",
            ["ConnectionStrings:audit-owner"] = "Host=127.0.0.1;Database=audit",
            ["Audit:RetentionDays"] = days,
        };
        using var host = BuildOwnerHost(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Audit:RetentionDays must be at least 183", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retention_of_six_months_is_accepted()
    {
        var options = BuildOwnerHost(new Dictionary<string, string?>
        {
            ["ConnectionStrings:audit"] = "Host=127.0.0.1;Database=audit",
            ["ConnectionStrings:audit-owner"] = "Host=127.0.0.1;Database=audit",
            ["Audit:RetentionDays"] = "183",
        }).Services.GetRequiredService<IOptions<AuditOptions>>();

        Assert.Equal(183, options.Value.RetentionDays);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_host_without_the_audit_connection_string_refuses_to_start()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.AddPlatformAudit();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("connection string 'audit'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_the_demo_environments_the_writer_password_must_be_configured()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:audit"] = "Host=127.0.0.1;Database=audit",
            ["ConnectionStrings:audit-owner"] = "Host=127.0.0.1;Database=audit",
        });
        builder.AddPlatformAudit();
        builder.AddAuditOwner();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Audit:WriterPassword", error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildOwnerHost(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.AddPlatformAudit();
        builder.AddAuditOwner();
        return builder.Build();
    }

    private static async Task InsertAtAsync(NpgsqlDataSource dataSource, string subject, DateTimeOffset at)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO audit.entries (at, service, subject, role, client_id, action, resource, outcome_status, outcome, source_address, trace_id)
            VALUES ($1, 'tests', $2, 'county-admin', 'portal', 'POST /api/things', 'thing', 201, 'succeeded', '127.0.0.1', 'trace')
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        await command.ExecuteNonQueryAsync();
    }
}
