using Platform.Welfare.Domain;

namespace Platform.Welfare.Tests.Domain;

/// <summary>
/// The issue: "poverty-protection insurance (扶贫保障保险): policies and payouts for illness, schooling and disaster";
/// domain.md, Income: one-off relief does not count toward stable exit income.
/// </summary>
public class ProtectionRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static readonly ProtectionPolicy Policy = new()
    {
        Id = Guid.NewGuid(), Year = 2026, Insurer = "中国人寿房县支公司", PolicyNumber = "FX2026-001", PremiumPerPerson = 60m, IllnessSum = 10_000m, SchoolingSum = 3_000m,
        DisasterSum = 20_000m, CreatedBy = "tests", CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void A_payout_stays_within_the_households_sum_for_its_cause_in_the_policy_year()
    {
        var on = new DateOnly(2026, 7, 1);
        Assert.True(ProtectionRules.CheckPayout(Policy, covered: true, paidForCause: 6_000m, PayoutCause.Illness, 4_000m, on, Today).Succeeded);
        Assert.Equal("amount", ProtectionRules.CheckPayout(Policy, covered: true, paidForCause: 6_000m, PayoutCause.Illness, 4_000.01m, on, Today).Field);
        Assert.True(ProtectionRules.CheckPayout(Policy, covered: true, paidForCause: 0m, PayoutCause.Disaster, 20_000m, on, Today).Succeeded);
    }

    [Fact]
    public void A_payout_needs_a_covered_household_a_loss_in_the_policy_year_and_a_positive_amount()
    {
        Assert.Equal("householdId", ProtectionRules.CheckPayout(Policy, covered: false, 0m, PayoutCause.Schooling, 1_000m, new DateOnly(2026, 9, 1), Today).Field);
        Assert.Equal("incurredOn", ProtectionRules.CheckPayout(Policy, covered: true, 0m, PayoutCause.Schooling, 1_000m, new DateOnly(2025, 9, 1), Today).Field);
        Assert.Equal("incurredOn", ProtectionRules.CheckPayout(Policy, covered: true, 0m, PayoutCause.Schooling, 1_000m, new DateOnly(2026, 12, 24), Today).Field);
        Assert.Equal("amount", ProtectionRules.CheckPayout(Policy, covered: true, 0m, PayoutCause.Schooling, 0m, new DateOnly(2026, 9, 1), Today).Field);
    }
}
