using Platform.Contracts.Registry;
using Platform.Industry.Domain;

namespace Platform.Industry.Tests.Domain;

/// <summary>Household industry projects (产业到户) and their subsidies (产业奖补).</summary>
public class ProjectRulesTests
{
    /// <summary>"the subsidy (产业奖补) by a policy in configuration": rate × scale, at most the ceiling.</summary>
    [Theory]
    [InlineData(3.5, 1050)]
    [InlineData(16.66, 4998)]
    [InlineData(20, 5000)]
    public void The_subsidy_is_the_policy_s_rate_times_the_scale_up_to_its_ceiling(double scale, double subsidy)
    {
        var result = ProjectRules.Subsidy(Rules.Planting, Rules.Fungi, (decimal)scale, out var amount);
        Assert.True(result.Succeeded);
        Assert.Equal((decimal)subsidy, amount);
    }

    [Fact]
    public void A_policy_covers_only_its_industries_and_from_its_minimum_scale()
    {
        Assert.Equal("policy", ProjectRules.Subsidy(Rules.Planting, Rules.Goats, 10m, out _).Field);
        Assert.True(ProjectRules.Subsidy(Rules.Livestock, Rules.Goats, 5m, out var five).Succeeded);
        Assert.Equal(1000m, five);
        var small = ProjectRules.Subsidy(Rules.Livestock, Rules.Goats, 4m, out _);
        Assert.Equal("scale", small.Field);
        Assert.Contains("不少于5头", small.Error, StringComparison.Ordinal);
        Assert.Equal("scale", ProjectRules.Subsidy(Rules.Planting, Rules.Fungi, 0m, out _).Field);
        Assert.Equal("scale", ProjectRules.Subsidy(Rules.Planting, Rules.Fungi, 2.345m, out _).Field);
    }

    /// <summary>"subsidies are transfers that do not count toward stable exit income".</summary>
    [Fact]
    public void A_subsidy_is_transfer_income_not_counted_toward_stable_exit_income()
    {
        Assert.Equal((IncomeKind.Transfer, false), IncomeRules.Of(IncomeSource.ProjectSubsidy));
    }

    [Fact]
    public void A_project_s_year_is_in_the_campaign_and_not_in_the_future()
    {
        Assert.True(ProjectRules.Year(2014, Rules.Today).Succeeded);
        Assert.True(ProjectRules.Year(2026, Rules.Today).Succeeded);
        Assert.Equal("year", ProjectRules.Year(2013, Rules.Today).Field);
        Assert.Equal("year", ProjectRules.Year(2027, Rules.Today).Field);
    }
}
