using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Platform.Contracts.Grpc.Households.V1;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Audit.Tests;

/// <summary>One test app and audit database for the class.</summary>
public sealed class AuditAppFixture : IAsyncLifetime
{
    private AuditDatabase? database;
    private AuditTestApp? app;

    public AuditDatabase Database => database ?? throw new InvalidOperationException("Not started.");

    public AuditTestApp App => app ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        database = await AuditDatabase.CreateAsync(await TestInfrastructure.GetAsync());
        app = await AuditTestApp.StartAsync(database.Settings());
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}

public sealed class AuditMiddlewareTests(AuditAppFixture fixture) : IClassFixture<AuditAppFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private AuditDatabase Database => fixture.Database;

    [Fact]
    public async Task A_successful_write_is_recorded_with_who_what_when_and_where()
    {
        using var client = fixture.App.CreateClient(TestTokens.CountyOffice());
        var id = Guid.NewGuid();
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        using var response = await client.PostAsJsonAsync($"/api/things/{id}/parts", new PartRequest("犁"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var traceId = TraceIdOf(response);
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        var entry = await Database.SingleEntryOfTraceAsync(traceId);
        Assert.Equal("audit-tests", entry.Service);
        Assert.Equal("county-office", entry.Subject);
        Assert.Equal(PlatformRoles.CountyAdmin, entry.Role);
        Assert.Equal("county-office", entry.ClientId);
        Assert.Equal("POST /api/things/{id}/parts", entry.Action);
        Assert.Equal("thing", entry.Resource);
        Assert.Equal(id.ToString(), entry.ResourceId);
        Assert.Equal(201, entry.OutcomeStatus);
        Assert.Equal(AuditOutcomes.Succeeded, entry.Outcome);
        Assert.Equal("127.0.0.1", entry.SourceAddress);
        Assert.Equal(traceId, entry.TraceId);
        Assert.Null(entry.Detail);
        Assert.InRange(entry.At, before, DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task A_caller_that_is_not_a_known_proxy_cannot_set_the_audited_address_with_forwarded_for()
    {
        using var client = fixture.App.CreateClient(TestTokens.CountyOffice());
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/things/{Guid.NewGuid()}");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var entry = await Database.SingleEntryOfTraceAsync(TraceIdOf(response));
        Assert.Equal("127.0.0.1", entry.SourceAddress);
        Assert.Equal("DELETE /api/things/{thingId}", entry.Action);
        Assert.Equal(request.RequestUri!.OriginalString.Split('/')[^1], entry.ResourceId);
    }

    [Fact]
    public async Task Behind_a_known_proxy_the_source_address_is_the_one_the_proxy_forwarded()
    {
        var settings = Database.Settings();
        settings["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        await using var behindProxy = await AuditTestApp.StartAsync(settings);
        using var client = behindProxy.CreateClient(TestTokens.CountyOffice());
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/things/{Guid.NewGuid()}");
        // What the caller sent, then what the proxy saw: only the proxy's own entry counts.
        request.Headers.Add("X-Forwarded-For", "203.0.113.7, 198.51.100.20");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("198.51.100.20", (await Database.SingleEntryOfTraceAsync(TraceIdOf(response))).SourceAddress);
    }

    [Fact]
    public async Task A_write_refused_by_authorization_is_recorded_with_the_caller()
    {
        using var client = fixture.App.CreateClient(TestTokens.ForRole(PlatformRoles.Auditor));

        using var response = await client.PostAsJsonAsync($"/api/things/{Guid.NewGuid()}/parts", new PartRequest("犁"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var entry = await Database.SingleEntryOfTraceAsync(TraceIdOf(response));
        Assert.Equal(403, entry.OutcomeStatus);
        Assert.Equal(AuditOutcomes.Refused, entry.Outcome);
        Assert.Equal("auditor-county", entry.Subject);
        Assert.Equal(PlatformRoles.Auditor, entry.Role);
        Assert.Equal("auditor-county", entry.ClientId);
    }

    [Fact]
    public async Task A_write_without_a_token_is_recorded_as_anonymous()
    {
        using var client = fixture.App.CreateClient(null);

        using var response = await client.PostAsJsonAsync($"/api/things/{Guid.NewGuid()}/parts", new PartRequest("犁"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var entry = await Database.SingleEntryOfTraceAsync(TraceIdOf(response));
        Assert.Equal((401, AuditOutcomes.Refused), (entry.OutcomeStatus, entry.Outcome));
        Assert.Equal((AuditOutcomes.Anonymous, "", ""), (entry.Subject, entry.Role, entry.ClientId));
    }

    [Fact]
    public async Task An_invalid_write_is_recorded_as_refused_with_400()
    {
        using var client = fixture.App.CreateClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: "420325001001"));

        using var response = await client.PostAsJsonAsync($"/api/things/{Guid.NewGuid()}/parts", new PartRequest(""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var entry = await Database.SingleEntryOfTraceAsync(TraceIdOf(response));
        Assert.Equal((400, AuditOutcomes.Refused), (entry.OutcomeStatus, entry.Outcome));
        Assert.Equal(PlatformRoles.VillageCadre, entry.Role);
    }

    [Fact]
    public async Task A_write_that_throws_is_recorded_as_failed_with_500()
    {
        using var client = fixture.App.CreateClient(TestTokens.CountyOffice());

        using var response = await client.PutAsJsonAsync($"/api/things/{Guid.NewGuid()}/broken", new PartRequest("x"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var entry = await Database.SingleEntryOfTraceAsync(TraceIdOf(response));
        Assert.Equal((500, AuditOutcomes.Failed), (entry.OutcomeStatus, entry.Outcome));
        Assert.Equal("PUT /api/things/{id}/broken", entry.Action);
        Assert.Equal("things", entry.Resource);
    }

    [Fact]
    public async Task Reads_and_writes_marked_as_reads_are_not_recorded()
    {
        using var client = fixture.App.CreateClient(TestTokens.CountyOffice());

        using var get = await client.GetAsync($"/api/things/{Guid.NewGuid()}");
        using var lookup = await client.PostAsJsonAsync("/api/things/lookup", new PartRequest("x"));
        using var health = await client.GetAsync("/health/live");
        // A write after them on the same connection: once it is recorded, they are done too.
        using var write = await client.PostAsJsonAsync($"/api/things/{Guid.NewGuid()}/parts", new PartRequest("犁"));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await Database.SingleEntryOfTraceAsync(TraceIdOf(write));
        Assert.Empty(await Database.EntriesOfTraceAsync(TraceIdOf(get)));
        Assert.Empty(await Database.EntriesOfTraceAsync(TraceIdOf(lookup)));
    }

    [Fact]
    public async Task A_route_that_records_only_access_refusals_records_a_403_and_not_a_success()
    {
        using var auditor = fixture.App.CreateClient(TestTokens.ForRole(PlatformRoles.Auditor));
        using var office = fixture.App.CreateClient(TestTokens.CountyOffice());
        var id = Guid.NewGuid();

        using var passed = await office.DeleteAsync($"/api/proxied/households/{id}");
        using var refused = await auditor.DeleteAsync($"/api/proxied/households/{id}");
        using var after = await office.PostAsJsonAsync($"/api/things/{Guid.NewGuid()}/parts", new PartRequest("犁"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (passed.StatusCode, refused.StatusCode));
        var entry = await Database.SingleEntryOfTraceAsync(TraceIdOf(refused));
        Assert.Equal($"DELETE /api/proxied/households/{id}", entry.Action);
        Assert.Equal(("proxied", 403, AuditOutcomes.Refused), (entry.Resource, entry.OutcomeStatus, entry.Outcome));
        await Database.SingleEntryOfTraceAsync(TraceIdOf(after));
        Assert.Empty(await Database.EntriesOfTraceAsync(TraceIdOf(passed)));
    }

    [Fact]
    public async Task A_reveal_is_recorded_before_the_data_is_shown()
    {
        using var client = fixture.App.CreateClient(TestTokens.CountyOffice());
        var id = Guid.NewGuid();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/things/{id}/secret");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(AuditTestApp.Secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Recorded by the endpoint before it answered: there already, no wait needed.
        var entry = Assert.Single(await Database.EntriesOfTraceAsync(TraceIdOf(response)));
        Assert.Equal(AuditTrailExtensions.RevealPrefix + "GET /api/things/{id}/secret", entry.Action);
        Assert.Equal(("thing", id.ToString(), "secret"), (entry.Resource, entry.ResourceId, entry.Detail));
        Assert.Equal(("county-office", "127.0.0.1"), (entry.Subject, entry.SourceAddress));
    }

    [Fact]
    public async Task A_resident_id_number_never_reaches_the_log()
    {
        var trail = (IAuditTrail)fixture.App.Services.GetService(typeof(IAuditTrail))!;
        var traceId = Guid.NewGuid().ToString("N");

        await trail.RecordAsync(
            new AuditRecord
            {
                At = DateTimeOffset.UtcNow,
                Subject = "county-office",
                Role = PlatformRoles.CountyAdmin,
                ClientId = "county-office",
                Action = "POST /api/things/lookup",
                Resource = "member",
                ResourceId = "42032519800101123X",
                OutcomeStatus = 200,
                Outcome = AuditOutcomes.Succeeded,
                SourceAddress = "127.0.0.1",
                TraceId = traceId,
                Detail = "looked up 420325198001011234 by mistake",
            },
            CancellationToken.None);

        var entry = Assert.Single(await Database.EntriesOfTraceAsync(traceId));
        Assert.Equal("420325********123X", entry.ResourceId);
        Assert.Equal("looked up 420325********1234 by mistake", entry.Detail);
    }

    [Fact]
    public async Task Grpc_writes_are_recorded_with_their_method_and_status_and_reads_are_not()
    {
        using var channel = fixture.App.CreateGrpcChannel(TestTokens.CountyOffice());
        var registry = new HouseholdRegistry.HouseholdRegistryClient(channel);

        using var ok = registry.ImportVillagesAsync(new ImportVillagesRequest
        {
            Villages = { new VillageRecord { Code = "420325001001", Name = "一村", TownshipCode = "420325001" } },
        });
        Assert.Equal(1, (await ok.ResponseAsync).VillagesCreated);
        var okEntry = await Database.SingleEntryOfTraceAsync(await TraceIdOf(ok.ResponseHeadersAsync));
        Assert.Equal("/platform.households.v1.HouseholdRegistry/ImportVillages", okEntry.Action);
        Assert.Equal(("village", (int)StatusCode.OK, AuditOutcomes.Succeeded), (okEntry.Resource, okEntry.OutcomeStatus, okEntry.Outcome));
        Assert.Equal("county-office", okEntry.Subject);

        using var invalid = registry.ImportVillagesAsync(new ImportVillagesRequest());
        var error = await Assert.ThrowsAsync<RpcException>(() => invalid.ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var invalidEntry = await Database.SingleEntryOfTraceAsync(await TraceIdOf(invalid.ResponseHeadersAsync));
        Assert.Equal(((int)StatusCode.InvalidArgument, AuditOutcomes.Refused), (invalidEntry.OutcomeStatus, invalidEntry.Outcome));

        using var read = registry.GetHouseholdAsync(new GetHouseholdRequest { HouseholdNumber = "4203250010010001" });
        await read.ResponseAsync;
        var readTrace = await TraceIdOf(read.ResponseHeadersAsync);
        // A write after it on the same channel (HTTP/2, so not ordered by the connection): wait for it, then look.
        using var after = registry.ImportVillagesAsync(new ImportVillagesRequest { Villages = { new VillageRecord { Code = "420325001002" } } });
        await after.ResponseAsync;
        await Database.SingleEntryOfTraceAsync(await TraceIdOf(after.ResponseHeadersAsync));
        Assert.Empty(await Database.EntriesOfTraceAsync(readTrace));
    }

    [Fact]
    public async Task A_grpc_call_without_a_token_is_recorded_as_refused()
    {
        using var channel = fixture.App.CreateGrpcChannel(null);
        var registry = new HouseholdRegistry.HouseholdRegistryClient(channel);

        using var call = registry.ImportVillagesAsync(new ImportVillagesRequest());
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        // Refused before gRPC ran (HTTP 401, no grpc-status): the only anonymous gRPC call of the class.
        await Eventually.AssertAsync(
            async () => await Database.CountAsync(
                "subject = 'anonymous' AND action = '/platform.households.v1.HouseholdRegistry/ImportVillages' " +
                $"AND outcome_status = {(int)StatusCode.Unauthenticated} AND outcome = 'refused' AND resource = 'village'") == 1,
            Wait,
            "the anonymous gRPC call is recorded as refused");
    }

    private static string TraceIdOf(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues(AuditTestApp.TraceHeader));

    private static async Task<string> TraceIdOf(Task<Metadata> headers) =>
        (await headers).GetValue(AuditTestApp.TraceHeader) ?? throw new InvalidOperationException("No trace id header.");
}
