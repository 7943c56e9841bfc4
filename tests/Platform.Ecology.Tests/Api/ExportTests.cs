using System.Net;
using System.Net.Http.Json;
using Platform.Contracts.Households;
using Platform.Contracts.People;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Ecology.Tests.Api;

/// <summary>The exports of the ecology lists: the list's rows as the caller sees them (a village cadre: its village only), ID numbers masked.</summary>
public sealed class ExportTests(EcologyFixture fixture) : IClassFixture<EcologyFixture>
{
    private const int Year = 2022;

    [Fact]
    public async Task A_village_cadre_s_exports_of_pay_projects_and_reached_households_hold_its_village_only_with_masked_numbers()
    {
        var (townshipA, villageA) = County.NewPlace();
        var (townshipB, villageB) = County.NewPlace();
        var a = County.Person("导出甲", 40);
        var b = County.Person("导出乙", 42);
        var householdA = await fixture.RegisterAsync(County.Household(villageA, HouseholdStatus.Poor, a));
        var householdB = await fixture.RegisterAsync(County.Household(villageB, HouseholdStatus.Poor, b));
        await fixture.QuotaAsync(Year, townshipA, 1);
        await fixture.QuotaAsync(Year, townshipB, 1);
        using var county = fixture.County();
        foreach (var member in new[] { a, b })
        {
            var post = (await fixture.SelectAsync(member.MemberId, Year)).GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.Created, (await county.PostAsJsonAsync(new Uri($"/api/ecology/rangers/{post}/pay", UriKind.Relative), new { paidOn = $"{Year}-12-20" })).StatusCode);
        }

        foreach (var village in new[] { villageA, villageB })
        {
            Assert.Equal(HttpStatusCode.Created, (await county.PostAsJsonAsync(
                new Uri("/api/ecology/projects", UriKind.Relative), new { name = "导出荒山" + village, kind = "afforestation", villageCode = village, areaMu = 80, year = 2019 })).StatusCode);
        }

        using var cadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: villageA));

        var pay = await Workbooks.ReadAsync(cadre, $"/api/ecology/rangers/pay/export?year={Year}");
        var only = Assert.Single(pay);
        Assert.Equal((a.Name, householdA.HouseholdNumber, villageA), (only["姓名"]?.ToString(), only["户编号"]?.ToString(), only["行政村代码"]?.ToString()));
        Assert.Equal(ResidentIdNumber.Mask(a.IdNumber), only["身份证号"]?.ToString());
        Workbooks.AssertNoWholeIdNumber(pay);

        // The county office's export of the same list names both villages: the cadre's is its scope, not a filter of the test.
        using var countyPay = fixture.County();
        var all = await Workbooks.ReadAsync(countyPay, $"/api/ecology/rangers/pay/export?year={Year}&township={townshipB}");
        Assert.Equal(householdB.HouseholdNumber, Assert.Single(all)["户编号"]?.ToString());

        var projects = await Workbooks.ReadAsync(cadre, "/api/ecology/projects/export");
        Assert.Equal(["导出荒山" + villageA], projects.Select(r => r["项目名称"]?.ToString()));
        Assert.Equal("精准灭荒", projects[0]["类别"]?.ToString());

        var reached = await Workbooks.ReadAsync(cadre, $"/api/ecology/households/export?year={Year}");
        Assert.Equal([householdA.HouseholdNumber], reached.Select(r => r["户编号"]?.ToString()));
        Assert.Equal("是", reached[0]["护林员岗位"]?.ToString());

        // Another village asked for by name is not the cadre's: nothing of it leaves.
        Assert.Empty(await Workbooks.ReadAsync(cadre, $"/api/ecology/rangers/pay/export?year={Year}&village={villageB}"));
    }
}
