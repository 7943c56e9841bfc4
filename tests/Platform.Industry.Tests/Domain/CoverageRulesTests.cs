using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Industry.Domain;

namespace Platform.Industry.Tests.Domain;

/// <summary>The figures' rules over one household, and the income kinds of the pillar's records.</summary>
public class CoverageRulesTests
{
    /// <summary>"industry coverage (households with a project or a benefit link ÷ registered households)".</summary>
    [Theory]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    [InlineData(true, true, true)]
    [InlineData(false, false, false)]
    public void A_household_is_covered_by_a_project_or_a_benefit_link(bool project, bool link, bool covered) =>
        Assert.Equal(covered, CoverageRules.IsCovered(project, link));

    [Fact]
    public void Coverage_is_a_percentage_with_two_decimals()
    {
        Assert.Equal(96.00m, CoverageRules.Percent(46_254, 48_181));
        Assert.Equal(0m, CoverageRules.Percent(0, 0));
        Assert.Equal(33.33m, CoverageRules.Percent(1, 3));
    }

    /// <summary>产业带动脱贫: exited, with industry income counted toward stable income.</summary>
    [Fact]
    public void A_household_is_lifted_by_industry_when_it_exited_with_counted_industry_income()
    {
        Assert.True(CoverageRules.IsLiftedByIndustry(HouseholdStatus.Exited, hasCountedIndustryIncome: true));
        Assert.False(CoverageRules.IsLiftedByIndustry(HouseholdStatus.Poor, hasCountedIndustryIncome: true));
        Assert.False(CoverageRules.IsLiftedByIndustry(HouseholdStatus.Exited, hasCountedIndustryIncome: false));
    }

    [Fact]
    public void Only_links_payments_and_sales_shares_are_industry_income_and_a_subsidy_alone_lifts_nobody()
    {
        static IndustryIncome Income(IncomeSource source, LinkKind? kind = null)
        {
            var (incomeKind, counts) = IncomeRules.Of(source, kind);
            return new IndustryIncome
            {
                SourceRecordId = Guid.NewGuid(), Source = source, HouseholdId = Guid.NewGuid(), Year = 2020, Kind = incomeKind, Amount = 100m,
                CountsTowardExit = counts, Description = "test", RecordedAt = Rules.Now,
            };
        }

        Assert.True(IncomeRules.IsCounted(Income(IncomeSource.LinkPayment, LinkKind.Dividend)));
        Assert.True(IncomeRules.IsCounted(Income(IncomeSource.SaleShare)));
        Assert.False(IncomeRules.IsCounted(Income(IncomeSource.ProjectSubsidy)));
        Assert.False(IncomeRules.IsCounted(Income(IncomeSource.Employment)));
    }

    /// <summary>"consumption poverty alleviation … recorded as business income of the households they benefit".</summary>
    [Fact]
    public void A_sale_s_share_is_business_income_counted_toward_exit() =>
        Assert.Equal((IncomeKind.Business, true), IncomeRules.Of(IncomeSource.SaleShare));

    [Fact]
    public void A_sale_benefits_each_household_once_with_shares_above_0_that_add_up_to_no_more_than_the_sale()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        Dictionary<string, string[]> Check(decimal amount, DateOnly soldOn, params (Guid, decimal)[] shares)
        {
            var errors = new Dictionary<string, string[]>();
            SaleRules.Validate(amount, soldOn, shares, Rules.Today, errors);
            return errors;
        }

        Assert.Empty(Check(1000m, Rules.Today, (a, 600m), (b, 400m)));
        Assert.Contains("合计不能超过销售额", Check(1000m, Rules.Today, (a, 600m), (b, 400.01m))["shares"][0], StringComparison.Ordinal);
        Assert.True(Check(1000m, Rules.Today, (a, 600m), (a, 100m)).ContainsKey("shares"));
        Assert.True(Check(1000m, Rules.Today, (a, 0m)).ContainsKey("shares"));
        Assert.True(Check(1000m, Rules.Today).ContainsKey("shares"));
        Assert.True(Check(0m, Rules.Today, (a, 1m)).ContainsKey("amount"));
        Assert.True(Check(1000m, Rules.Today.AddDays(1), (a, 1m)).ContainsKey("soldOn"));
    }
}
