using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Ecology.Tests.Api;

/// <summary>Compensation by area and rate, and the projects' households and incomes, over REST.</summary>
public sealed class CompensationAndProjectApiTests(EcologyFixture fixture) : IClassFixture<EcologyFixture>
{
    [Fact]
    public async Task Compensation_is_area_times_the_year_s_configured_rate_once_a_year_and_the_household_s_transfer_income()
    {
        var (_, village) = County.NewPlace();
        var head = County.Person("公益林户", 58);
        var household = await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, head));
        using var county = fixture.County();
        var rates = await county.GetFromJsonAsync<JsonElement>(new Uri("/api/ecology/compensation/rates", UriKind.Relative));
        Assert.Equal(15.75m, rates[0].GetProperty("ratesPerMuFrom").GetProperty("2017").GetDecimal());

        using var paid = await county.PostAsJsonAsync(
            new Uri("/api/ecology/compensation", UriKind.Relative),
            new { householdId = household.HouseholdId, kind = "public-welfare-forest", year = 2020, areaMu = 36.4, payeeMemberId = head.MemberId, paidOn = "2020-11-20" });
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        var payment = await EcologyFixture.JsonAsync(paid);
        Assert.Equal((15.75m, 573.30m), (payment.GetProperty("ratePerMu").GetDecimal(), payment.GetProperty("amount").GetDecimal()));

        using var farmland = await county.PostAsJsonAsync(
            new Uri("/api/ecology/compensation", UriKind.Relative), new { householdId = household.HouseholdId, kind = "returned-farmland", year = 2020, areaMu = 2.5, amount = 600.00 });
        Assert.Equal(HttpStatusCode.Created, farmland.StatusCode);

        var before = await fixture.RowsAsync();
        using (var twice = await county.PostAsJsonAsync(
            new Uri("/api/ecology/compensation", UriKind.Relative), new { householdId = household.HouseholdId, kind = "public-welfare-forest", year = 2020, areaMu = 36.4 }))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        }

        using (var wrongAmount = await county.PostAsJsonAsync(
            new Uri("/api/ecology/compensation", UriKind.Relative), new { householdId = household.HouseholdId, kind = "public-welfare-forest", year = 2021, areaMu = 36.4, amount = 600 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrongAmount.StatusCode);
            Assert.Contains("36.4亩×15.75元/亩=573.30元", (await EcologyFixture.JsonAsync(wrongAmount)).GetProperty("errors").GetProperty("amount")[0].GetString(), StringComparison.Ordinal);
        }

        using (var beforeRates = await county.PostAsJsonAsync(
            new Uri("/api/ecology/compensation", UriKind.Relative), new { householdId = household.HouseholdId, kind = "returned-farmland", year = 2013, areaMu = 1 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, beforeRates.StatusCode);
        }

        using (var strangerPayee = await county.PostAsJsonAsync(
            new Uri("/api/ecology/compensation", UriKind.Relative), new { householdId = household.HouseholdId, kind = "public-welfare-forest", year = 2019, areaMu = 1, payeeMemberId = Guid.NewGuid() }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, strangerPayee.StatusCode);
        }

        Assert.Equal(before, await fixture.RowsAsync());
        Assert.Equal(0, await fixture.DrainAsync());
        var incomes = fixture.Incomes.Where(i => i.HouseholdId == household.HouseholdId).OrderBy(i => i.Amount).ToList();
        Assert.Equal([(IncomeKind.Transfer, 573.30m, true), (IncomeKind.Transfer, 600.00m, true)], incomes.Select(i => (i.Kind, i.Amount, i.CountsTowardExit)).ToList());
        Assert.Equal(payment.GetProperty("id").GetString(), incomes[0].SourceRecordId);
    }

    [Fact]
    public async Task A_project_lies_in_a_village_of_the_caller_and_its_households_earn_wages_and_dividends_once_a_year()
    {
        var (township, village) = County.NewPlace();
        var head = County.Person("果园务工", 41);
        var household = await fixture.RegisterAsync(County.Household(village, HouseholdStatus.Poor, head));
        using var county = fixture.County();
        using var townshipOfficer = fixture.Host.CreateHttpClient(TestTokens.ForRole(PlatformRoles.TownshipOfficer, township: township));

        using (var noCrop = await townshipOfficer.PostAsJsonAsync(new Uri("/api/ecology/projects", UriKind.Relative), new { name = "樱桃基地", kind = "orchard", villageCode = village, areaMu = 600, year = 2018 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noCrop.StatusCode);
        }

        using (var elsewhere = await townshipOfficer.PostAsJsonAsync(
            new Uri("/api/ecology/projects", UriKind.Relative), new { name = "外乡樱桃基地", kind = "orchard", crop = "cherry", villageCode = County.OtherTownshipVillage, areaMu = 600, year = 2018 }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        }

        using var created = await townshipOfficer.PostAsJsonAsync(
            new Uri("/api/ecology/projects", UriKind.Relative), new { name = "樱桃基地", kind = "orchard", crop = "cherry", villageCode = village, areaMu = 600, year = 2018, @operator = "樱桃专业合作社" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var project = await EcologyFixture.JsonAsync(created);
        Assert.Equal(("樱桃", township), (project.GetProperty("cropName").GetString(), project.GetProperty("townshipCode").GetString()));
        using (var sameName = await county.PostAsJsonAsync(
            new Uri("/api/ecology/projects", UriKind.Relative), new { name = "樱桃基地", kind = "orchard", crop = "yellow-peach", villageCode = village, areaMu = 10, year = 2019 }))
        {
            Assert.Equal(HttpStatusCode.Conflict, sameName.StatusCode);
        }

        var id = project.GetProperty("id").GetGuid();
        var incomes = new Uri($"/api/ecology/projects/{id}/incomes", UriKind.Relative);
        Assert.Equal(HttpStatusCode.Created, (await county.PostAsJsonAsync(incomes, new { householdId = household.HouseholdId, memberId = head.MemberId, kind = "wage", year = 2020, amount = 5400 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await county.PostAsJsonAsync(incomes, new { householdId = household.HouseholdId, kind = "dividend", year = 2020, amount = 800 })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await county.PostAsJsonAsync(incomes, new { householdId = household.HouseholdId, kind = "wage", year = 2020, amount = 100 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.PostAsJsonAsync(incomes, new { householdId = household.HouseholdId, kind = "wage", year = 2017, amount = 100 })).StatusCode);

        var households = await county.GetFromJsonAsync<JsonElement>(new Uri($"/api/ecology/projects/{id}/households", UriKind.Relative));
        var row = Assert.Single(households.GetProperty("items").EnumerateArray());
        Assert.Equal((5400m, 800m), (row.GetProperty("wages").GetDecimal(), row.GetProperty("dividends").GetDecimal()));
        Assert.Equal(0, await fixture.DrainAsync());
        var recorded = fixture.Incomes.Where(i => i.HouseholdId == household.HouseholdId).OrderBy(i => i.Kind).Select(i => (i.Kind, i.Amount)).ToList();
        Assert.Equal([(IncomeKind.Wage, 5400m), (IncomeKind.Property, 800m)], recorded);
    }
}
