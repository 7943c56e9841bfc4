using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Households.Domain;
using static Platform.Households.Tests.Domain.DomainFactory;

namespace Platform.Households.Tests.Domain;

/// <summary>
/// domain.md: "village democratic review (民主评议) → check by the village committee and the village work team →
/// the household confirms → public notice in the village (公示, at least a week, no objection upheld) →
/// announcement (公告) → marked exited in the registry. No step may be skipped; each is recorded with who and
/// when, and an objection sends the case back."
/// </summary>
public class ExitProcedureTests
{
    private static readonly DateOnly Review = new(2020, 10, 10);

    private static (ExitBatch Batch, Household[] Households) Batch(int households = 2)
    {
        var members = Enumerable.Range(0, households).Select(_ => Household()).ToArray();
        var batch = ExitBatch.Open(1, 2020, "2020年第一批", "village-cadre", Now);
        foreach (var h in members)
        {
            Assert.True(batch.Propose(h.Id, Review, "village-cadre", Now).Succeeded);
        }

        return (batch, members);
    }

    private static Dictionary<Guid, StoredVerdict> Verdicts(IEnumerable<Household> households, bool eligible = true) =>
        households.ToDictionary(h => h.Id, h =>
        {
            var verdict = ExitEligibility.Assess(2020, 2, [IncomeOf(h.Id, 2020, IncomeKind.Wage, eligible ? 9000m : 6000m)], AllMet(h.Id), 4000m);
            return new StoredVerdict(verdict, "{\"eligible\":" + (verdict.Eligible ? "true" : "false") + "}");
        });

    private static void RunUntilNotice((ExitBatch Batch, Household[] Households) b)
    {
        Assert.False(b.Batch.Review(Review, "主持人", "村民代表会议", Today, Now).Failed);
        Assert.False(b.Batch.Check(Verdicts(b.Households), Review.AddDays(5), "工作队", null, Today, Now).Failed);
        Assert.False(b.Batch.Confirm(null, Review.AddDays(6), "户主签字", null, Today, Now).Failed);
        Assert.False(b.Batch.PublishNotice(Review.AddDays(7), Review.AddDays(14), "村委会", null, Today, Now).Failed);
    }

    [Fact]
    public void The_whole_procedure_in_order_exits_every_household_and_records_each_step_with_who_and_when()
    {
        var b = Batch();
        RunUntilNotice(b);
        Assert.False(b.Batch.Announce(Verdicts(b.Households), Review.AddDays(15), "乡镇", null, Today, Now).Failed);
        var exit = b.Batch.MarkExited(Verdicts(b.Households), Review.AddDays(20), "县扶贫办", null, Today, Now);

        Assert.False(exit.Failed);
        Assert.Equal(2, exit.Exited.Count);
        Assert.All(b.Batch.Cases, c => Assert.Equal(ExitCaseState.Exited, c.State));
        Assert.Contains(b.Batch.Steps, s => s.Step == ExitStep.Review && s.By == "主持人" && s.On == Review && s.CaseId == null);
        Assert.Equal(2, b.Batch.Steps.Count(s => s.Step == ExitStep.Check && s.Verdict != null)); // the verdict is stored with the step
        Assert.Equal(2, b.Batch.Steps.Count(s => s.Step == ExitStep.Exit && s.Verdict != null));
    }

    [Fact]
    public void No_step_may_be_skipped()
    {
        var b = Batch();
        var check = b.Batch.Check(Verdicts(b.Households), Review, "工作队", null, Today, Now);
        Assert.True(check.Failed);
        Assert.Contains(check.Errors, e => e.Error.Contains("不能跳过步骤", StringComparison.Ordinal));
        Assert.True(b.Batch.PublishNotice(Review, Review.AddDays(7), "村委会", null, Today, Now).Failed);
        Assert.True(b.Batch.Announce(Verdicts(b.Households), Review, "乡镇", null, Today, Now).Failed);
        Assert.True(b.Batch.MarkExited(Verdicts(b.Households), Review, "县", null, Today, Now).Failed);
        Assert.True(b.Batch.Confirm(null, Review, "户主", null, Today, Now).Failed);
        Assert.All(b.Batch.Cases, c => Assert.Equal(ExitCaseState.Proposed, c.State));
        Assert.DoesNotContain(b.Batch.Steps, s => s.Step != ExitStep.Proposal);
    }

    [Fact]
    public void An_ineligible_household_stops_the_check_and_is_named_until_the_village_withdraws_it()
    {
        var b = Batch();
        Assert.False(b.Batch.Review(Review, "主持人", null, Today, Now).Failed);
        var verdicts = Verdicts(b.Households);
        verdicts[b.Households[1].Id] = Verdicts([b.Households[1]], eligible: false)[b.Households[1].Id];

        var refused = b.Batch.Check(verdicts, Review.AddDays(1), "工作队", null, Today, Now);
        Assert.True(refused.Failed);
        Assert.Contains(refused.Errors, e => e.HouseholdId == b.Households[1].Id && e.Error.Contains("不符合脱贫标准", StringComparison.Ordinal));
        Assert.All(b.Batch.Cases, c => Assert.Equal(ExitCaseState.Reviewed, c.State)); // nothing half-applied

        Assert.False(b.Batch.Withdraw(b.Households[1].Id, "人均纯收入未达标", Review.AddDays(1), "村委会", Today, Now).Failed);
        Assert.False(b.Batch.Check(verdicts, Review.AddDays(1), "工作队", null, Today, Now).Failed);
        Assert.Equal(ExitCaseState.Returned, b.Batch.Cases.Single(c => c.HouseholdId == b.Households[1].Id).State);
    }

    [Fact]
    public void A_household_that_became_ineligible_during_the_notice_is_not_announced()
    {
        var b = Batch();
        RunUntilNotice(b);
        var refused = b.Batch.Announce(Verdicts(b.Households, eligible: false), Review.AddDays(15), "乡镇", null, Today, Now);
        Assert.True(refused.Failed);
        Assert.All(b.Batch.Cases, c => Assert.Equal(ExitCaseState.Publicised, c.State));
    }

    [Fact]
    public void The_notice_lasts_at_least_a_week_and_the_announcement_waits_until_it_ends()
    {
        var b = Batch();
        Assert.False(b.Batch.Review(Review, "主持人", null, Today, Now).Failed);
        Assert.False(b.Batch.Check(Verdicts(b.Households), Review, "工作队", null, Today, Now).Failed);
        Assert.False(b.Batch.Confirm(null, Review, "户主", null, Today, Now).Failed);
        var tooShort = b.Batch.PublishNotice(Review, Review.AddDays(6), "村委会", null, Today, Now);
        Assert.Contains(tooShort.Errors, e => e.Field == "until");

        Assert.False(b.Batch.PublishNotice(Review, Review.AddDays(7), "村委会", null, Today, Now).Failed);
        var early = b.Batch.Announce(Verdicts(b.Households), Review.AddDays(7), "乡镇", null, Today, Now);
        Assert.Contains(early.Errors, e => e.Error.Contains("期满后方可公告", StringComparison.Ordinal));
    }

    [Fact]
    public void An_upheld_objection_sends_the_case_back_and_an_open_one_holds_the_announcement()
    {
        var b = Batch();
        RunUntilNotice(b);
        var objected = b.Batch.Object(b.Households[0].Id, Review.AddDays(8), "村民代表", "该户家中仍有大病患者，收入不稳定", "村委会", Today, Now);
        Assert.False(objected.Failed);
        var held = b.Batch.Announce(Verdicts(b.Households), Review.AddDays(15), "乡镇", null, Today, Now);
        Assert.Contains(held.Errors, e => e.HouseholdId == b.Households[0].Id && e.Error.Contains("异议尚未处理", StringComparison.Ordinal));

        Assert.False(b.Batch.ResolveObjection(objected.Objection!.Id, upheld: true, "经核实异议属实", Review.AddDays(10), "乡镇", Today, Now).Failed);
        var sentBack = b.Batch.Cases.Single(c => c.HouseholdId == b.Households[0].Id);
        Assert.Equal(ExitCaseState.Returned, sentBack.State);
        Assert.False(b.Batch.Announce(Verdicts(b.Households), Review.AddDays(15), "乡镇", null, Today, Now).Failed);
        var exit = b.Batch.MarkExited(Verdicts(b.Households), Review.AddDays(16), "县", null, Today, Now);
        Assert.Equal(b.Households[1].Id, Assert.Single(exit.Exited).HouseholdId);
    }

    [Fact]
    public void Steps_are_dated_in_order_and_never_in_the_future()
    {
        var b = Batch();
        Assert.Contains(b.Batch.Review(Today.AddDays(1), "主持人", null, Today, Now).Errors, e => e.Field == "on");
        Assert.Contains(b.Batch.Review(new DateOnly(2019, 12, 31), "主持人", null, Today, Now).Errors, e => e.Field == "on");
        Assert.False(b.Batch.Review(Review, "主持人", null, Today, Now).Failed);
        Assert.Contains(b.Batch.Check(Verdicts(b.Households), Review.AddDays(-1), "工作队", null, Today, Now).Errors, e => e.Field == "on");
    }

    [Fact]
    public void Returning_to_poverty_keeps_the_first_exit_year_and_exit_by_hand_is_refused()
    {
        // Issue: "Returning to poverty is recorded, never deleting history; the first exit year is kept."
        var household = Household();
        Assert.False(household.ChangeStatus(HouseholdStatus.Exited, "验收通过", 2018, Now).Succeeded);
        Assert.False(household.ChangeStatus(HouseholdStatus.Monitored, "监测", 2018, Now).Succeeded);
        Assert.True(household.MarkExited(2018, Now).Succeeded);
        Assert.True(household.ChangeStatus(HouseholdStatus.Poor, "因病返贫", 2021, Now).Succeeded);
        Assert.Equal(2018, household.FirstExitYear);
        Assert.Null(household.ExitYear);
        Assert.True(household.MarkExited(2020, Now).Succeeded);
        Assert.Equal((2020, 2018), (household.ExitYear!.Value, household.FirstExitYear!.Value));
        Assert.False(household.MarkExited(2020, Now).Succeeded); // only a poor household exits
    }
}
