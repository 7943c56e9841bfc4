using Platform.Contracts.Households;
using Platform.Households.Domain;
using static Platform.Households.Tests.Domain.DomainFactory;

namespace Platform.Households.Tests.Domain;

/// <summary>
/// domain.md, After exit: "Households are flagged for monitoring (防返贫监测) as unstable exited households
/// (脱贫不稳定户), households at the edge (边缘易致贫户) or households in sudden severe hardship (突发严重困难户)
/// … a flag is removed only after income has been stable above the line for about six months and the cause
/// is resolved, and the record is kept."
/// </summary>
public class MonitoringRulesTests
{
    private static readonly DateOnly Raised = new(2026, 1, 10);

    private static MonitoringFlag Flag()
    {
        var (flag, result) = MonitoringFlag.Raise(Guid.NewGuid(), HouseholdStatus.Exited, MonitoringCategory.UnstableExited, MonitoringTrigger.LargeExpense, "住院自付8,000元", Raised, "system", Today, Now);
        Assert.True(result.Succeeded);
        return flag!;
    }

    private static MonitoringReview Review(MonitoringFlag flag, DateOnly on, decimal income, bool resolved) => new()
    {
        Id = Guid.NewGuid(), FlagId = flag.Id, On = on, By = "帮扶责任人", PerCapitaIncome = income, MonitoringLine = 7500m, CauseResolved = resolved, RecordedAt = Now,
    };

    [Theory]
    [InlineData(HouseholdStatus.Exited, MonitoringCategory.UnstableExited, true)]
    [InlineData(HouseholdStatus.Exited, MonitoringCategory.Edge, false)]
    [InlineData(HouseholdStatus.Monitored, MonitoringCategory.Edge, true)]
    [InlineData(HouseholdStatus.Monitored, MonitoringCategory.SuddenHardship, true)]
    [InlineData(HouseholdStatus.Monitored, MonitoringCategory.UnstableExited, false)]
    [InlineData(HouseholdStatus.Poor, MonitoringCategory.SuddenHardship, false)]
    public void Each_category_fits_its_households(HouseholdStatus status, MonitoringCategory category, bool fits) =>
        Assert.Equal(fits, MonitoringFlag.CategoryFits(status, category).Succeeded);

    [Fact]
    public void A_flag_is_removed_only_after_six_stable_months_confirmed_by_a_review_and_the_cause_resolved()
    {
        var flag = Flag();
        Assert.True(flag.Review(Review(flag, new DateOnly(2026, 2, 1), 9000m, resolved: true), Today).Succeeded);
        Assert.Equal(new DateOnly(2026, 2, 1), flag.StableSince);

        var early = flag.Remove("收入稳定", "乡镇", 6, new DateOnly(2026, 5, 1));
        Assert.False(early.Succeeded);
        Assert.Contains("未满6个月", early.Error, StringComparison.Ordinal);

        Assert.True(flag.Review(Review(flag, new DateOnly(2026, 8, 1), 9200m, resolved: true), Today).Succeeded);
        Assert.True(flag.Remove("风险消除", "乡镇", 6, new DateOnly(2026, 8, 2)).Succeeded);
        Assert.Equal(new DateOnly(2026, 8, 2), flag.RemovedOn);
        Assert.Equal(2, flag.Reviews.Count); // the record is kept
        Assert.False(flag.Review(Review(flag, new DateOnly(2026, 9, 1), 9000m, resolved: true), Today).Succeeded);
    }

    [Fact]
    public void Income_under_the_line_or_a_new_hardship_starts_the_six_months_over()
    {
        var flag = Flag();
        flag.Review(Review(flag, new DateOnly(2026, 2, 1), 9000m, resolved: true), Today);
        flag.Review(Review(flag, new DateOnly(2026, 4, 1), 7000m, resolved: true), Today); // under the 7,500 line
        Assert.Null(flag.StableSince);
        flag.Review(Review(flag, new DateOnly(2026, 5, 1), 8000m, resolved: true), Today);
        Assert.Equal(new DateOnly(2026, 5, 1), flag.StableSince);

        flag.NewHardship(); // another hospital bill
        Assert.Null(flag.StableSince);
        Assert.False(flag.CauseResolved);
        flag.Review(Review(flag, new DateOnly(2026, 11, 20), 9000m, resolved: true), Today);
        Assert.False(flag.Remove("风险消除", "乡镇", 6, Today).Succeeded);
    }

    [Fact]
    public void A_cause_not_resolved_keeps_the_flag_whatever_the_income()
    {
        var flag = Flag();
        flag.Review(Review(flag, new DateOnly(2026, 2, 1), 9000m, resolved: false), Today);
        flag.Review(Review(flag, new DateOnly(2026, 9, 1), 9000m, resolved: false), Today);
        var refused = flag.Remove("风险消除", "乡镇", 6, Today);
        Assert.Contains("风险尚未消除", refused.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// domain.md: monitoring is for households out of poverty ("Households are flagged for monitoring … as unstable exited
    /// households"); a household poor again is helped as poor. So a return to poverty closes the open flag at once, without
    /// the six stable months (those are the rule for a household that stays out of poverty), and the record says why.
    /// </summary>
    [Fact]
    public void A_return_to_poverty_closes_the_open_flag_without_the_stable_months_and_keeps_its_record()
    {
        var flag = Flag();
        Assert.False(flag.Remove("风险消除", "帮扶责任人", 6, Today).Succeeded); // no stable months: not removable
        var closed = flag.CloseAsPoor("2026年因病返贫", "county-office", new DateOnly(2026, 3, 1));
        Assert.True(closed.Succeeded);
        Assert.False(flag.IsOpen);
        Assert.Equal(FlagEnding.BecamePoor, flag.Ending);
        Assert.Equal(new DateOnly(2026, 3, 1), flag.RemovedOn);
        Assert.Contains("纳入贫困户帮扶", flag.RemovalReason, StringComparison.Ordinal);
        Assert.False(flag.CloseAsPoor("again", "x", Today).Succeeded);
    }
}
