using Platform.Contracts.Registry;
using Platform.Households.Domain;
using static Platform.Households.Tests.Domain.DomainFactory;

namespace Platform.Households.Tests.Domain;

/// <summary>
/// domain.md, Household exit (户脱贫): "per-capita net income of the year above the national line for that
/// year, and 两不愁三保障 met"; Income: "mark each income record with whether it counts".
/// </summary>
public class ExitEligibilityTests
{
    private const decimal Line2020 = 4000m;

    [Fact]
    public void Income_above_the_years_line_with_every_guarantee_met_is_eligible()
    {
        var household = Household(size: 2);
        var verdict = ExitEligibility.Assess(2020, 2, [IncomeOf(household.Id, 2020, IncomeKind.Wage, 8002m)], AllMet(household.Id), Line2020);
        Assert.True(verdict.Eligible, string.Join("；", verdict.Failures));
        Assert.Equal(4001m, verdict.StablePerCapitaIncome);
        Assert.All(verdict.Guarantees, g => Assert.Equal(GuaranteeStatus.Met, g.Status));
    }

    [Fact]
    public void Income_equal_to_the_line_is_not_above_it_and_the_verdict_says_what_is_short()
    {
        // "above the national line": 4,000.00 per person in 2020 is not above 4,000.
        var household = Household(size: 2);
        var verdict = ExitEligibility.Assess(2020, 2, [IncomeOf(household.Id, 2020, IncomeKind.Wage, 8000m)], AllMet(household.Id), Line2020);
        Assert.False(verdict.Eligible);
        Assert.False(verdict.IncomeAboveLine);
        Assert.Equal(0.02m, verdict.IncomeShortfall); // one fen per person, two people
        Assert.Contains(verdict.Failures, f => f.Contains("未超过当年国家扶贫标准4,000元", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_records_that_count_toward_stable_income_count_and_costs_are_subtracted()
    {
        // "Some transfers (education aid such as 雨露计划, medical reimbursement…) do not count toward stable exit income";
        // "Per-capita net income = (wage + business + property + transfer − production costs) ÷ household size".
        var household = Household(size: 2);
        var records = new[]
        {
            IncomeOf(household.Id, 2020, IncomeKind.Business, 9000m),
            IncomeOf(household.Id, 2020, IncomeKind.ProductionCost, 2000m),
            IncomeOf(household.Id, 2020, IncomeKind.Transfer, 3000m, counts: false), // 雨露计划
            IncomeOf(household.Id, 2019, IncomeKind.Wage, 50000m), // another year
        };
        var verdict = ExitEligibility.Assess(2020, 2, records, AllMet(household.Id), Line2020);
        Assert.Equal(3500m, verdict.StablePerCapitaIncome);
        Assert.False(verdict.Eligible);
    }

    [Fact]
    public void The_household_size_is_as_it_was_that_year_not_today()
    {
        // A child born in 2021 does not divide the 2020 income; a member who left in 2021 still counted in 2020.
        var household = Household(size: 2, registeredYear: 2015);
        household.AddMember(Person("之孙子", new DateOnly(2021, 5, 1), 31), Platform.Contracts.Households.MemberAdditionReason.Born, Now);
        var leaving = household.Members[1];
        household.RemoveMember(leaving.Id, Platform.Contracts.Households.MemberRemovalReason.MarriedOut, null, new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(2, household.SizeIn(2020, Today));
        Assert.Equal(2, household.SizeIn(2021, Today)); // head and the child born in 2021
        Assert.Equal(2, household.CurrentMembers.Count());
        Assert.Equal(0, household.SizeIn(2014, Today)); // before it was registered
    }

    [Fact]
    public void A_guarantee_never_assessed_is_not_met_and_names_the_pillar_that_owns_it()
    {
        // Issue: "Not assessed is never met."
        var household = Household();
        var states = AllMet(household.Id).Where(s => s.Guarantee != Guarantee.CompulsoryEducation).ToList();
        var verdict = ExitEligibility.Assess(2020, 2, [IncomeOf(household.Id, 2020, IncomeKind.Wage, 10000m)], states, Line2020);
        Assert.False(verdict.Eligible);
        var education = Assert.Single(verdict.Guarantees, g => g.Guarantee == Guarantee.CompulsoryEducation);
        Assert.Equal(GuaranteeStatus.NotAssessed, education.Status);
        Assert.Equal(Pillar.Education, education.Owner);
        Assert.Contains(verdict.Failures, f => f.Contains("义务教育有保障", StringComparison.Ordinal) && f.Contains("尚未评估", StringComparison.Ordinal));
    }

    [Fact]
    public void A_guarantee_not_met_fails_with_the_record_that_decided_it()
    {
        // "safe housing (house appraised grade A or B, or renovated, or relocated)".
        var household = Household();
        var states = AllMet(household.Id).Where(s => s.Guarantee != Guarantee.SafeHousing)
            .Append(GuaranteeState.From(Assessment(household.Id, Guarantee.SafeHousing, met: false))).ToList();
        var verdict = ExitEligibility.Assess(2020, 2, [IncomeOf(household.Id, 2020, IncomeKind.Wage, 10000m)], states, Line2020);
        var housing = Assert.Single(verdict.Guarantees, g => g.Guarantee == Guarantee.SafeHousing);
        Assert.Equal(GuaranteeStatus.NotMet, housing.Status);
        Assert.Equal("record-SafeHousing", housing.SourceRecordId);
        Assert.Contains(verdict.Failures, f => f.Contains("D级危房", StringComparison.Ordinal));
    }

    [Fact]
    public void A_year_without_a_configured_line_is_not_eligible()
    {
        // "Keep the yearly lines in configuration, not in code."
        var household = Household();
        var verdict = ExitEligibility.Assess(2026, 2, [IncomeOf(household.Id, 2026, IncomeKind.Wage, 90000m)], AllMet(household.Id), povertyLine: null);
        Assert.False(verdict.Eligible);
        Assert.Contains(verdict.Failures, f => f.Contains("未配置2026年国家扶贫标准", StringComparison.Ordinal));
    }

    [Fact]
    public void The_state_on_a_day_is_the_owners_latest_assessment_made_by_then()
    {
        // GuaranteeOwners: housing is the relocation pillar's; another pillar's word does not count.
        var household = Household();
        var early = Assessment(household.Id, Guarantee.SafeHousing, met: false, at: new DateTimeOffset(2019, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var later = Assessment(household.Id, Guarantee.SafeHousing, met: true, at: new DateTimeOffset(2019, 9, 1, 0, 0, 0, TimeSpan.Zero));
        var notOwner = Assessment(household.Id, Guarantee.SafeHousing, met: false, at: new DateTimeOffset(2019, 10, 1, 0, 0, 0, TimeSpan.Zero), source: Pillar.Education);
        var inJune = ExitEligibility.StatesAsOf([early, later, notOwner], new DateTimeOffset(2019, 6, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.False(Assert.Single(inJune).Met);
        var inDecember = ExitEligibility.StatesAsOf([early, later, notOwner], new DateTimeOffset(2019, 12, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.True(Assert.Single(inDecember).Met);
    }
}
