using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Households;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Industry.Tests.Api;

/// <summary>The figures come from the records, within the caller's scope, and each drill-down lists what its figure counts.</summary>
public sealed class FiguresTests(IndustryFixture fixture) : IClassFixture<IndustryFixture>
{
    [Fact]
    public async Task Coverage_lifting_entities_bases_jobs_and_income_are_counted_from_the_records_within_the_caller_s_scope()
    {
        // Village A: four households — a paid dividend (exited: lifted), a link never paid (exited: covered only),
        // a project with its subsidy (exited: covered only, a subsidy lifts nobody), and one with nothing.
        var a = Registry.VillageCode;
        var paid = Registry.Member("之子", 30, "甲");
        var unpaid = Registry.Member("之子", 31, "乙");
        var grower = Registry.Member("之子", 32, "丙");
        var worker = Registry.Member("之子", 33, "丁");
        var h1 = await fixture.RegisterAsync(a, HouseholdStatus.Exited, paid);
        await fixture.RegisterAsync(a, HouseholdStatus.Exited, unpaid);
        await fixture.RegisterAsync(a, HouseholdStatus.Exited, grower);
        var h4 = await fixture.RegisterAsync(a, HouseholdStatus.Poor, worker);
        // Village B of another township: a paid link on a poor household (covered, not lifted).
        var b = Registry.OtherTownshipVillage;
        var far = Registry.Member("之子", 34, "戊");
        await fixture.RegisterAsync(b, HouseholdStatus.Poor, far);

        var cooperative = await fixture.EntityAsync(model: "fungi-park-plus");
        var enterprise = await fixture.EntityAsync(kind: "lead-enterprise", village: b, industry: "tea", model: "tea-company-coop");
        var workshop = await fixture.EntityAsync(kind: "workshop");
        using var county = fixture.County();
        Assert.Equal(HttpStatusCode.Created, (await county.PostAsJsonAsync("/api/industry/bases", new { code = "FB-1", name = "香菇基地", industry = "edible-fungi", villageCode = a, areaMu = 1200.5m, entityCode = (string?)null })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await county.PostAsJsonAsync("/api/industry/bases", new { code = "GB-1", name = "山羊基地", industry = "goats", villageCode = b, head = 3000 })).StatusCode);

        var link = await fixture.LinkAsync(cooperative, paid);
        Assert.Equal(HttpStatusCode.Created, (await county.PostAsJsonAsync($"/api/industry/links/{link}/payments", new { paidOn = "2020-12-20", amount = 600m })).StatusCode);
        await fixture.LinkAsync(cooperative, unpaid, "contract-purchase");
        Assert.Equal(HttpStatusCode.Created, (await county.PostAsJsonAsync("/api/industry/projects", new
        {
            memberId = grower.MemberId, industry = "edible-fungi", model = "fungi-park-plus", description = "香菇5000袋", scale = 2m, year = 2020, policy = "planting",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await county.PostAsJsonAsync("/api/industry/employment", new
        {
            memberId = worker.MemberId, kind = "workshop", workshopId = workshop, startedOn = "2020-02-01", months = 10, monthlyWage = 1500m,
        })).StatusCode);
        var farLink = await fixture.LinkAsync(enterprise, far, "wage");
        Assert.Equal(HttpStatusCode.Created, (await county.PostAsJsonAsync($"/api/industry/links/{farLink}/payments", new { paidOn = "2021-03-01", amount = 2000m })).StatusCode);

        var all = await IndustryFixture.GetJsonAsync(county, "/api/industry/figures");
        var coverage = all.GetProperty("coverage");
        Assert.Equal((5, 4, 80.00m, 1), (coverage.GetProperty("registeredHouseholds").GetInt32(), coverage.GetProperty("coveredHouseholds").GetInt32(),
            coverage.GetProperty("coveragePercent").GetDecimal(), coverage.GetProperty("liftedByIndustry").GetInt32()));
        Assert.Equal((2, 1200.5m, 3000L), (all.GetProperty("bases").GetProperty("bases").GetInt32(), all.GetProperty("bases").GetProperty("plantedMu").GetDecimal(),
            all.GetProperty("bases").GetProperty("livestockHead").GetInt64()));
        Assert.Equal(2, all.GetProperty("entities").GetProperty("newMarketEntities").GetInt32());
        Assert.Equal(1, all.GetProperty("entities").GetProperty("byKind").GetProperty("workshop").GetInt32());
        Assert.Equal(8, all.GetProperty("models").GetProperty("models").GetInt32());
        Assert.Equal((1, 1), (all.GetProperty("jobs").GetProperty("workshops").GetInt32(), all.GetProperty("jobs").GetProperty("workshopWorkers").GetInt32()));
        var income = all.GetProperty("income").GetProperty("byKind");
        // Wage: the workshop job (10 × 1,500) and the wage link's payment; property: the dividend; transfer: the subsidy (2 mu × 300).
        Assert.Equal((17_000m, 600m, 0m, 600m), (income.GetProperty("wage").GetDecimal(), income.GetProperty("property").GetDecimal(),
            income.GetProperty("business").GetDecimal(), income.GetProperty("transfer").GetDecimal()));
        Assert.Equal(17_000m + 600m, all.GetProperty("income").GetProperty("countedTowardExit").GetDecimal());
        Assert.Equal(2_000m, (await IndustryFixture.GetJsonAsync(county, "/api/industry/figures?year=2021")).GetProperty("income").GetProperty("byKind").GetProperty("wage").GetDecimal());

        // Each figure's drill-down lists what it counts.
        Assert.Equal(4, (await IndustryFixture.GetJsonAsync(county, coverage.GetProperty("list").GetString()!)).GetProperty("total").GetInt32());
        var lifted = await IndustryFixture.GetJsonAsync(county, coverage.GetProperty("liftedList").GetString()!);
        Assert.Equal(h1.HouseholdId, Assert.Single(lifted.GetProperty("items").EnumerateArray()).GetProperty("household").GetProperty("id").GetGuid());
        // A job is not industry coverage: the workshop worker's household is the one not covered.
        var uncovered = await IndustryFixture.GetJsonAsync(county, "/api/industry/households?covered=false");
        Assert.Equal(h4.HouseholdId, Assert.Single(uncovered.GetProperty("items").EnumerateArray()).GetProperty("household").GetProperty("id").GetGuid());
        Assert.Equal(2, (await IndustryFixture.GetJsonAsync(county, all.GetProperty("entities").GetProperty("list").GetString()!)).GetProperty("total").GetInt32());
        Assert.Equal(1, (await IndustryFixture.GetJsonAsync(county, all.GetProperty("jobs").GetProperty("employmentList").GetString()! + "&kind=workshop")).GetProperty("total").GetInt32());
        Assert.Equal(3, (await IndustryFixture.GetJsonAsync(county, "/api/industry/income?countsTowardExit=true")).GetProperty("total").GetInt32());

        // A village cadre of A sees A's four households, one lifted, and A's base; not B's.
        using var cadre = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.VillageCadre, village: a));
        var own = await IndustryFixture.GetJsonAsync(cadre, "/api/industry/figures");
        Assert.Equal((4, 3, 1), (own.GetProperty("coverage").GetProperty("registeredHouseholds").GetInt32(), own.GetProperty("coverage").GetProperty("coveredHouseholds").GetInt32(),
            own.GetProperty("coverage").GetProperty("liftedByIndustry").GetInt32()));
        Assert.Equal((1, 0L), (own.GetProperty("bases").GetProperty("bases").GetInt32(), own.GetProperty("bases").GetProperty("livestockHead").GetInt64()));
        Assert.Equal(15_000m, own.GetProperty("income").GetProperty("byKind").GetProperty("wage").GetDecimal());
        Assert.Equal(h4.HouseholdId, (await IndustryFixture.GetJsonAsync(cadre, "/api/industry/employment?kind=workshop")).GetProperty("items")[0].GetProperty("householdId").GetGuid());
        Assert.Equal(JsonValueKind.Number, own.GetProperty("workListOpen").ValueKind);
    }
}
