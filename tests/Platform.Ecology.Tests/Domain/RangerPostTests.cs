using Platform.Contracts.Ecology;
using Platform.Ecology.Domain;

namespace Platform.Ecology.Tests.Domain;

/// <summary>
/// A post through its year: "contracts, patrol records, yearly assessment, dismissal; pay → wage income of
/// the household (a public-welfare post), counted once" (the database's part of "once" is in RangerApiTests).
/// </summary>
public class RangerPostTests
{
    [Fact]
    public void A_post_ends_once_on_a_day_inside_its_contract()
    {
        var post = Rules.Post(2026, new DateOnly(2026, 3, 1));
        Assert.False(post.End(RangerPostEndReason.Resigned, new DateOnly(2026, 2, 28), null, "tests").Succeeded);
        Assert.Contains("合同已于2026年12月31日到期", post.End(RangerPostEndReason.Resigned, new DateOnly(2027, 1, 2), null, "tests").Error, StringComparison.Ordinal);
        Assert.True(post.InPost);

        Assert.True(post.End(RangerPostEndReason.Died, new DateOnly(2026, 6, 10), "死亡", "registry").Succeeded);
        Assert.False(post.InPost);
        Assert.Equal((new DateOnly(2026, 6, 10), RangerPostEndReason.Died), (post.EndedOn!.Value, post.EndReason!.Value));
        Assert.Contains("已于2026年6月10日终止（死亡）", post.End(RangerPostEndReason.Dismissed, new DateOnly(2026, 7, 1), null, "tests").Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1, 12, 31, 4000)]
    [InlineData(3, 15, 12, 31, 3333.33)]
    [InlineData(1, 1, 6, 10, 2000)]
    [InlineData(6, 30, 6, 30, 333.33)]
    public void The_year_s_pay_is_the_yearly_pay_for_each_month_begun_in_post(int startMonth, int startDay, int lastMonth, int lastDay, decimal due)
    {
        // 按月计发: each month the ranger was in post, counting the month begun.
        Assert.Equal(due, RangerRules.PayDue(4000m, new DateOnly(2026, startMonth, startDay), new DateOnly(2026, lastMonth, lastDay)));
    }

    [Fact]
    public void A_post_ended_early_is_paid_for_its_months_only()
    {
        var post = Rules.Post(2025);
        post.End(RangerPostEndReason.MovedAway, new DateOnly(2025, 4, 20), null, "registry");
        Assert.Equal(1333.33m, post.PayDue);
    }

    [Fact]
    public void Pay_is_the_amount_due_unless_given_and_never_more_nor_a_zero_nor_a_fraction_of_a_fen()
    {
        var post = Rules.Post(2025);
        Assert.True(RangerPay.Check(post, null, new DateOnly(2025, 12, 20), Rules.Today, out var paid).Succeeded);
        Assert.Equal(4000m, paid);
        Assert.True(RangerPay.Check(post, 3600m, new DateOnly(2025, 12, 20), Rules.Today, out paid).Succeeded);
        Assert.Equal(3600m, paid);
        Assert.Contains("不能超过按在岗月数应发的4000.00元", RangerPay.Check(post, 4000.01m, new DateOnly(2025, 12, 20), Rules.Today, out _).Error, StringComparison.Ordinal);
        Assert.Equal("amount", RangerPay.Check(post, 0m, new DateOnly(2025, 12, 20), Rules.Today, out _).Field);
        Assert.Equal("amount", RangerPay.Check(post, 100.005m, new DateOnly(2025, 12, 20), Rules.Today, out _).Field);
        Assert.Equal("paidOn", RangerPay.Check(post, null, new DateOnly(2024, 12, 20), Rules.Today, out _).Field);
        Assert.Equal("paidOn", RangerPay.Check(Rules.Post(2026), null, Rules.Today.AddDays(1), Rules.Today, out _).Field);
    }

    [Fact]
    public void A_patrol_is_on_a_day_in_post_not_in_the_future_with_plausible_hours_and_distance()
    {
        var post = Rules.Post(2026, new DateOnly(2026, 3, 1));
        Assert.True(Patrol.Check(post, new DateOnly(2026, 3, 1), 4.5m, 12.3m, Rules.Today).Succeeded);
        Assert.Equal("patrolledOn", Patrol.Check(post, new DateOnly(2026, 2, 28), null, null, Rules.Today).Field);
        Assert.Equal("patrolledOn", Patrol.Check(post, Rules.Today.AddDays(1), null, null, Rules.Today).Field);
        Assert.Equal("hours", Patrol.Check(post, Rules.Today, 25m, null, Rules.Today).Field);
        Assert.Equal("distanceKm", Patrol.Check(post, Rules.Today, null, 0m, Rules.Today).Field);

        post.End(RangerPostEndReason.Dismissed, new DateOnly(2026, 9, 30), null, "tests");
        Assert.Contains("在岗期间", Patrol.Check(post, new DateOnly(2026, 10, 1), null, null, Rules.Today).Error, StringComparison.Ordinal);
        Assert.True(Patrol.Check(post, new DateOnly(2026, 9, 30), null, null, Rules.Today).Succeeded);
    }

    [Fact]
    public void The_yearly_assessment_is_once_from_1_December_and_unqualified_dismisses_the_ranger()
    {
        var post = Rules.Post(2026);
        Assert.Contains("2026年12月1日起", post.Assess(AssessmentGrade.Qualified, new DateOnly(2026, 11, 30), null, "tests", Rules.Today).Error, StringComparison.Ordinal);
        Assert.Equal("assessedOn", post.Assess(AssessmentGrade.Qualified, new DateOnly(2026, 12, 2), null, "tests", Rules.Today).Field);

        var failed = Rules.Post(2025);
        Assert.True(failed.Assess(AssessmentGrade.Unqualified, new DateOnly(2025, 12, 10), "巡护记录缺失", "tests", Rules.Today).Succeeded);
        Assert.Equal((RangerPostEndReason.Dismissed, new DateOnly(2025, 12, 10)), (failed.EndReason!.Value, failed.EndedOn!.Value));
        Assert.Contains("已评定为“不合格”", failed.Assess(AssessmentGrade.Excellent, new DateOnly(2025, 12, 11), null, "tests", Rules.Today).Error, StringComparison.Ordinal);

        var late = Rules.Post(2024);
        Assert.True(late.Assess(AssessmentGrade.Unqualified, new DateOnly(2025, 1, 5), null, "tests", Rules.Today).Succeeded);
        Assert.Equal(new DateOnly(2024, 12, 31), late.EndedOn);

        var good = Rules.Post(2025);
        Assert.True(good.Assess(AssessmentGrade.Excellent, new DateOnly(2025, 12, 10), null, "tests", Rules.Today).Succeeded);
        Assert.True(good.InPost);
    }

    [Fact]
    public void A_quota_is_never_set_under_the_rangers_in_post()
    {
        Assert.True(RangerQuota.Check(10, 10).Succeeded);
        Assert.Contains("不能少于在岗护林员人数（10人）", RangerQuota.Check(9, 10).Error, StringComparison.Ordinal);
        Assert.False(RangerQuota.Check(-1, 0).Succeeded);
    }

    [Fact]
    public void A_ranger_who_can_no_longer_work_is_not_able_but_one_who_merely_aged_keeps_the_post()
    {
        // The reactions end a post for lost labour ability (Able), not for a birthday within the contract year.
        Assert.False(RangerRules.Able(Rules.Person(labour: "none"), Rules.Policy).Succeeded);
        Assert.False(RangerRules.Able(Rules.Person(health: "serious"), Rules.Policy).Succeeded);
        Assert.True(RangerRules.Able(Rules.Person(age: 70), Rules.Policy).Succeeded);
    }
}
