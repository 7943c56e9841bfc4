using System.Net;
using System.Net.Http.Json;
using Platform.Contracts.Registry;
using Platform.Testing;

namespace Platform.Welfare.Tests.Api;

/// <summary>Poverty-protection insurance: the year's policy covers every household, payouts within the sums are one-off income.</summary>
public class ProtectionTests(WelfareFixture fixture) : IClassFixture<WelfareFixture>
{
    private const string Village = "420325005001";

    [Fact]
    public async Task The_years_policy_covers_every_household_even_those_registered_later_and_pays_within_the_sum()
    {
        var before = await fixture.RegisterAsync(Village, WelfareFixture.Member("户主", 50, "马保前"), WelfareFixture.Member("之子", 20, "马小保"));
        using var county = fixture.County();
        var year = WelfareFixture.Today.Year;

        using var insured = await county.PostAsJsonAsync("/api/welfare/protection/policies", new
        {
            year, insurer = "中国人寿保险房县支公司", policyNumber = "FXFP" + year, premiumPerPerson = 60m, illnessSum = 10_000m, schoolingSum = 3_000m, disasterSum = 20_000m,
        });
        Assert.Equal(HttpStatusCode.Created, insured.StatusCode);
        var policy = await WelfareFixture.JsonAsync(insured);
        Assert.True(policy.GetProperty("households").GetInt32() >= 1);
        using var second = await county.PostAsJsonAsync("/api/welfare/protection/policies", new
        {
            year, insurer = "另一家", policyNumber = "X" + year, premiumPerPerson = 60m, illnessSum = 1m, schoolingSum = 1m, disasterSum = 1m,
        });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);

        var after = await fixture.RegisterAsync(Village, WelfareFixture.Member("户主", 33, "马保后"));
        await Eventually.AssertAsync(
            async () => (await WelfareFixture.GetJsonAsync(county, $"/api/welfare/households/{after.HouseholdId}")).GetProperty("protectionCovered").GetBoolean(),
            WelfareFixture.Patience,
            "a household registered during the policy year is covered");

        var on = WelfareFixture.Today.AddDays(-3);
        using var paid = await county.PostAsJsonAsync("/api/welfare/protection/payouts", new { householdId = before.HouseholdId, cause = "schooling", amount = 2_000m, incurredOn = on, claimNumber = "PA-" + Guid.NewGuid().ToString("N")[..8] });
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        using var over = await county.PostAsJsonAsync("/api/welfare/protection/payouts", new { householdId = before.HouseholdId, cause = "schooling", amount = 1_000.01m, incurredOn = on });
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        using var badCause = await county.PostAsJsonAsync("/api/welfare/protection/payouts", new { householdId = before.HouseholdId, cause = "fire", amount = 10m, incurredOn = on });
        Assert.Equal(HttpStatusCode.BadRequest, badCause.StatusCode);

        var income = await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Published<IncomeRecorded>().FirstOrDefault(i => i.HouseholdId == before.HouseholdId)),
            WelfareFixture.Patience,
            "the payout is the household's income");
        Assert.Equal((2_000m, false), (income.Amount, income.CountsTowardExit));
    }
}
