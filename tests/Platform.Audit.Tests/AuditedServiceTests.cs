using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Grpc.Core;
using Npgsql;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.People;
using Platform.Testing;

namespace Platform.Audit.Tests;

/// <summary>
/// A real service (the registry) with its database roles as a deployment gets them: it migrates as
/// the owner and runs as a role that may only read and write rows; and every write it commits has
/// its audit row, or is not committed at all.
/// </summary>
public sealed class AuditedServiceTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    private const string Township = "420325001";
    private const string Village = "420325001001";

    [Fact]
    public async Task The_service_migrates_as_the_owner_and_runs_as_a_role_that_may_only_read_and_write_rows()
    {
        var (roles, audit, service) = await StartWithVillageAsync();
        await using var _ = audit;
        await using var __ = service;
        using var http = service.CreateHttpClient(TestTokens.CountyOffice());
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(http)).StatusCode);

        await using var runtime = NpgsqlDataSource.Create(roles.Runtime);
        foreach (var sql in new[]
        {
            "CREATE TABLE intruder (id int)",
            "DROP TABLE households",
            "TRUNCATE households",
            "ALTER TABLE households ADD COLUMN intruder int",
            "DELETE FROM __ef_migrations_history",
            "CREATE INDEX ix_intruder ON households (id)",
        })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(runtime, sql));
            Assert.True(error.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {error.SqlState} {error.MessageText}");
        }

        await using var admin = NpgsqlDataSource.Create(roles.Admin);
        var privileges = await Sql.ScalarAsync<string>(
            admin,
            $"SELECT string_agg(DISTINCT privilege_type, ',' ORDER BY privilege_type) FROM information_schema.role_table_grants WHERE grantee = '{roles.RuntimeRole}'");
        Assert.Equal("DELETE,INSERT,SELECT,UPDATE", privileges);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(admin, $"SELECT count(*) FROM pg_tables WHERE tableowner = '{roles.RuntimeRole}'"));
        Assert.True(await Sql.ScalarAsync<long>(admin, $"SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = '{roles.OwnerRole}'") > 5);
    }

    [Fact]
    public async Task A_write_whose_audit_row_cannot_be_written_fails_and_changes_nothing()
    {
        var (roles, audit, service) = await StartWithVillageAsync();
        await using var _ = audit;
        await using var __ = service;
        await using var admin = NpgsqlDataSource.Create(roles.Admin);
        using var http = service.CreateHttpClient(TestTokens.CountyOffice());

        await Sql.ExecAsync(audit.Owner, $"REVOKE INSERT ON audit.entries FROM {audit.WriterRole}");

        // REST (EF Core): refused, nothing registered.
        using var refused = await RegisterAsync(http);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(admin, "SELECT count(*) FROM households"));

        // gRPC through EF Core, and the bulk import's binary COPY: Unavailable, nothing written.
        using var channel = service.CreateGrpcChannel(TestTokens.CountyOffice());
        var registry = new HouseholdRegistry.HouseholdRegistryClient(channel);
        var villages = await Assert.ThrowsAsync<RpcException>(() => registry.ImportVillagesAsync(Places("420325001002")).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, villages.StatusCode);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(admin, "SELECT count(*) FROM villages"));
        using (var import = registry.ImportHouseholds())
        {
            await import.RequestStream.WriteAsync(new HouseholdRecord
            {
                HouseholdNumber = "AUDIT-COPY-1",
                VillageCode = Village,
                Status = "poor",
                MainCause = "illness",
                RegisteredYear = 2016,
                Members = { new MemberRecord { IdNumber = ResidentIdNumber.Create("420325", new DateOnly(1970, 3, 3), 77).Value, Name = "王建华", Relation = "户主", Sex = "male" } },
            });
            await import.RequestStream.CompleteAsync();
            var copy = await Assert.ThrowsAsync<RpcException>(() => import.ResponseAsync);
            Assert.Equal(StatusCode.Unavailable, copy.StatusCode);
        }

        Assert.Equal(0L, await Sql.ScalarAsync<long>(admin, "SELECT count(*) FROM households"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(admin, "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%HouseholdRegistered%'"));

        // The log is back: the write goes through, with exactly one row that says how it ended.
        await Sql.ExecAsync(audit.Owner, $"GRANT INSERT ON audit.entries TO {audit.WriterRole}");
        using var registered = await RegisterAsync(http);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var entries = await audit.EntriesAsync("action = 'POST /api/households' AND outcome = 'succeeded'");
        Assert.Equal(201, Assert.Single(entries).OutcomeStatus);
    }

    /// <summary>The registry on a database of its own roles and an audit log of its own, with one village.</summary>
    private async Task<(ServiceDatabase Roles, AuditDatabase Audit, ServiceHost<Households.Program> Service)> StartWithVillageAsync()
    {
        var roles = await ServiceDatabase.CreateAsync(fixture.Infrastructure);
        var audit = await AuditDatabase.CreateAsync(fixture.Infrastructure);
        var service = await StartAsync(roles, audit);
        await ImportVillageAsync(service);
        return (roles, audit, service);
    }

    private static async Task<ServiceHost<Households.Program>> StartAsync(ServiceDatabase roles, AuditDatabase audit)
    {
        var settings = audit.Settings();
        settings["ConnectionStrings:households"] = roles.Runtime;
        settings["ConnectionStrings:households-owner"] = roles.Owner;
        settings["ConnectionStrings:rabbitmq"] = (await (await TestInfrastructure.GetAsync()).CreateVirtualHostAsync("audited-service")).ToString();
        settings["Audit:ServiceName"] = "households";
        return ServiceHost<Households.Program>.Start(settings);
    }

    private static async Task ImportVillageAsync(ServiceHost<Households.Program> service)
    {
        using var channel = service.CreateGrpcChannel(TestTokens.CountyOffice());
        await new HouseholdRegistry.HouseholdRegistryClient(channel).ImportVillagesAsync(Places(Village));
    }

    private static ImportVillagesRequest Places(string village) => new()
    {
        Townships = { new TownshipRecord { Code = Township, Name = "城关镇" } },
        Villages = { new VillageRecord { Code = village, Name = "东城村" + village[^1], TownshipCode = Township, RuralPopulation = 900 } },
    };

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient http) => http.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative), new
    {
        householdNumber = "AUDIT-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)),
        villageCode = Village,
        status = "poor",
        mainCause = "illness",
        registeredYear = 2016,
        members = new[] { new { idNumber = ResidentIdNumber.Create("420325", new DateOnly(1960, 1, 1).AddDays(RandomNumberGenerator.GetInt32(9000)), 11).Value, name = "张建国", relation = "户主" } },
    });

    /// <summary>A fresh service database owned by an owner role of its own, and a runtime role with no privilege yet.</summary>
    private sealed record ServiceDatabase(string Admin, string Owner, string Runtime, string OwnerRole, string RuntimeRole)
    {
        public static async Task<ServiceDatabase> CreateAsync(TestInfrastructure infrastructure)
        {
            var admin = await infrastructure.CreateDatabaseAsync("audited_service");
            var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            var (ownerRole, runtimeRole) = ($"service_owner_{suffix}", $"service_app_{suffix}");
            var database = new NpgsqlConnectionStringBuilder(admin).Database!;
            await using (var server = NpgsqlDataSource.Create(admin))
            {
                await Sql.ExecAsync(server, $"""
                    CREATE ROLE {ownerRole} LOGIN;
                    CREATE ROLE {runtimeRole} LOGIN;
                    ALTER DATABASE "{database}" OWNER TO {ownerRole};
                    """);
            }

            string As(string role) => new NpgsqlConnectionStringBuilder(admin) { Username = role }.ConnectionString;
            return new ServiceDatabase(admin, As(ownerRole), As(runtimeRole), ownerRole, runtimeRole);
        }
    }
}
