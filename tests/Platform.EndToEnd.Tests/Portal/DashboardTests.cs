using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Portal;

/// <summary>The dashboard shows the figures the services answer, each one a click from the records it counts (its load time: <see cref="DashboardLoadTimeTests"/>).</summary>
[Collection(PortalCollection.Name)]
public sealed class DashboardTests(PortalFixture portal)
{
    private readonly PortalApi api = new(portal);

    private static long Number(string text) => long.Parse(text.Trim().Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private static async Task<long> FigureAsync(IPage page, string name) => Number(await page.Locator($"[data-figure='{name}']").First.InnerTextAsync());

    [Theory]
    [InlineData("officer")]
    [InlineData("township")]
    [InlineData("village")]
    public async Task The_dashboard_s_figures_equal_the_API_s_within_the_user_s_scope(string user)
    {
        await using var browsing = await Browsing.SignInAsync(portal, user, $"dashboard-{user}");
        var page = browsing.Page;
        var county = await api.GetAsync(user, "/api/households/figures");
        var exit = await api.GetAsync(user, "/api/households/figures/exit");
        var education = await api.GetAsync(user, "/api/education/figures");

        Assert.Equal(county.GetProperty("households").GetInt64(), await FigureAsync(page, "households"));
        Assert.Equal(exit.GetProperty("exitedHouseholds").GetInt64(), await FigureAsync(page, "exited-households"));
        Assert.Equal(exit.GetProperty("exitedPeople").GetInt64(), await FigureAsync(page, "exited-people"));
        Assert.Equal(exit.GetProperty("remainingPoorHouseholds").GetInt64(), await FigureAsync(page, "poor-households"));
        Assert.Equal(exit.GetProperty("remainingPoorPeople").GetInt64(), await FigureAsync(page, "poor-people"));
        Assert.Equal(exit.GetProperty("poorVillages").GetInt64(), await FigureAsync(page, "poor-villages"));
        Assert.Equal(exit.GetProperty("exitedPoorVillages").GetInt64(), await FigureAsync(page, "exited-poor-villages"));
        Assert.Equal(exit.GetProperty("monitoredHouseholds").GetInt64(), await FigureAsync(page, "monitored-households"));
        foreach (var category in exit.GetProperty("monitoring").EnumerateArray())
        {
            Assert.Equal(category.GetProperty("households").GetInt64(), await FigureAsync(page, "monitoring-" + category.GetProperty("category").GetString()));
        }

        var rate = exit.GetProperty("countyExit").GetProperty("comprehensiveIncidence");
        Assert.Equal(rate.GetProperty("numerator").GetInt64(), await FigureAsync(page, "rate-comprehensive-incidence-numerator"));
        Assert.Equal(rate.GetProperty("denominator").GetInt64(), await FigureAsync(page, "rate-comprehensive-incidence-denominator"));

        Assert.Equal(education.GetProperty("students").GetProperty("total").GetInt64(), await FigureAsync(page, "education-students"));
        Assert.Equal(education.GetProperty("dropoutCases").GetProperty("open").GetInt64(), await FigureAsync(page, "dropouts-open"));
        Assert.Equal(education.GetProperty("training").GetProperty("personTimes").GetInt64(), await FigureAsync(page, "training-person-times"));
        Assert.Equal(education.GetProperty("kindergartens").GetInt64(), await FigureAsync(page, "kindergartens"));
        Assert.Equal(education.GetProperty("careCentres").GetInt64(), await FigureAsync(page, "care-centres"));

        // Income by kind, the latest year with records: each kind's households as the API counts them.
        var incomeYears = (await api.GetAsync(user, "/api/households/statistics/income")).EnumerateArray().ToList();
        Assert.True(user != "officer" || incomeYears.Count > 0, "the pillars' demo data reported income to the registry");
        if (incomeYears.Count > 0)
        {
            var latest = incomeYears[^1];
            foreach (var kind in latest.GetProperty("byKind").EnumerateArray())
            {
                Assert.Equal(kind.GetProperty("households").GetInt64(), await FigureAsync(page, "income-" + kind.GetProperty("kind").GetString()));
            }

            Assert.Contains(latest.GetProperty("year").GetInt32().ToString(CultureInfo.InvariantCulture) + "年", await page.InnerTextAsync("#income-by-kind"), StringComparison.Ordinal);
        }

        // Every pillar's coverage panel: its figures are the pillar's API's, and each is a link to its list.
        var industry = await api.GetAsync(user, "/api/industry/figures");
        var relocation = await api.GetAsync(user, "/api/relocation/figures");
        var ecology = await api.GetAsync(user, "/api/ecology/figures");
        var welfare = await api.GetAsync(user, "/api/welfare/figures");
        Assert.Equal(industry.GetProperty("coverage").GetProperty("coveredHouseholds").GetInt64(), await FigureAsync(page, "industry-covered"));
        Assert.Equal(industry.GetProperty("jobs").GetProperty("publicWelfarePosts").GetInt64(), await FigureAsync(page, "industry-posts"));
        Assert.Equal(relocation.GetProperty("relocated").GetProperty("households").GetInt64(), await FigureAsync(page, "relocation-households"));
        Assert.Equal(relocation.GetProperty("sites").GetProperty("total").GetInt64(), await FigureAsync(page, "relocation-sites"));
        Assert.Equal(ecology.GetProperty("rangers").GetProperty("inPost").GetInt64(), await FigureAsync(page, "ecology-rangers"));
        Assert.Equal(ecology.GetProperty("householdsReached").GetInt64(), await FigureAsync(page, "ecology-reached"));
        Assert.Equal(welfare.GetProperty("assistance").GetProperty("conditions").GetProperty("notEnrolled").GetInt64(), await FigureAsync(page, "welfare-not-enrolled"));
        foreach (var category in welfare.GetProperty("assistance").GetProperty("categories").EnumerateArray())
        {
            Assert.Equal(category.GetProperty("households").GetInt64(), await FigureAsync(page, "welfare-" + category.GetProperty("category").GetString()));
        }

        foreach (var panel in new[] { "industry-coverage", "relocation-coverage", "ecology-coverage", "welfare-coverage" })
        {
            var figures = page.Locator($"[data-panel='{panel}'] [data-figure]");
            Assert.True(await figures.CountAsync() >= 4, $"{panel} shows its figures");
            Assert.Equal(await figures.CountAsync(), await page.Locator($"[data-panel='{panel}'] a[data-figure]").CountAsync());
        }

        Assert.True(await page.Locator(".dashboard canvas").CountAsync() >= 6, "the charts are drawn");
        await browsing.ShotAsync("figures");
    }

    /// <summary>A kind of income and a pillar's coverage figure each open the list of exactly what they count.</summary>
    [Fact]
    public async Task Income_by_kind_and_the_pillars_coverage_drill_down_to_the_records_they_count()
    {
        await using var browsing = await Browsing.SignInAsync(portal, "officer", "drill-income");
        var page = browsing.Page;
        var latest = (await api.GetAsync("officer", "/api/households/statistics/income")).EnumerateArray().Last();
        var kind = latest.GetProperty("byKind").EnumerateArray().OrderByDescending(k => k.GetProperty("households").GetInt64()).First();
        var code = kind.GetProperty("kind").GetString()!;
        var shown = await FigureAsync(page, "income-" + code);
        await page.ClickAsync($"[data-figure='income-{code}']");
        await page.WaitForAddressAsync(PageAddress.Holding($"income={code}", "incomeYear="));
        await page.Locator("#households-table .household-number").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(shown, Number(await page.InnerTextAsync("#list-total")));
        var listed = await page.Locator("#households-table .household-number").AllInnerTextsAsync();
        var expected = (await api.GetAsync("officer", kind.GetProperty("href").GetString()! + "&pageSize=20")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("householdNumber").GetString()!).ToList();
        Assert.Equal(expected, listed.Select(n => n.Trim()).ToList());
        await browsing.ShotAsync("income-kind");

        foreach (var (figure, path) in new[] { ("industry-covered", "/industry/households"), ("relocation-households", "/relocation/cases"), ("ecology-rangers", "/ecology/rangers"), ("welfare-not-enrolled", "/work/assistance-gaps") })
        {
            await browsing.GoAsync("/dashboard");
            await browsing.DashboardReadyAsync();
            var count = await FigureAsync(page, figure);
            await page.ClickAsync($"[data-figure='{figure}']");
            await page.WaitForAddressAsync(PageAddress.AtPath(path));
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Microsoft.Playwright.Assertions.Expect(page.Locator("#list-total")).ToHaveTextAsync(count.ToString(CultureInfo.InvariantCulture));
            await browsing.ShotAsync(figure);
        }
    }

    [Fact]
    public async Task Exited_households_drill_down_to_exactly_the_households_the_figure_counts()
    {
        await using var browsing = await Browsing.SignInAsync(portal, "officer", "drill-down");
        var page = browsing.Page;
        var shown = await FigureAsync(page, "exited-households");
        await page.ClickAsync("[data-figure='exited-households']");
        await page.WaitForAddressAsync(PageAddress.EndingIn("/households/exited"));
        await page.Locator("#exited-table .household-number").First.WaitForAsync();
        Assert.Equal(shown, Number(await page.InnerTextAsync("#list-total")));
        var listed = await page.Locator("#exited-table .household-number").AllInnerTextsAsync();
        var expected = (await api.GetAsync("officer", "/api/households/exits?page=1&pageSize=20")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("householdNumber").GetString()!).ToList();
        Assert.Equal(expected, listed.Select(n => n.Trim()).ToList());
        await browsing.ShotAsync("exited");

        // The remaining poor: the household list, filtered to poor households, every row one.
        await browsing.GoAsync("/dashboard");
        await browsing.DashboardReadyAsync();
        var poor = await FigureAsync(page, "poor-households");
        await page.ClickAsync("[data-figure='poor-households']");
        await page.WaitForAddressAsync(PageAddress.EndingIn("/households?status=poor"));
        await page.Locator("#households-table").WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var expectedPoor = await api.GetAsync("officer", "/api/households?status=poor&pageSize=1");
        Assert.Equal(expectedPoor.GetProperty("total").GetInt64(), poor);
        Assert.Equal(poor, Number(await page.InnerTextAsync("#list-total")));
        Assert.All(await page.Locator("#households-table tbody tr").AllInnerTextsAsync(), row => Assert.Contains("贫困户", row, StringComparison.Ordinal));
        await browsing.ShotAsync("poor");

        // A monitoring category: its flags.
        await browsing.GoAsync("/dashboard");
        await browsing.DashboardReadyAsync();
        var unstable = await FigureAsync(page, "monitoring-unstable-exited");
        await page.ClickAsync("[data-figure='monitoring-unstable-exited']");
        await page.WaitForAddressAsync(PageAddress.EndingIn("/work/monitoring?category=unstable-exited"));
        await page.Locator("#flags-table tbody tr").First.WaitForAsync();
        Assert.Equal(unstable, Number(await page.InnerTextAsync("#list-total")));
        await browsing.ShotAsync("monitoring");
    }
}
