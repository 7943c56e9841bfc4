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
        await fixture.RegisterAsync(Village, here);
        await fixture.RegisterAsync(OtherVillage, there);
        using var county = fixture.County();
        foreach (var member in new[] { here, there })
        {
            using var assessed = await county.PostAsJsonAsync("/api/welfare/disabilities", new { memberId = member.MemberId, kind = "physical", grade = 3, assessedOn = WelfareFixture.Today.AddDays(-30), assessor = "房县残疾人联合会" });
            Assert.Equal(HttpStatusCode.Created, assessed.StatusCode);
        }

        using var cadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: Village));
        var disabilities = await SameAsListAsync(cadre, "/api/welfare/disabilities", "?grade=3");
        Assert.Equal(ResidentIdNumber.Mask(here.IdNumber), Assert.Single(disabilities, r => r["姓名"]?.ToString() == here.Name)["身份证号"]?.ToString());
        Assert.DoesNotContain(disabilities, r => r["姓名"]?.ToString() == there.Name);

        await SameAsListAsync(cadre, "/api/welfare/protection/payouts", string.Empty);
        await SameAsListAsync(cadre, "/api/welfare/insurance/guarantees", string.Empty);
        await SameAsListAsync(cadre, "/api/welfare/assistance/payments", string.Empty);
        await SameAsListAsync(cadre, "/api/welfare/deliveries", $"?year={WelfareFixture.Today.Year}");
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
