using Platform.Contracts.Registry;
using Platform.Contracts.Welfare;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Tests.Domain;

/// <summary>
/// The issue: "低保 and 特困 (formerly 五保) — applications, a means check against the household's income …,
/// enrolment with category and monthly amount (standards by year in configuration)". 社会救助暂行办法: 低保 for a
/// household whose per-capita income is under the local standard; 特困 for the old, the disabled and minors under 16
/// who cannot work, have no livelihood and no one bound to support them. domain.md, Income: "Some transfers … do not
/// count toward stable exit income".
/// </summary>
public class AssistanceRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    // 2026 in appsettings.json: 低保 6,120 a person a year, 特困 7,956, at least 60 a person a month.
    private static readonly AssistanceStandard Standard = new(2026, 6_120m, 7_956m, 60m);

    private static MemberFacts Person(int age, string labour = LabourCodes.Normal, int? disability = null) =>
        new(new DateOnly(2026 - age, 3, 1), labour, disability is null ? HealthCodes.Healthy : HealthCodes.Disabled, disability);

    private static IncomeRecord Income(IncomeKind kind, decimal amount, bool counts = true, Pillar source = Pillar.Industry) => new()
    {
        Source = source, SourceRecordId = Guid.NewGuid().ToString(), HouseholdId = Guid.Empty, Year = 2026, Kind = kind, Amount = amount, CountsTowardExit = counts,
        RecordedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void The_means_test_counts_stable_income_less_production_costs_but_not_social_assistance_nor_one_off_aid()
    {
        IncomeRecord[] records =
        [
            Income(IncomeKind.Wage, 8_000m),
            Income(IncomeKind.Business, 3_000m),
            Income(IncomeKind.ProductionCost, 1_000m),
            Income(IncomeKind.Transfer, 1_500m, counts: false, source: Pillar.Education), // 雨露计划
            Income(IncomeKind.Transfer, 4_800m, source: Pillar.Welfare), // its own 低保 payments
        ];

        Assert.Equal(10_000m, AssistanceRules.MeansIncome(records, verifiedIncome: null));
    }

    [Fact]
    public void The_larger_of_the_recorded_and_the_verified_income_counts()
    {
        IncomeRecord[] records = [Income(IncomeKind.Wage, 8_000m)];

        Assert.Equal(12_000m, AssistanceRules.MeansIncome(records, verifiedIncome: 12_000m));
        Assert.Equal(8_000m, AssistanceRules.MeansIncome(records, verifiedIncome: 5_000m));
        Assert.Equal(0m, AssistanceRules.MeansIncome([], verifiedIncome: null));
    }

    [Fact]
    public void A_household_under_the_standard_per_person_qualifies_for_minimum_living_and_at_the_standard_it_does_not()
    {
        MemberFacts[] three = [Person(45), Person(43), Person(12, LabourCodes.NotWorkingAge)];

        Assert.Equal(SocialAssistanceCategory.MinimumLiving, AssistanceRules.Qualifies(three, 18_359.99m, Standard, Today));
        Assert.Null(AssistanceRules.Qualifies(three, 18_360m, Standard, Today)); // exactly 6,120 a person
    }

    [Fact]
    public void Old_disabled_or_young_members_who_cannot_work_with_no_livelihood_qualify_for_extreme_poverty()
    {
        MemberFacts[] alone = [Person(72, LabourCodes.None)];
        MemberFacts[] disabledWithChild = [Person(40, LabourCodes.None, disability: 1), Person(9, LabourCodes.NotWorkingAge)];

        Assert.Equal(SocialAssistanceCategory.ExtremePoverty, AssistanceRules.Qualifies(alone, 7_000m, Standard, Today)); // above 低保, under 特困
        Assert.Equal(SocialAssistanceCategory.ExtremePoverty, AssistanceRules.Qualifies(disabledWithChild, 2_000m, Standard, Today));
        Assert.Null(AssistanceRules.Qualifies(alone, 7_956m, Standard, Today));
    }

    [Fact]
    public void Old_age_and_minority_count_in_years_of_birth_so_no_day_of_the_year_tells_a_birth_date()
    {
        // Turning 60 on 31 December 2026 and 16 on 1 January 2026: the same answer on every day of 2026.
        MemberFacts[] turningSixty = [new(new DateOnly(1966, 12, 31), LabourCodes.None, HealthCodes.Healthy, null)];
        MemberFacts[] turningSixteen = [new(new DateOnly(2010, 1, 1), LabourCodes.NotWorkingAge, HealthCodes.Healthy, null)];
        MemberFacts[] turningFifteen = [new(new DateOnly(2011, 12, 31), LabourCodes.NotWorkingAge, HealthCodes.Healthy, null)];
        foreach (var day in new[] { new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), new DateOnly(2026, 12, 31) })
        {
            Assert.Equal(SocialAssistanceCategory.ExtremePoverty, AssistanceRules.Qualifies(turningSixty, 7_000m, Standard, day));
            Assert.Equal(SocialAssistanceCategory.MinimumLiving, AssistanceRules.Qualifies(turningSixteen, 2_000m, Standard, day));
            Assert.Equal(SocialAssistanceCategory.ExtremePoverty, AssistanceRules.Qualifies(turningFifteen, 7_000m, Standard, day));
        }
    }

    [Fact]
    public void A_member_who_can_work_keeps_the_household_out_of_extreme_poverty()
    {
        MemberFacts[] withAbleSon = [Person(72, LabourCodes.None), Person(45)];
        MemberFacts[] workingAgeWithoutDisability = [Person(50, LabourCodes.None)];

        Assert.Equal(SocialAssistanceCategory.MinimumLiving, AssistanceRules.Qualifies(withAbleSon, 2_000m, Standard, Today));
        Assert.Equal(SocialAssistanceCategory.MinimumLiving, AssistanceRules.Qualifies(workingAgeWithoutDisability, 2_000m, Standard, Today));
        Assert.Null(AssistanceRules.Qualifies([], 0m, Standard, Today));
    }

    [Theory]
    [InlineData(3, 12_000, 530)] // 低保补差: (18,360 − 12,000) ÷ 12 = 530
    [InlineData(2, 12_000, 120)] // (12,240 − 12,000) ÷ 12 = 20, below the 60 a person minimum: 120
    [InlineData(1, 0, 510)] // no income: the whole standard, 6,120 ÷ 12
    [InlineData(3, 11_999, 531)] // (18,360 − 11,999) ÷ 12 = 530.08 → up to 531
    public void A_minimum_living_allowance_is_the_monthly_gap_for_all_members_at_least_the_minimum_in_whole_yuan(int people, decimal income, decimal monthly)
    {
        Assert.Equal(monthly, AssistanceRules.MonthlyAmount(SocialAssistanceCategory.MinimumLiving, people, income, Standard));
    }

    [Fact]
    public void An_extreme_poverty_allowance_is_the_basic_living_standard_for_every_member()
    {
        // 7,956 ÷ 12 = 663 a person a month.
        Assert.Equal(663m, AssistanceRules.MonthlyAmount(SocialAssistanceCategory.ExtremePoverty, 1, 3_000m, Standard));
        Assert.Equal(1_326m, AssistanceRules.MonthlyAmount(SocialAssistanceCategory.ExtremePoverty, 2, 0m, Standard));
    }

    [Fact]
    public void The_test_refuses_the_wrong_category_and_an_amount_above_the_full_standard()
    {
        var test = AssistanceRules.Test([Person(72, LabourCodes.None)], 3_000m, Standard, Today);
        Assert.Equal(SocialAssistanceCategory.ExtremePoverty, test.Category);
        Assert.Contains("特困供养标准", test.Reason, StringComparison.Ordinal);

        Assert.Equal("category", AssistanceRules.CheckRequest(test, SocialAssistanceCategory.MinimumLiving, null, Standard).Field);
        Assert.Equal("monthlyAmount", AssistanceRules.CheckRequest(test, null, 664m, Standard).Field);
        Assert.True(AssistanceRules.CheckRequest(test, SocialAssistanceCategory.ExtremePoverty, 663m, Standard).Succeeded);

        var above = AssistanceRules.Test([Person(40), Person(38)], 20_000m, Standard, Today);
        Assert.False(above.Qualifies);
        Assert.Equal("householdId", AssistanceRules.CheckRequest(above, null, null, Standard).Field);
        Assert.Contains("不低于低保标准", above.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_enrolment_is_paid_from_its_start_month_to_the_month_it_ended_and_never_for_a_month_ahead()
    {
        var enrolment = new AssistanceEnrolment
        {
            Id = Guid.NewGuid(), HouseholdId = Guid.NewGuid(), Category = SocialAssistanceCategory.MinimumLiving, People = 2, MonthlyAmount = 300m, Year = 2026,
            PerCapitaIncome = 3_000m, StartMonth = new DateOnly(2026, 3, 1), EnrolledBy = "tests", EnrolledAt = DateTimeOffset.UnixEpoch,
        };
        Assert.False(enrolment.Covers(new DateOnly(2026, 2, 1)));
        Assert.True(enrolment.Covers(new DateOnly(2026, 11, 1)));

        Assert.False(enrolment.End(new DateOnly(2026, 12, 1), "收入超过标准", Today).Succeeded); // not in the future
        Assert.True(enrolment.End(new DateOnly(2026, 9, 15), "家庭收入超过低保标准", Today).Succeeded);
        Assert.True(enrolment.Covers(new DateOnly(2026, 9, 1)));
        Assert.False(enrolment.Covers(new DateOnly(2026, 10, 1)));
        Assert.Equal("id", enrolment.End(new DateOnly(2026, 10, 1), "again", Today).Field);

        Assert.True(AssistancePayment.CanPay(new DateOnly(2026, 11, 1), Today).Succeeded);
        Assert.False(AssistancePayment.CanPay(new DateOnly(2026, 12, 1), Today).Succeeded);
    }
}
