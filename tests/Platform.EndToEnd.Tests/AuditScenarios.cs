using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.People;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The audit log through the gateway against the real services: writes and reveals of personal data
/// are recorded with who, role, client, what, outcome, source address and trace id, and auditors
/// (only they and the county administrator) search it through the gateway.
/// </summary>
[Collection(PlatformCollection.Name)]
public class AuditScenarios(PlatformFixture platform) : IAsyncLifetime
{
    private static int sequence;

    public async Task InitializeAsync()
    {
        // The test county's places, as the other tests on this platform import them (the same villages, the same poor village).
        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(platform.Gateway.GrpcAddress, await platform.TokenAsync());
        await TestCounty.ImportPlacesAsync(channel);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_village_cadres_registration_is_in_the_audit_log_and_an_auditor_finds_it_through_the_gateway()
    {
        using var cadre = await PortalUser.SignInAsync(platform.Gateway, "village");
        var householdNumber = $"AUD{Interlocked.Increment(ref sequence):D3}{Guid.NewGuid().ToString("N")[..8]}";
        using var registered = await cadre.PostAsJsonAsync(new Uri("/api/households", UriKind.Relative), Body(householdNumber, PlatformFixture.Village));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        using var auditor = await PortalUser.SignInAsync(platform.Gateway, "auditor");
        var entries = await Eventually.ReturnsAsync(
            async () => await SearchAsync(auditor, "subject=village&outcome=succeeded&action=POST%20/api/households") is { Count: > 0 } found ? found : null,
            TimeSpan.FromSeconds(15),
            "the registration is in the audit log");
        var entry = entries.First(e => e.GetProperty("action").GetString()!.TrimEnd('/') == "POST /api/households");
        Assert.Equal("village-cadre", entry.GetProperty("role").GetString());
        Assert.Equal("portal", entry.GetProperty("clientId").GetString());
        Assert.Equal(201, entry.GetProperty("outcomeStatus").GetInt32());
        Assert.Equal("127.0.0.1", entry.GetProperty("sourceAddress").GetString());
        Assert.Matches("^[0-9a-f]{32}$", entry.GetProperty("traceId").GetString());

        // Only auditors and the county administrator read the log.
        using var denied = await cadre.GetAsync(new Uri("/api/audit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        using var admin = platform.Gateway.CreateHttpClient(await platform.TokenAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/api/audit?pageSize=1", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Seeing_an_id_number_whole_is_an_explicit_request_with_a_reason_recorded_before_the_answer()
    {
        using var officer = await PortalUser.SignInAsync(platform.Gateway, "officer");
        var head = ResidentIdNumber.Create("420325", new DateOnly(1961, 6, 1).AddDays(Interlocked.Increment(ref sequence)), 31).Value;
        using var registered = await officer.PostAsJsonAsync(
            new Uri("/api/households", UriKind.Relative), Body($"REV{Guid.NewGuid().ToString("N")[..10]}", PlatformFixture.Village, head));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var household = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement;
        var householdId = household.GetProperty("id").GetString();
        var member = household.GetProperty("members")[0];
        var memberId = member.GetProperty("id").GetString();

        // Everywhere else the number and the phone are masked.
        Assert.NotEqual(head, member.GetProperty("idNumber").GetString());
        Assert.Equal("138****1234", household.GetProperty("phone").GetString());

        var reveal = new Uri($"/api/households/{householdId}/members/{memberId}/identity", UriKind.Relative);
        using var withoutReason = await officer.PostAsJsonAsync(reveal, new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);

        using var revealed = await officer.PostAsJsonAsync(reveal, new { reason = "核对医保报销材料" });
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        var identity = JsonDocument.Parse(await revealed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(head, identity.GetProperty("idNumber").GetString());
        Assert.Equal("13800001234", identity.GetProperty("householdPhone").GetString());
        Assert.Contains("no-store", revealed.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        // Roles without the right, and a cadre of another village, see nothing whole.
        foreach (var (user, status) in new[] { ("auditor", HttpStatusCode.Forbidden), ("education", HttpStatusCode.Forbidden) })
        {
            using var other = await PortalUser.SignInAsync(platform.Gateway, user);
            Assert.Equal(status, (await other.PostAsJsonAsync(reveal, new { reason = "试试" })).StatusCode);
        }

        using var otherVillage = await PortalUser.SignInAsync(platform.Gateway, "village2");
        Assert.Equal(HttpStatusCode.NotFound, (await otherVillage.PostAsJsonAsync(reveal, new { reason = "试试" })).StatusCode);

        using var auditor = await PortalUser.SignInAsync(platform.Gateway, "auditor");
        var reveals = await Eventually.ReturnsAsync(
            async () => await SearchAsync(auditor, $"action=REVEAL&resourceId={memberId}") is { Count: > 0 } found ? found : null,
            TimeSpan.FromSeconds(15),
            "the reveal is in the audit log");
        var entry = Assert.Single(reveals);
        Assert.Equal(("officer", "county-officer"), (entry.GetProperty("subject").GetString(), entry.GetProperty("role").GetString()));
        Assert.Contains("核对医保报销材料", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(head, entry.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_the_gateway_refuses_is_recorded_as_refused()
    {
        using var anonymous = platform.Gateway.CreateHttpClient(token: null);
        var marker = Guid.NewGuid().ToString("N");
        using var refused = await anonymous.PostAsJsonAsync(new Uri($"/api/households/{Guid.NewGuid()}/status?probe={marker}", UriKind.Relative), new { });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var auditor = await PortalUser.SignInAsync(platform.Gateway, "auditor");
        var entries = await Eventually.ReturnsAsync(
            async () => await SearchAsync(auditor, "subject=anonymous&outcome=refused&action=/status") is { Count: > 0 } found ? found : null,
            TimeSpan.FromSeconds(15),
            "the refused call is in the audit log");
        Assert.Contains(entries, e => e.GetProperty("outcomeStatus").GetInt32() == 401);
    }

    private static async Task<IReadOnlyList<JsonElement>> SearchAsync(HttpClient auditor, string query)
    {
        using var response = await auditor.GetAsync(new Uri("/api/audit?pageSize=50&" + query, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"audit search {query}: {(int)response.StatusCode} {body}");
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray()];
    }

    private static object Body(string householdNumber, string village, string? headId = null) => new
    {
        householdNumber,
        villageCode = village,
        status = "poor",
        mainCause = "illness",
        phone = "13800001234",
        registeredYear = 2016,
        members = new[]
        {
            new
            {
                idNumber = headId ?? ResidentIdNumber.Create("420325", new DateOnly(1960, 1, 1).AddDays(Interlocked.Increment(ref sequence)), 11).Value,
                name = "张建国",
                relation = "户主",
                labourAbility = "normal",
                schoolingStatus = "left-school",
                ethnicity = "汉族",
            },
        },
    };
}
