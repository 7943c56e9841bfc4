using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.Testing;

namespace Platform.Audit.Tests;

/// <summary>A test app over an audit log holding a known set of entries.</summary>
public sealed class AuditSearchFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private AuditDatabase? database;
    private AuditTestApp? app;

    public AuditTestApp App => app ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        database = await AuditDatabase.CreateAsync(await TestInfrastructure.GetAsync());
        app = await AuditTestApp.StartAsync(database.Settings());
        var trail = (IAuditTrail)app.Services.GetService(typeof(IAuditTrail))!;

        // Ten entries an hour apart: alice writes households h1/h2, bob (a department client) villages.
        for (var i = 0; i < 10; i++)
        {
            var alice = i % 2 == 0;
            await trail.RecordAsync(
                new AuditRecord
                {
                    At = Start.AddHours(i),
                    Subject = alice ? "alice" : "bob",
                    Role = alice ? PlatformRoles.CountyOfficer : PlatformRoles.DepartmentOfficer,
                    ClientId = alice ? "portal" : "education-bureau",
                    Action = alice ? "POST /api/households/{id}/members" : "/platform.households.v1.HouseholdRegistry/ImportVillages",
                    Resource = alice ? "household" : "village",
                    ResourceId = alice ? (i < 6 ? "h1" : "h2") : null,
                    OutcomeStatus = i == 9 ? 7 : i == 8 ? 500 : alice ? 201 : 0,
                    Outcome = i == 9 ? AuditOutcomes.Refused : i == 8 ? AuditOutcomes.Failed : AuditOutcomes.Succeeded,
                    SourceAddress = "203.0.113.7",
                    TraceId = $"{i:x32}",
                },
                CancellationToken.None);
        }
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

public sealed class AuditSearchTests(AuditSearchFixture fixture) : IClassFixture<AuditSearchFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task An_auditor_sees_everything_newest_first()
    {
        var page = await SearchAsync("", PlatformRoles.Auditor);

        Assert.Equal(10, page.Total);
        Assert.Equal(Enumerable.Range(0, 10).Reverse().Select(i => AuditSearchFixture.Start.AddHours(i)), page.Items.Select(e => e.At));
        var newest = page.Items[0];
        Assert.Equal(("bob", PlatformRoles.DepartmentOfficer, "education-bureau", "audit-tests"), (newest.Subject, newest.Role, newest.ClientId, newest.Service));
        Assert.Equal((7, AuditOutcomes.Refused, "203.0.113.7", $"{9:x32}"), (newest.OutcomeStatus, newest.Outcome, newest.SourceAddress, newest.TraceId));
    }

    [Fact]
    public async Task The_county_administrator_may_search_too()
    {
        var page = await SearchAsync("?subject=alice", PlatformRoles.CountyAdmin);

        Assert.Equal(5, page.Total);
    }

    [Theory]
    [InlineData("?subject=alice", 5)]
    [InlineData("?clientId=education-bureau", 5)]
    [InlineData("?resource=household&resourceId=h1", 3)]
    [InlineData("?resource=household&resourceId=h2", 2)]
    [InlineData("?action=importvillages", 5)]
    [InlineData("?action=%2Fmembers", 5)]
    [InlineData("?outcome=refused", 1)]
    [InlineData("?outcome=failed", 1)]
    [InlineData("?outcome=succeeded&subject=bob", 4)]
    [InlineData("?from=2025-03-01T05:00:00Z", 5)]
    [InlineData("?to=2025-03-01T02:00:00Z", 3)]
    [InlineData("?from=2025-03-01T10:00:00%2B08:00&to=2025-03-01T11:00:00%2B08:00", 2)]
    [InlineData("?from=2025-03-02", 0)]
    [InlineData("?subject=nobody", 0)]
    public async Task Filters_narrow_the_log(string query, int expected)
    {
        var page = await SearchAsync(query, PlatformRoles.Auditor);

        Assert.Equal(expected, page.Total);
        Assert.Equal(expected, page.Items.Count);
    }

    [Fact]
    public async Task Pages_are_cut_newest_first()
    {
        var second = await SearchAsync("?page=2&pageSize=3", PlatformRoles.Auditor);
        var last = await SearchAsync("?page=4&pageSize=3", PlatformRoles.Auditor);

        Assert.Equal((2, 3, 10L), (second.PageNumber, second.PageSize, second.Total));
        Assert.Equal([6, 5, 4], second.Items.Select(e => (int)(e.At - AuditSearchFixture.Start).TotalHours));
        Assert.Equal([0], last.Items.Select(e => (int)(e.At - AuditSearchFixture.Start).TotalHours));
    }

    [Theory]
    [InlineData("?outcome=maybe", "outcome")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?to=2025-13-01", "to")]
    [InlineData("?from=2025-03-02&to=2025-03-01", "to")]
    [InlineData("?pageSize=500", "pageSize")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?page=0", "page")]
    [InlineData("?page=abc", "page")]
    public async Task Bad_filters_are_problem_details_in_chinese(string query, string field)
    {
        using var client = fixture.App.CreateClient(TestTokens.ForRole(PlatformRoles.Auditor));

        using var response = await client.GetAsync(AuditSearchApi.Route + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("请求参数有误", problem.RootElement.GetProperty("title").GetString());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out var messages));
        Assert.Contains(messages.EnumerateArray(), m => m.GetString() is { Length: > 0 });
    }

    [Fact]
    public async Task A_village_cadre_is_forbidden_and_a_caller_without_token_unauthorized()
    {
        using var cadre = fixture.App.CreateClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: "420325001001"));
        using var nobody = fixture.App.CreateClient(null);
        using var countyOfficer = fixture.App.CreateClient(TestTokens.ForRole(PlatformRoles.CountyOfficer));

        using var forbidden = await cadre.GetAsync(AuditSearchApi.Route);
        using var unauthorized = await nobody.GetAsync(AuditSearchApi.Route);
        using var officer = await countyOfficer.GetAsync(AuditSearchApi.Route);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, officer.StatusCode);
    }

    private async Task<Page<AuditEntry>> SearchAsync(string query, string role)
    {
        using var client = fixture.App.CreateClient(TestTokens.ForRole(role));
        using var response = await client.GetAsync(AuditSearchApi.Route + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Page<AuditEntry>>(Json))!;
    }
}
