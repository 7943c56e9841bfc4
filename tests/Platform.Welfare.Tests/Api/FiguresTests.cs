using System.Net;
using System.Net.Http.Json;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Welfare.Tests.Api;

/// <summary>The figures count the records their drill-down lists show, within the caller's scope.</summary>
public class FiguresTests(WelfareFixture fixture) : IClassFixture<WelfareFixture>
{
    private const string Village = "420325008001";
    private const string OtherVillage = "420325009001";

    [Fact]
    public async Task Every_figure_is_what_its_list_counts_and_each_place_sees_its_own()
    {
        using var county = fixture.County();
        var poor = WelfareFixture.Member("户主", 59, "韩一");
        var wife = WelfareFixture.Member("配偶", 57, "韩妻");
        var alone = WelfareFixture.Member("户主", 81, "韩孤", labour: "none");
        var far = WelfareFixture.Member("户主", 45, "远方");
        await fixture.RegisterAsync(Village, poor, wife);
        var second = await fixture.RegisterAsync(Village, alone);
        await fixture.RegisterAsync(OtherVillage, far);
        await fixture.InsureAsync(poor, wife, alone);
        await (await county.PostAsJsonAsync("/api/welfare/assistance/applications", new { householdId = second.HouseholdId })).Content.ReadAsStringAsync();
        foreach (var (member, total, within) in new[] { (poor, 30_000m, 20_000m), (wife, 12_000m, 10_000m) })
        {
            using var claim = await county.PostAsJsonAsync("/api/welfare/claims", new
            {
                memberId = member.MemberId, hospital = "房县人民医院", admittedOn = WelfareFixture.Today.AddDays(-9), dischargedOn = WelfareFixture.Today.AddDays(-1), totalCost = total, withinPolicyCost = within,
            });
            Assert.Equal(HttpStatusCode.Created, claim.StatusCode);
        }

        var figures = await WelfareFixture.GetJsonAsync(county, "/api/welfare/figures");
        var insurance = figures.GetProperty("insurance");
        Assert.Equal((4, 3, 75m), (insurance.GetProperty("people").GetInt32(), insurance.GetProperty("insured").GetInt32(), insurance.GetProperty("percent").GetDecimal()));
        Assert.Equal(1, await TotalAsync(county, insurance.GetProperty("uninsuredList").GetString()!));
        await Eventually.AssertAsync(
            async () => (await WelfareFixture.GetJsonAsync(county, "/api/welfare/figures")).GetProperty("insurance").GetProperty("guaranteeMet").GetInt32() == 2,
            WelfareFixture.Patience,
            "two households' guarantees are met");

        var categories = figures.GetProperty("assistance").GetProperty("categories").EnumerateArray().ToDictionary(c => c.GetProperty("category").GetString()!);
        Assert.Equal((1, 1), (categories["extreme-poverty"].GetProperty("households").GetInt32(), categories["extreme-poverty"].GetProperty("people").GetInt32()));
        Assert.Equal(1, await TotalAsync(county, categories["extreme-poverty"].GetProperty("list").GetString()!));
        var conditions = figures.GetProperty("assistance").GetProperty("conditions");
        Assert.Equal(conditions.GetProperty("notEnrolled").GetInt32(), await TotalAsync(county, conditions.GetProperty("gapList").GetString()!));
        Assert.Equal(conditions.GetProperty("qualifying").GetInt32(), await TotalAsync(county, conditions.GetProperty("qualifyingList").GetString()!));

        // 20,000 and 10,000 within policy, both topped up: 18,000 + 9,000 = 27,000 of 30,000.
        var ratio = figures.GetProperty("reimbursementRatio");
        Assert.Equal((2, 30_000m, 27_000m, 90m, 90m, true), (
            ratio.GetProperty("claims").GetInt32(), ratio.GetProperty("withinPolicyCost").GetDecimal(), ratio.GetProperty("reimbursed").GetDecimal(), ratio.GetProperty("percent").GetDecimal(),
            ratio.GetProperty("goal").GetDecimal(), ratio.GetProperty("met").GetBoolean()));
        Assert.Equal(2, await TotalAsync(county, ratio.GetProperty("list").GetString()!));
        var claims = figures.GetProperty("claims");
        Assert.Equal((2, 1), (claims.GetProperty("claims").GetInt32(), claims.GetProperty("largeExpenses").GetInt32()));
        Assert.Equal(1, await TotalAsync(county, claims.GetProperty("largeExpenseList").GetString()!));

        using var neighbour = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: OtherVillage));
        var theirs = await WelfareFixture.GetJsonAsync(neighbour, "/api/welfare/figures");
        Assert.Equal((1, 0), (theirs.GetProperty("insurance").GetProperty("people").GetInt32(), theirs.GetProperty("insurance").GetProperty("insured").GetInt32()));
        Assert.Equal(0, theirs.GetProperty("reimbursementRatio").GetProperty("claims").GetInt32());
        Assert.Equal(1, await TotalAsync(neighbour, theirs.GetProperty("insurance").GetProperty("uninsuredList").GetString()!));
    }

    private static async Task<long> TotalAsync(HttpClient client, string list)
    {
        var separator = list.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return (await WelfareFixture.GetJsonAsync(client, $"{list}{separator}pageSize=200")).GetProperty("total").GetInt64();
    }
}
