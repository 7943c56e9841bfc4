using System.Net;
using System.Net.Http.Json;
using Platform.Contracts.People;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Industry.Tests.Api;

/// <summary>The exports of the industry lists: the list's rows as the caller sees them (a village cadre: its village only), ID numbers masked.</summary>
public sealed class ExportTests(IndustryFixture fixture) : IClassFixture<IndustryFixture>
{
    private const string Village = "420325001041";
    private const string OtherVillage = "420325001042";

    [Fact]
    public async Task A_village_cadre_s_project_income_base_and_coverage_exports_hold_its_village_only_with_masked_numbers()
    {
        var grower = Registry.Member("配偶", 44, "导出甲");
        var stranger = Registry.Member("配偶", 45, "导出乙");
        var here = await fixture.RegisterAsync(Village, others: [grower]);
        var there = await fixture.RegisterAsync(OtherVillage, others: [stranger]);
        using var county = fixture.County();
        foreach (var (member, village) in new[] { (grower, Village), (stranger, OtherVillage) })
        {
            await Created(county, "/api/industry/projects", new { memberId = member.MemberId, industry = "herbs", model = "herbs-three-gold", description = "种植天麻", scale = 2m, year = 2020, policy = "planting" });
            await Created(county, "/api/industry/bases", new { code = "EX-" + Guid.NewGuid().ToString("N")[..8], name = "导出基地" + village, industry = "tea", villageCode = village, areaMu = 120m });
        }

        using var cadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: Village));

        var projects = await Workbooks.ReadAsync(cadre, "/api/industry/projects/export?year=2020");
        var project = Assert.Single(projects);
        Assert.Equal((here.HouseholdNumber, grower.Name, ResidentIdNumber.Mask(grower.IdNumber), "600"), (project["户编号"]?.ToString(), project["成员"]?.ToString(), project["身份证号"]?.ToString(), project["奖补金额"]?.ToString()));

        // The subsidy is the household's transfer income: the income export holds it, and nothing of the other village.
        var income = await Workbooks.ReadAsync(cadre, "/api/industry/income/export?year=2020");
        Assert.Equal([here.HouseholdNumber], income.Select(r => r["户编号"]?.ToString()));
        Assert.Equal(("转移性收入", "产业奖补", "否"), (income[0]["收入类型"]?.ToString(), income[0]["来源"]?.ToString(), income[0]["计入稳定收入"]?.ToString()));

        var bases = await Workbooks.ReadAsync(cadre, "/api/industry/bases/export");
        Assert.Equal(["导出基地" + Village], bases.Select(r => r["名称"]?.ToString()));

        var coverage = await Workbooks.ReadAsync(cadre, "/api/industry/households/export");
        Assert.Equal([here.HouseholdNumber], coverage.Select(r => r["户编号"]?.ToString()));
        Assert.Equal(("是", "1"), (coverage[0]["已覆盖"]?.ToString(), coverage[0]["产业项目数"]?.ToString()));

        foreach (var rows in new[] { projects, income, bases, coverage })
        {
            Workbooks.AssertNoWholeIdNumber(rows);
        }

        // The other village's household asked for by id is not found, as in the list: no file.
        using var outside = await cadre.GetAsync(new Uri($"/api/industry/income/export?household={there.HouseholdId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    private static async Task Created(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {await response.Content.ReadAsStringAsync()}");
    }
}
