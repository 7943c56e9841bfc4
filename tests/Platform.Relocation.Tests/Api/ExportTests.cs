using System.Net;
using System.Net.Http.Json;
using Platform.Contracts.People;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Relocation.Tests.Api;

/// <summary>The exports of the housing lists: the list's rows as the caller sees them (a village cadre: its village only), owners' ID numbers masked.</summary>
public sealed class ExportTests(RelocationFixture fixture) : IClassFixture<RelocationFixture>
{
    [Fact]
    public async Task A_village_cadre_s_housing_exports_hold_its_village_only_with_masked_owner_numbers()
    {
        var here = await fixture.RegisterAsync(People.Village, People.Member("户主", "导出甲"));
        var there = await fixture.RegisterAsync(People.OtherVillage, People.Member("户主", "导出乙"));
        using var county = fixture.County();
        var reports = new Dictionary<Guid, string>();
        foreach (var household in new[] { here, there })
        {
            reports[household.HouseholdId] = People.Code("DC");
            await Created(county, "/api/relocation/housing/appraisals", new { householdId = household.HouseholdId, grade = "c", appraisedOn = "2019-01-01", agency = "鉴定站", reportNumber = reports[household.HouseholdId] });
            await Created(county, "/api/relocation/housing/renovations", new { householdId = household.HouseholdId, projectNumber = reports[household.HouseholdId] + "-R", programme = "non-differentiated", method = "reinforcement", startedOn = "2019-03-01" });
            await Created(county, "/api/relocation/housing/toilets", new { householdId = household.HouseholdId, type = "double-urn", completedOn = "2019-05-01" });
        }

        using var cadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: People.Village));
        var head = here.Members[0];

        var appraisals = await Workbooks.ReadAsync(cadre, "/api/relocation/housing/appraisals/export?grade=c");
        Assert.All(appraisals, r => Assert.Equal(People.Village, r["行政村代码"]?.ToString()));
        var mine = Assert.Single(appraisals, r => r["报告编号"]?.ToString() == reports[here.HouseholdId]);
        Assert.Equal((head.Name, ResidentIdNumber.Mask(head.IdNumber), "C级", "是"), (mine["户主"]?.ToString(), mine["身份证号"]?.ToString(), mine["鉴定等级"]?.ToString(), mine["建档立卡户"]?.ToString()));
        Assert.DoesNotContain(appraisals, r => r["报告编号"]?.ToString() == reports[there.HouseholdId]);

        // The export holds exactly the list's rows, in its order.
        var listed = await RelocationFixture.JsonAsync(cadre, "/api/relocation/housing/appraisals?grade=c&pageSize=200");
        Assert.Equal(listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reportNumber").GetString()), appraisals.Select(r => r["报告编号"]?.ToString()));

        var renovations = await Workbooks.ReadAsync(cadre, "/api/relocation/housing/renovations/export?programme=non-differentiated");
        Assert.All(renovations, r => Assert.Equal(People.Village, r["行政村代码"]?.ToString()));
        Assert.Contains(renovations, r => r["项目编号"]?.ToString() == reports[here.HouseholdId] + "-R" && r["改造类别"]?.ToString() == "无差别危房改造");
        Assert.DoesNotContain(renovations, r => r["项目编号"]?.ToString() == reports[there.HouseholdId] + "-R");

        var toilets = await Workbooks.ReadAsync(cadre, $"/api/relocation/housing/toilets/export?householdId={here.HouseholdId}");
        Assert.Equal("双瓮漏斗式", Assert.Single(toilets)["厕所类型"]?.ToString());
        Assert.Empty(await Workbooks.ReadAsync(cadre, $"/api/relocation/housing/toilets/export?householdId={there.HouseholdId}"));

        foreach (var rows in new[] { appraisals, renovations, toilets })
        {
            Workbooks.AssertNoWholeIdNumber(rows);
        }
    }

    [Fact]
    public async Task A_village_cadre_s_site_export_holds_its_village_s_sites_as_the_list_shows_them()
    {
        using var county = fixture.County();
        var codes = new Dictionary<string, string>();
        foreach (var village in new[] { People.Village, People.OtherVillage })
        {
            codes[village] = People.Code("DCZ");
            await Created(county, "/api/relocation/sites", new { code = codes[village], name = "导出社区", mode = "central-village", villageCode = village, capacityHouseholds = 12, completedOn = "2018-05-01" });
        }

        using var cadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: People.Village));
        var sites = await Workbooks.ReadAsync(cadre, "/api/relocation/sites/export");
        var listed = await RelocationFixture.JsonAsync(cadre, "/api/relocation/sites?pageSize=200");

        Assert.Equal(listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()), sites.Select(r => r["安置点编号"]?.ToString()));
        Assert.All(sites, r => Assert.Equal(People.Village, r["行政村代码"]?.ToString()));
        var mine = Assert.Single(sites, r => r["安置点编号"]?.ToString() == codes[People.Village]);
        Assert.Equal(("进中心村", "12", "否"), (mine["安置方式"]?.ToString(), mine["规划安置户数"]?.ToString(), mine["七个一配套到位"]?.ToString()));
        Assert.DoesNotContain(sites, r => r["安置点编号"]?.ToString() == codes[People.OtherVillage]);
    }

    [Fact]
    public async Task A_village_cadre_s_made_safe_export_holds_the_list_s_houses_of_its_village_only_with_masked_owner_numbers()
    {
        var here = await fixture.RegisterAsync(People.Village, People.Member("户主", "保障甲"));
        var there = await fixture.RegisterAsync(People.OtherVillage, People.Member("户主", "保障乙"));
        using var county = fixture.County();
        foreach (var household in new[] { here, there })
        {
            using var started = await county.PostAsJsonAsync("/api/relocation/housing/renovations", new { householdId = household.HouseholdId, projectNumber = People.Code("MS"), programme = "non-differentiated", method = "rebuild", startedOn = "2019-03-01" });
            Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
            var id = (await started.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
            using var accepted = await county.PostAsJsonAsync($"/api/relocation/housing/renovations/{id}/acceptance", new { acceptedOn = "2019-09-01", acceptedBy = "县住建局验收组" });
            Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        }

        using var cadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: People.Village));
        var houses = await Workbooks.ReadAsync(cadre, "/api/relocation/housing/made-safe/export?by=non-differentiated-renovation");
        var head = here.Members[0];
        Assert.All(houses, r => Assert.Equal(People.Village, r["行政村代码"]?.ToString()));
        var mine = Assert.Single(houses, r => r["户主"]?.ToString() == head.Name);
        Assert.Equal((ResidentIdNumber.Mask(head.IdNumber), "无差别危房改造", "2019-09-01"), (mine["身份证号"]?.ToString(), mine["保障方式"]?.ToString(), mine["日期"]?.ToString()));
        Assert.DoesNotContain(houses, r => r["户主"]?.ToString() == there.Members[0].Name);
        Workbooks.AssertNoWholeIdNumber(houses);

        // The export holds exactly the list's houses, in its order (the list's total counts houses, as the figure does).
        var listed = await RelocationFixture.JsonAsync(cadre, "/api/relocation/housing/made-safe?by=non-differentiated-renovation&pageSize=200");
        Assert.Equal(listed.GetProperty("total").GetInt64(), houses.Count);
        Assert.Equal(listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("ownerIdNumber").GetString()), houses.Select(r => r["身份证号"]?.ToString()));

        // A part the list does not know is the list's problem, not a file.
        using var bad = await cadre.GetAsync(new Uri("/api/relocation/housing/made-safe/export?by=luck", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private static async Task Created(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {await response.Content.ReadAsStringAsync()}");
    }
}
