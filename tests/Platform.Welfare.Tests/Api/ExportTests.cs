using System.Net;
using System.Net.Http.Json;
using Platform.Contracts.People;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Welfare.Tests.Api;

/// <summary>The exports of the welfare lists: the list's rows as the caller sees them (a village cadre: its village only), ID numbers masked.</summary>
public class ExportTests(WelfareFixture fixture) : IClassFixture<WelfareFixture>
{
    private const string Village = "420325031001";
    private const string OtherVillage = "420325031002";

    [Fact]
    public async Task A_village_cadre_s_certificate_and_uninsured_exports_hold_its_village_only_with_masked_numbers()
    {
        var here = WelfareFixture.Member("户主", 58, "导出甲");
        var there = WelfareFixture.Member("户主", 59, "导出乙");
        await fixture.RegisterAsync(Village, here);
        await fixture.RegisterAsync(OtherVillage, there);
        using var county = fixture.County();
        foreach (var patient in new[] { here, there })
        {
            using var issued = await county.PostAsJsonAsync("/api/welfare/certificates", new { memberId = patient.MemberId, disease = "慢性阻塞性肺病", issuer = "房县卫生健康局" });
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        }

        using var cadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: Village));
        var rows = await Workbooks.ReadAsync(cadre, "/api/welfare/certificates/export");
        Assert.All(rows, r => Assert.Equal(Village, r["行政村代码"]?.ToString()));
        var mine = Assert.Single(rows, r => r["患者"]?.ToString() == here.Name);
        Assert.Equal((ResidentIdNumber.Mask(here.IdNumber), "慢性阻塞性肺病", "否"), (mine["身份证号"]?.ToString(), mine["病种"]?.ToString(), mine["特殊病种"]?.ToString()));
        Assert.DoesNotContain(rows, r => r["患者"]?.ToString() == there.Name);
        Workbooks.AssertNoWholeIdNumber(rows);

        // The export holds the list's rows in its order; another village asked for by name gives nothing.
        var listed = await WelfareFixture.GetJsonAsync(cadre, "/api/welfare/certificates?pageSize=200");
        Assert.Equal(listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("patientName").GetString()), rows.Select(r => r["患者"]?.ToString()));
        Assert.Empty(await Workbooks.ReadAsync(cadre, $"/api/welfare/certificates/export?village={OtherVillage}"));

        // Neither member is insured this year: the uninsured export names the cadre's, masked, and not the other village's.
        var uninsured = await Workbooks.ReadAsync(cadre, $"/api/welfare/insurance/uninsured/export?year={WelfareFixture.Today.Year}");
        Assert.All(uninsured, r => Assert.Equal(Village, r["行政村代码"]?.ToString()));
        Assert.Equal(ResidentIdNumber.Mask(here.IdNumber), Assert.Single(uninsured, r => r["姓名"]?.ToString() == here.Name)["身份证号"]?.ToString());
        Assert.DoesNotContain(uninsured, r => r["姓名"]?.ToString() == there.Name);
        Workbooks.AssertNoWholeIdNumber(uninsured);

        // A bad filter is the list's problem, not a file.
        using var bad = await cadre.GetAsync(new Uri("/api/welfare/certificates/export?status=lost", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_village_cadre_s_payout_guarantee_payment_delivery_and_disability_exports_hold_the_list_s_rows_of_its_village_only()
    {
        var here = WelfareFixture.Member("户主", 47, "评定甲");
        var there = WelfareFixture.Member("户主", 48, "评定乙");
        var households = new[] { await fixture.RegisterAsync(Village, here), await fixture.RegisterAsync(OtherVillage, there) };
        using var county = fixture.County();
        var year = WelfareFixture.Today.Year;
        await Created(county, "/api/welfare/protection/policies", new
        {
            year, insurer = "中国人寿保险房县支公司", policyNumber = "EXP" + year, premiumPerPerson = 60m, illnessSum = 10_000m, schoolingSum = 3_000m, disasterSum = 20_000m,
        });
        foreach (var (member, household) in new[] { (here, households[0]), (there, households[1]) })
        {
            await Created(county, "/api/welfare/disabilities", new { memberId = member.MemberId, kind = "physical", grade = 3, assessedOn = WelfareFixture.Today.AddDays(-30), assessor = "房县残疾人联合会" });
            var certificate = (await Created(county, "/api/welfare/certificates", new { memberId = member.MemberId, disease = "高血压", issuer = "房县卫生健康局" })).GetProperty("id").GetGuid();
            await Created(county, $"/api/welfare/certificates/{certificate}/deliveries", new { drugs = "硝苯地平缓释片 30片", deliveredBy = "城关镇卫生院家庭医生团队" });
            await Created(county, "/api/welfare/protection/payouts", new { householdId = household.HouseholdId, cause = "illness", amount = 1_500m, incurredOn = WelfareFixture.Today.AddDays(-3), claimNumber = "EX-" + Guid.NewGuid().ToString("N")[..8] });
        }

        using var cadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: Village));
        var disabilities = await SameAsListAsync(cadre, "/api/welfare/disabilities", "?grade=3");
        Assert.Equal(ResidentIdNumber.Mask(here.IdNumber), Assert.Single(disabilities, r => r["姓名"]?.ToString() == here.Name)["身份证号"]?.ToString());
        Assert.DoesNotContain(disabilities, r => r["姓名"]?.ToString() == there.Name);

        // One payout and one delivery a village: the cadre's alone.
        Assert.Single(await SameAsListAsync(cadre, "/api/welfare/protection/payouts", $"?year={year}"));
        Assert.NotEmpty(await SameAsListAsync(cadre, "/api/welfare/deliveries", $"?year={year}"));

        // Both households' medical guarantees exist (assessed when the pillar learned them): the cadre's export holds its own only.
        var guarantees = await SameAsListAsync(cadre, "/api/welfare/insurance/guarantees", string.Empty);
        Assert.Contains(guarantees, r => r["户编号"]?.ToString() == households[0].HouseholdNumber);
        Assert.DoesNotContain(guarantees, r => r["户编号"]?.ToString() == households[1].HouseholdNumber);

        // Both households enrolled in 低保 and paid this month: the cadre's export holds its own payment only.
        var month = WelfareFixture.Today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var household in households)
        {
            using var checkedIncome = await county.PostAsJsonAsync("/api/welfare/assistance/means-checks", new { householdId = household.HouseholdId, year, verifiedIncome = 0m });
            Assert.Equal(HttpStatusCode.OK, checkedIncome.StatusCode);
            var application = await Created(county, "/api/welfare/assistance/applications", new { householdId = household.HouseholdId, note = "导出测试" });
            Assert.True(application.GetProperty("approved").GetBoolean(), application.ToString());
        }

        using (var run = await county.PostAsJsonAsync("/api/welfare/assistance/payments", new { month }))
        {
            Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        }

        var payments = await SameAsListAsync(cadre, "/api/welfare/assistance/payments", $"?month={month}");
        Assert.Contains(payments, r => r["户编号"]?.ToString() == households[0].HouseholdNumber);
        Assert.DoesNotContain(payments, r => r["户编号"]?.ToString() == households[1].HouseholdNumber);
    }

    private static async Task<System.Text.Json.JsonElement> Created(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {await response.Content.ReadAsStringAsync()}");
        return await WelfareFixture.JsonAsync(response);
    }

    /// <summary>The export of a list with a filter: as many rows as the list's total for the same filter, all of the cadre's village, no whole ID number.</summary>
    private static async Task<IReadOnlyList<IDictionary<string, object?>>> SameAsListAsync(HttpClient cadre, string list, string filter)
    {
        var rows = await Workbooks.ReadAsync(cadre, list + "/export" + filter);
        var total = (await WelfareFixture.GetJsonAsync(cadre, list + (filter.Length == 0 ? "?" : filter + "&") + "pageSize=1")).GetProperty("total").GetInt64();
        Assert.True(total == rows.Count, $"{list}{filter}: the list counts {total}, the export holds {rows.Count}");
        Assert.All(rows, r => Assert.Equal(Village, r["行政村代码"]?.ToString()));
        Workbooks.AssertNoWholeIdNumber(rows);
        return rows;
    }
}
