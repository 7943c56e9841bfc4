using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Registry;
using Platform.Industry.Domain;
using Platform.Testing;

namespace Platform.Industry.Tests.Api;

/// <summary>Projects and subsidies, employment and wages, consumption sales and shares over REST, as the registry receives their income.</summary>
public sealed class ProjectsJobsSalesTests(IndustryFixture fixture) : IClassFixture<IndustryFixture>
{
    [Fact]
    public async Task A_project_gets_its_subsidy_by_the_configured_policy_as_transfer_income_not_counted_and_once_a_year()
    {
        var grower = Registry.Member("配偶", 41, "张桂兰");
        var household = await fixture.RegisterAsync(others: [grower]);
        using var county = fixture.County();
        var project = new { memberId = grower.MemberId, industry = "herbs", model = "herbs-three-gold", description = "种植天麻", scale = 3.5m, year = 2020, policy = "planting" };
        using var created = await county.PostAsJsonAsync("/api/industry/projects", project);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await IndustryFixture.JsonAsync(created);
        Assert.Equal((1050m, false), (body.GetProperty("subsidy").GetDecimal(), body.GetProperty("subsidyCountsTowardExit").GetBoolean()));

        var income = Assert.Single(await fixture.IncomeOfAsync(body.GetProperty("id").GetString()!));
        Assert.Equal((household.HouseholdId, IncomeKind.Transfer, 1050m, false, 2020), (income.HouseholdId, income.Kind, income.Amount, income.CountsTowardExit, income.Year));

        using var again = await county.PostAsJsonAsync("/api/industry/projects", project with { description = "再种天麻" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var wrongPolicy = await county.PostAsJsonAsync("/api/industry/projects", project with { policy = "livestock", year = 2021 });
        Assert.Equal(HttpStatusCode.BadRequest, wrongPolicy.StatusCode);
        Assert.True((await IndustryFixture.JsonAsync(wrongPolicy)).GetProperty("errors").TryGetProperty("policy", out _));
        Assert.Equal(1, await fixture.QueryAsync(db => db.Projects.CountAsync(p => p.HouseholdId == household.HouseholdId)));
    }

    [Fact]
    public async Task A_job_is_wage_income_months_times_monthly_wage_and_a_member_works_no_more_than_12_months_a_year()
    {
        var worker = Registry.Member("之子", 26, "张小军");
        await fixture.RegisterAsync(others: [worker]);
        using var county = fixture.County();
        using var created = await county.PostAsJsonAsync("/api/industry/employment", new
        {
            memberId = worker.MemberId, kind = "transferred-out", employer = "宁波某电子厂", destination = "浙江省宁波市", destinationScope = "out-of-province",
            startedOn = "2020-03-01", months = 8, monthlyWage = 3600m,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var record = await IndustryFixture.JsonAsync(created);
        Assert.Equal(28_800m, record.GetProperty("wage").GetDecimal());
        var income = Assert.Single(await fixture.IncomeOfAsync(record.GetProperty("id").GetString()!));
        Assert.Equal((IncomeKind.Wage, 28_800m, true, 2020), (income.Kind, income.Amount, income.CountsTowardExit, income.Year));

        var before = await fixture.RecordCountAsync();
        using var tooLong = await county.PostAsJsonAsync("/api/industry/employment", new
        {
            memberId = worker.MemberId, kind = "public-welfare-post", employer = "护路员", startedOn = "2020-01-01", months = 5, monthlyWage = 500m,
        });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("12个月", (await IndustryFixture.JsonAsync(tooLong)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.RecordCountAsync());

        using var post = await county.PostAsJsonAsync("/api/industry/employment", new
        {
            memberId = worker.MemberId, kind = "public-welfare-post", employer = "护路员", startedOn = "2020-01-01", months = 4, monthlyWage = 500m,
        });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
    }

    [Fact]
    public async Task A_workshop_job_needs_a_workshop_and_counts_the_worker_at_the_workshop()
    {
        var worker = Registry.Member("配偶", 50, "刘翠花", labour: "weak");
        await fixture.RegisterAsync(others: [worker]);
        var cooperative = await fixture.EntityAsync();
        var workshop = await fixture.EntityAsync(kind: "workshop");
        using var county = fixture.County();
        object Job(Guid at) => new { memberId = worker.MemberId, kind = "workshop", workshopId = at, startedOn = "2021-04-01", months = 9, monthlyWage = 1800m };

        using var notAWorkshop = await county.PostAsJsonAsync("/api/industry/employment", Job(cooperative));
        Assert.Equal(HttpStatusCode.NotFound, notAWorkshop.StatusCode);
        using var created = await county.PostAsJsonAsync("/api/industry/employment", Job(workshop));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("城关镇香菇分拣扶贫车间", (await IndustryFixture.JsonAsync(created)).GetProperty("employer").GetString());
        var entity = await IndustryFixture.GetJsonAsync(county, $"/api/industry/entities/{workshop}");
        Assert.Equal(1, entity.GetProperty("workers").GetInt32());
    }

    [Fact]
    public async Task A_consumption_sale_is_business_income_of_each_household_it_benefits_and_shares_never_exceed_the_sale()
    {
        var first = await fixture.RegisterAsync();
        var second = await fixture.RegisterAsync();
        using var county = fixture.County();
        var sale = new
        {
            product = "房县黑木耳", channel = "public-procurement", buyer = "十堰市机关事务管理局食堂", soldOn = "2020-09-15", amount = 5000m,
            shares = new[] { new { householdId = first.HouseholdId, amount = 1800m }, new { householdId = second.HouseholdId, amount = 1200m } },
        };
        var before = await fixture.RecordCountAsync();
        using var tooMuch = await county.PostAsJsonAsync("/api/industry/sales", sale with { amount = 2999.99m });
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.Equal(before, await fixture.RecordCountAsync());

        using var created = await county.PostAsJsonAsync("/api/industry/sales", sale);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var shares = (await IndustryFixture.JsonAsync(created)).GetProperty("shares").EnumerateArray().ToList();
        Assert.Equal(2, shares.Count);
        foreach (var share in shares)
        {
            var income = Assert.Single(await fixture.IncomeOfAsync(share.GetProperty("id").GetString()!));
            Assert.Equal((share.GetProperty("householdId").GetGuid(), IncomeKind.Business, true), (income.HouseholdId, income.Kind, income.CountsTowardExit));
            Assert.Equal(share.GetProperty("amount").GetDecimal(), income.Amount);
        }

        Assert.Equal(IncomeSource.SaleShare, await fixture.QueryAsync(db => db.Income.Where(i => i.HouseholdId == first.HouseholdId).Select(i => i.Source).SingleAsync()));
    }

    [Fact]
    public async Task Entities_and_bases_check_their_kind_site_and_size_and_codes_are_unique()
    {
        using var county = fixture.County();
        var code = "91420325MA" + Guid.NewGuid().ToString("N")[..8];
        using var noSite = await county.PostAsJsonAsync("/api/industry/entities", new { code, kind = "workshop", name = "安置点车间", villageCode = Registry.VillageCode, industry = "tea" });
        Assert.Equal(HttpStatusCode.BadRequest, noSite.StatusCode);
        Assert.True((await IndustryFixture.JsonAsync(noSite)).GetProperty("errors").TryGetProperty("workshopSite", out _));
        await fixture.EntityAsync(code: code, industry: "tea");
        using var duplicate = await county.PostAsJsonAsync("/api/industry/entities", new { code, kind = "family-farm", name = "另一家庭农场", villageCode = Registry.VillageCode, industry = "tea" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        using var noArea = await county.PostAsJsonAsync("/api/industry/bases", new { code = "B-" + code, name = "茶叶基地", industry = "tea", villageCode = Registry.VillageCode, head = 20 });
        Assert.Equal(HttpStatusCode.BadRequest, noArea.StatusCode);
        using var goats = await county.PostAsJsonAsync("/api/industry/bases", new { code = "G-" + code, name = "山羊养殖基地", industry = "goats", villageCode = Registry.VillageCode, head = 420, entityCode = code });
        Assert.Equal(HttpStatusCode.Created, goats.StatusCode);
        Assert.Equal(420, (await IndustryFixture.JsonAsync(goats)).GetProperty("head").GetInt64());
    }

    [Fact]
    public async Task The_catalogue_is_the_configured_industries_eight_models_and_subsidy_policies()
    {
        using var county = fixture.County();
        var catalogue = await IndustryFixture.GetJsonAsync(county, "/api/industry/catalogue");
        Assert.Equal(8, catalogue.GetProperty("models").GetArrayLength());
        var industries = catalogue.GetProperty("industries").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Contains("食用菌", industries);
        Assert.Contains("烟叶", industries);
        Assert.All(catalogue.GetProperty("subsidyPolicies").EnumerateArray(), p => Assert.False(p.GetProperty("countsTowardExit").GetBoolean()));
        Assert.Equal(nameof(Measure.Head).ToLowerInvariant(), catalogue.GetProperty("industries").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "goats").GetProperty("measure").GetString());
    }
}
