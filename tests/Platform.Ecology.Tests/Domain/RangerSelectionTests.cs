using Platform.Contracts.Households;
using Platform.Ecology.Domain;

namespace Platform.Ecology.Tests.Domain;

/// <summary>
/// Selection of forest rangers (生态护林员选聘), each rule as domain.md and the issue give it: "forest-ranger
/// posts filled from poor households", "selection only from able members of registered households (age and
/// labour-ability rules in configuration)", "yearly quotas by township".
/// </summary>
public class RangerSelectionTests
{
    [Fact]
    public void An_able_member_of_working_age_of_a_poor_or_exited_household_may_be_selected()
    {
        Assert.True(RangerRules.Eligible(Rules.Person(), 2026, Rules.Policy).Succeeded);
        // 摘帽不摘政策: an exited household's member too.
        Assert.True(RangerRules.Eligible(Rules.Person(status: HouseholdStatus.Exited), 2026, Rules.Policy).Succeeded);
        Assert.True(RangerRules.Eligible(Rules.Person(labour: "weak"), 2026, Rules.Policy).Succeeded);
    }

    [Fact]
    public void Rangers_are_selected_from_the_registered_poor_population_only()
    {
        // "selected from the poor population": a household entered for monitoring only was never registered as poor.
        var monitored = RangerRules.Eligible(Rules.Person(status: HouseholdStatus.Monitored), 2026, Rules.Policy);
        Assert.Equal("memberId", monitored.Field);
        Assert.Contains("建档立卡贫困人口", monitored.Error, StringComparison.Ordinal);

        var gone = RangerRules.Eligible(Rules.Person(member: false), 2026, Rules.Policy);
        Assert.Contains("已不在建档立卡户", gone.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(17, false)]
    [InlineData(18, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void The_age_in_the_contract_year_counts_by_birth_year_within_the_configured_ages(int age, bool eligible)
    {
        // "age rules in configuration": 18–60, counted by birth year so that no day of the year tells the birthday.
        var result = RangerRules.Eligible(Rules.Person(age: age, year: 2020), 2020, Rules.Policy);
        Assert.Equal(eligible, result.Succeeded);
        if (!eligible)
        {
            Assert.Contains("年满18周岁且不超过60周岁", result.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("none")]
    [InlineData("not-working-age")]
    [InlineData(null)]
    public void A_member_without_the_configured_labour_ability_is_not_selected(string? labour)
    {
        var result = RangerRules.Eligible(Rules.Person(labour: labour), 2026, Rules.Policy);
        Assert.False(result.Succeeded);
        Assert.Contains("劳动能力", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serious_illness_and_grave_disability_exclude_as_configured_and_a_light_disability_does_not()
    {
        Assert.Contains("患大病", RangerRules.Eligible(Rules.Person(health: "serious"), 2026, Rules.Policy).Error, StringComparison.Ordinal);
        Assert.Contains("2级残疾", RangerRules.Eligible(Rules.Person(health: "disabled", disability: 2), 2026, Rules.Policy).Error, StringComparison.Ordinal);
        Assert.True(RangerRules.Eligible(Rules.Person(health: "disabled", disability: 3), 2026, Rules.Policy).Succeeded);
        Assert.True(RangerRules.Eligible(Rules.Person(health: "chronic"), 2026, Rules.Policy).Succeeded);
    }

    [Fact]
    public void The_rules_follow_the_configuration_not_the_code()
    {
        var strict = Rules.Policy with { MaxAge = 55, AbleLabourAbilities = new HashSet<string>(StringComparer.Ordinal) { "normal" } };
        Assert.False(RangerRules.Eligible(Rules.Person(age: 58), 2026, strict).Succeeded);
        Assert.False(RangerRules.Eligible(Rules.Person(labour: "weak"), 2026, strict).Succeeded);
        Assert.True(RangerRules.Eligible(Rules.Person(age: 58), 2026, Rules.Policy).Succeeded);
    }

    [Fact]
    public void A_township_selects_within_its_yearly_quota_which_must_be_set()
    {
        // "yearly quotas by township".
        Assert.Contains("尚未下达2026年", RangerRules.WithinQuota(null, 0, 2026, "420325001").Error, StringComparison.Ordinal);
        Assert.True(RangerRules.WithinQuota(3, 2, 2026, "420325001").Succeeded);
        Assert.Contains("指标已满（3个，在岗3人）", RangerRules.WithinQuota(3, 3, 2026, "420325001").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void One_post_per_household_a_year_as_configured_and_one_per_person()
    {
        // 一户一岗.
        Assert.True(RangerRules.WithinHousehold(0, 2026, Rules.Policy).Succeeded);
        Assert.Contains("每户每年限聘1名", RangerRules.WithinHousehold(1, 2026, Rules.Policy).Error, StringComparison.Ordinal);
        Assert.True(RangerRules.WithinHousehold(1, 2026, Rules.Policy with { PostsPerHousehold = 2 }).Succeeded);
        Assert.Contains("已选聘", RangerRules.NotSelectedYet(true, 2026).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ranger_assessed_unqualified_is_not_selected_the_next_year()
    {
        // 考核不合格的予以解聘，不得续聘.
        Assert.Contains("2025年度考核不合格", RangerRules.NotFailedLastYear(AssessmentGrade.Unqualified, 2026).Error, StringComparison.Ordinal);
        Assert.True(RangerRules.NotFailedLastYear(AssessmentGrade.BasicallyQualified, 2026).Succeeded);
        Assert.True(RangerRules.NotFailedLastYear(null, 2026).Succeeded);
    }

    [Fact]
    public void A_contract_year_lies_between_the_first_configured_year_and_next_year_and_runs_to_31_December()
    {
        Assert.True(RangerRules.ContractYear(2014, Rules.Today, Rules.Policy).Succeeded);
        Assert.True(RangerRules.ContractYear(2027, Rules.Today, Rules.Policy).Succeeded);
        Assert.False(RangerRules.ContractYear(2013, Rules.Today, Rules.Policy).Succeeded);
        Assert.False(RangerRules.ContractYear(2028, Rules.Today, Rules.Policy).Succeeded);

        Assert.True(RangerRules.ContractStart(2026, null, out var start).Succeeded);
        Assert.Equal(new DateOnly(2026, 1, 1), start);
        Assert.False(RangerRules.ContractStart(2026, new DateOnly(2025, 12, 1), out _).Succeeded);
        Assert.Equal(new DateOnly(2026, 12, 31), Rules.Post(2026).EndsOn);
    }
}
