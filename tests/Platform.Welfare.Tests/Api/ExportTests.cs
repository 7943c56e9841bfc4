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
}
