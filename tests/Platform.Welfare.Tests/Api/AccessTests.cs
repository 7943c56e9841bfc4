using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Welfare.Tests.Api;

/// <summary>Who may read and write the pillar's records, and the data scope on every list, record and write.</summary>
public partial class AccessTests(WelfareFixture fixture) : IClassFixture<WelfareFixture>
{
    private const string Village = "420325006001";
    private const string OtherVillage = "420325006002";
    private const string OtherTownship = "420325007";

    [Theory]
    [InlineData(PlatformRoles.Auditor, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData(PlatformRoles.DepartmentOfficer, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden)]
    [InlineData(PlatformRoles.TownshipOfficer, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden)]
    [InlineData(PlatformRoles.CountyOfficer, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.OK)]
    [InlineData("visitor", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    public async Task Reading_needs_a_platform_role_writing_a_writing_one_and_the_payment_run_the_county(string role, HttpStatusCode read, HttpStatusCode write, HttpStatusCode pay)
    {
        var token = TestTokens.ForRole(
            role,
            township: role == PlatformRoles.TownshipOfficer ? Village[..9] : null,
            pillar: role == PlatformRoles.DepartmentOfficer ? PlatformScopes.Welfare : null);
        using var client = fixture.Host.CreateHttpClient(token);

        Assert.Equal(read, (await client.GetAsync(new Uri("/api/welfare/figures", UriKind.Relative))).StatusCode);
        // An empty claim: a writer gets past authorization to validation (400); others stop at 403.
        Assert.Equal(write, (await client.PostAsJsonAsync("/api/welfare/claims", new { })).StatusCode);
        // A month far ahead: the county passes authorization and is refused the month (400 ≠ 403, so "allowed"); others 403.
        var run = (await client.PostAsJsonAsync("/api/welfare/assistance/payments", new { month = "2099-01" })).StatusCode;
        Assert.Equal(pay, run == HttpStatusCode.BadRequest ? HttpStatusCode.OK : run);
    }

    [Fact]
    public async Task Another_pillars_department_may_read_but_not_write()
    {
        using var education = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.DepartmentOfficer, pillar: PlatformScopes.Education));
        Assert.Equal(HttpStatusCode.Forbidden, (await education.GetAsync(new Uri("/api/welfare/figures", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await education.PostAsJsonAsync("/api/welfare/claims", new { })).StatusCode);
    }

    [Fact]
    public async Task Outside_their_place_township_and_village_staff_find_nothing_and_change_nothing()
    {
        var patient = WelfareFixture.Member("户主", 66, "郭在村", labour: "none");
        var registered = await fixture.RegisterAsync(Village, patient);
        await fixture.InsureAsync(patient);
        using var county = fixture.County();
        using var claimed = await county.PostAsJsonAsync("/api/welfare/claims", new
        {
            memberId = patient.MemberId, hospital = "房县人民医院", admittedOn = WelfareFixture.Today.AddDays(-5), dischargedOn = WelfareFixture.Today.AddDays(-1), totalCost = 3_000m, withinPolicyCost = 2_500m,
        });
        var claim = (await WelfareFixture.JsonAsync(claimed)).GetProperty("id").GetGuid();
        using var applied = await county.PostAsJsonAsync("/api/welfare/assistance/applications", new { householdId = registered.HouseholdId });
        var enrolment = (await WelfareFixture.JsonAsync(applied)).GetProperty("enrolment").GetProperty("id").GetGuid();
        using var certified = await county.PostAsJsonAsync("/api/welfare/certificates", new { memberId = patient.MemberId, disease = "冠心病", issuer = "房县卫生健康局" });
        var certificate = (await WelfareFixture.JsonAsync(certified)).GetProperty("id").GetGuid();

        using var own = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: Village));
        using var neighbour = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: OtherVillage));
        using var township = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.TownshipOfficer, township: OtherTownship));

        foreach (var path in new[]
                 {
                     $"/api/welfare/households/{registered.HouseholdId}", $"/api/welfare/households/{registered.HouseholdId}/means-test", $"/api/welfare/claims/{claim}",
                     $"/api/welfare/assistance/enrolments/{enrolment}", $"/api/welfare/certificates/{certificate}",
                 })
        {
            Assert.Equal(HttpStatusCode.OK, (await own.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
            foreach (var outsider in new[] { neighbour, township })
            {
                using var response = await outsider.GetAsync(new Uri(path, UriKind.Relative));
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.DoesNotContain(patient.Name, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        foreach (var list in new[]
                 {
                     "/api/welfare/claims", "/api/welfare/assistance/enrolments", "/api/welfare/assistance/payments", "/api/welfare/assistance/applications", "/api/welfare/certificates",
                     "/api/welfare/insurance/enrolments", "/api/welfare/insurance/uninsured", "/api/welfare/insurance/guarantees", "/api/welfare/assistance/qualifying",
                     "/api/welfare/deliveries", "/api/welfare/disabilities", "/api/welfare/protection/payouts",
                 })
        {
            Assert.Equal(0, (await WelfareFixture.GetJsonAsync(neighbour, list + "?pageSize=200")).GetProperty("total").GetInt64());
        }

        Assert.True((await WelfareFixture.GetJsonAsync(own, "/api/welfare/claims?pageSize=200")).GetProperty("total").GetInt64() >= 1);
        var figures = await WelfareFixture.GetJsonAsync(neighbour, "/api/welfare/figures");
        Assert.Equal(0, figures.GetProperty("insurance").GetProperty("people").GetInt32());
        Assert.Equal(0, figures.GetProperty("claims").GetProperty("claims").GetInt32());

        var outbox = await fixture.OutboxCountAsync();
        foreach (var (path, body) in new (string, object)[]
                 {
                     ("/api/welfare/claims", new { memberId = patient.MemberId, hospital = "房县人民医院", admittedOn = WelfareFixture.Today, dischargedOn = WelfareFixture.Today, totalCost = 100m, withinPolicyCost = 100m }),
                     ("/api/welfare/insurance/enrolments", new { memberId = patient.MemberId }),
                     ($"/api/welfare/assistance/enrolments/{enrolment}/ending", new { reason = "越权" }),
                     ("/api/welfare/assistance/means-checks", new { householdId = registered.HouseholdId, verifiedIncome = 1m }),
                     ($"/api/welfare/certificates/{certificate}/revocation", new { reason = "越权" }),
                     ("/api/welfare/disabilities", new { memberId = patient.MemberId, kind = "visual", grade = 1, assessor = "越权" }),
                 })
        {
            using var response = await neighbour.PostAsJsonAsync(path, body);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(outbox, await fixture.OutboxCountAsync());
    }

    [Fact]
    public async Task No_answer_carries_a_whole_id_number_or_a_birth_date()
    {
        var member = WelfareFixture.Member("户主", 48, "唐隐私");
        var registered = await fixture.RegisterAsync(Village, member);
        using var county = fixture.County();
        await fixture.InsureAsync(member);

        foreach (var path in new[] { $"/api/welfare/households/{registered.HouseholdId}", "/api/welfare/insurance/uninsured?pageSize=200", "/api/welfare/claims?pageSize=200" })
        {
            var text = await (await county.GetAsync(new Uri(path, UriKind.Relative))).Content.ReadAsStringAsync();
            Assert.DoesNotContain(member.IdNumber, text, StringComparison.Ordinal);
            Assert.False(IdNumber().IsMatch(text), path);
            Assert.DoesNotContain(member.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("\\d{17}[\\dX]")]
    private static partial Regex IdNumber();
}
