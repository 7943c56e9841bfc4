using Platform.Contracts;

namespace Platform.Households.Domain;

/// <summary>The steps of the household exit procedure (2016 national rules on exit), and what can happen on the way.</summary>
public enum ExitStep
{
    /// <summary>纳入退出计划: the household is put in a village's batch.</summary>
    Proposal = 0,

    /// <summary>民主评议: the village's meeting reviews the batch.</summary>
    Review = 1,

    /// <summary>村委会和驻村工作队核实: each household checked against the exit standard (the verdict is stored).</summary>
    Check = 2,

    /// <summary>贫困户认可: the household confirms (signs).</summary>
    Confirmation = 3,

    /// <summary>公示: public notice in the village, at least seven days.</summary>
    Notice = 4,

    /// <summary>异议: an objection raised during the notice.</summary>
    Objection = 5,

    /// <summary>异议处理: an objection resolved (upheld: the case goes back; dismissed: it goes on).</summary>
    ObjectionResolved = 6,

    /// <summary>公告: announcement once the notice ended with no objection pending (eligibility checked again).</summary>
    Announcement = 7,

    /// <summary>销号: marked exited in the registry (eligibility checked again).</summary>
    Exit = 8,

    /// <summary>退回: the case left the batch (an objection upheld, not approved, or withdrawn by the village).</summary>
    Withdrawal = 9,
}

/// <summary>Where a household's exit case stands.</summary>
public enum ExitCaseState
{
    Proposed = 0,
    Reviewed = 1,
    Checked = 2,
    Confirmed = 3,
    Publicised = 4,
    Announced = 5,
    Exited = 6,

    /// <summary>Sent back (an objection upheld) or withdrawn: the household stays poor and may be proposed again later.</summary>
    Returned = 7,
}

/// <summary>A step as recorded: which, when it happened, who did it, when it was recorded, the verdict where one was made.</summary>
public sealed class ExitStepRecord
{
    public long Id { get; private set; }

    public required Guid BatchId { get; init; }

    /// <summary>The household's case, or null for a step of the whole batch (review, notice, announcement).</summary>
    public Guid? CaseId { get; init; }

    public required ExitStep Step { get; init; }

    public required DateOnly On { get; init; }

    public required string By { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public string? Note { get; init; }

    /// <summary>The verdict made at this step (check, announcement, exit), as JSON.</summary>
    public string? Verdict { get; init; }
}

/// <summary>An objection raised during the notice (公示异议) and how it was resolved.</summary>
public sealed class ExitObjection
{
    public required Guid Id { get; init; }

    public required Guid CaseId { get; init; }

    public required DateOnly RaisedOn { get; init; }

    /// <summary>Who objected, as the village recorded it (e.g. 村民代表).</summary>
    public required string RaisedBy { get; init; }

    public required string Content { get; init; }

    public DateOnly? ResolvedOn { get; private set; }

    public string? ResolvedBy { get; private set; }

    public bool? Upheld { get; private set; }

    public string? Resolution { get; private set; }

    public bool IsOpen => ResolvedOn is null;

    internal void Resolve(bool upheld, string resolution, DateOnly on, string by)
    {
        Upheld = upheld;
        Resolution = resolution;
        ResolvedOn = on;
        ResolvedBy = by;
    }
}

/// <summary>One household in a batch.</summary>
public sealed class ExitCase
{
    public required Guid Id { get; init; }

    public required Guid BatchId { get; init; }

    public required Guid HouseholdId { get; init; }

    public ExitCaseState State { get; internal set; }

    /// <summary>家庭人口 in the verdict of the latest check (the people this exit counts).</summary>
    public int People { get; internal set; }

    public string? ReturnReason { get; internal set; }

    public List<ExitObjection> Objections { get; } = [];

    public bool IsActive => State < ExitCaseState.Exited;
}

/// <summary>
/// A village's exit batch for one year (贫困户退出批次): the village reviews many households at once.
/// The procedure is a state machine — 民主评议 → 村委会和驻村工作队核实 → 户确认 → 公示 (≥ 7 days, objections
/// recorded and resolved) → 公告 → 销号 — that refuses a skipped step and the exit of an ineligible
/// household; every step is recorded with who and when, and the verdict is stored with the steps that
/// make one. An upheld objection sends the household's case back.
/// </summary>
public sealed class ExitBatch
{
    public const int MinNoticeDays = 7;

    private ExitBatch()
    {
    }

    public Guid Id { get; private set; }

    public int VillageId { get; private set; }

    /// <summary>The year whose income the exit checks (脱贫年度).</summary>
    public int Year { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = string.Empty;

    public DateOnly? ReviewedOn { get; private set; }

    public DateOnly? NoticeFrom { get; private set; }

    public DateOnly? NoticeUntil { get; private set; }

    public DateOnly? AnnouncedOn { get; private set; }

    public DateOnly? ExitedOn { get; private set; }

    public List<ExitCase> Cases { get; } = [];

    public List<ExitStepRecord> Steps { get; } = [];

    public IEnumerable<ExitCase> ActiveCases => Cases.Where(c => c.IsActive);

    public static ExitBatch Open(int villageId, int year, string name, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        VillageId = villageId,
        Year = year,
        Name = name,
        CreatedAt = now,
        CreatedBy = by,
    };

    /// <summary>纳入: a poor household joins the batch before the review (the caller checks it is poor and in no other open case).</summary>
    public RuleResult Propose(Guid householdId, DateOnly on, string by, DateTimeOffset now)
    {
        if (ReviewedOn is not null)
        {
            return RuleResult.Fail("householdIds", "本批次已民主评议，不能再纳入新户；请新建批次");
        }

        if (Cases.Any(c => c.HouseholdId == householdId && c.IsActive))
        {
            return RuleResult.Fail("householdIds", "该户已在本批次中");
        }

        var exitCase = new ExitCase { Id = Guid.CreateVersion7(now), BatchId = Id, HouseholdId = householdId, State = ExitCaseState.Proposed };
        Cases.Add(exitCase);
        Record(exitCase, ExitStep.Proposal, on, by, now, null, null);
        return RuleResult.Ok;
    }

    /// <summary>民主评议: the village meeting reviews every household of the batch at once.</summary>
    public StepOutcome Review(DateOnly on, string by, string? note, DateOnly today, DateTimeOffset now)
    {
        var outcome = Expect(ExitCaseState.Proposed, ExitStep.Review, on, null, today);
        if (outcome.Failed)
        {
            return outcome;
        }

        ReviewedOn = on;
        Advance(ExitCaseState.Reviewed);
        Record(null, ExitStep.Review, on, by, now, note, null);
        return outcome;
    }

    /// <summary>
    /// 核实: each reviewed household checked against the exit standard; an ineligible one stops the step for
    /// the whole batch (naming it and what fails) until the village withdraws it. The verdicts are stored.
    /// </summary>
    public StepOutcome Check(IReadOnlyDictionary<Guid, StoredVerdict> verdicts, DateOnly on, string by, string? note, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var outcome = Expect(ExitCaseState.Reviewed, ExitStep.Check, on, ReviewedOn, today);
        if (outcome.Failed || !AllEligible(verdicts, outcome))
        {
            return outcome;
        }

        foreach (var exitCase in ActiveCases)
        {
            exitCase.State = ExitCaseState.Checked;
            exitCase.People = verdicts[exitCase.HouseholdId].Verdict.HouseholdSize;
            Record(exitCase, ExitStep.Check, on, by, now, note, verdicts[exitCase.HouseholdId].Json);
        }

        return outcome;
    }

    /// <summary>户确认: households confirm one by one (all of the batch by default).</summary>
    public StepOutcome Confirm(IReadOnlyCollection<Guid>? householdIds, DateOnly on, string by, string? note, DateOnly today, DateTimeOffset now)
    {
        var outcome = new StepOutcome();
        var targets = Targets(householdIds, outcome);
        if (outcome.Failed)
        {
            return outcome;
        }

        var latestCheck = Steps.Where(s => s.Step == ExitStep.Check).Select(s => (DateOnly?)s.On).Max();
        CheckDate(on, latestCheck, today, outcome);
        foreach (var exitCase in targets)
        {
            if (exitCase.State != ExitCaseState.Checked)
            {
                outcome.Fail(exitCase.HouseholdId, exitCase.State == ExitCaseState.Confirmed
                    ? "该户已确认"
                    : $"须先完成村委会和驻村工作队核实（当前：{StateName(exitCase.State)}）");
            }
        }

        if (outcome.Failed)
        {
            return outcome;
        }

        foreach (var exitCase in targets)
        {
            exitCase.State = ExitCaseState.Confirmed;
            Record(exitCase, ExitStep.Confirmation, on, by, now, note, null);
        }

        return outcome;
    }

    /// <summary>公示: the notice runs from <paramref name="from"/> to <paramref name="until"/>, at least seven days.</summary>
    public StepOutcome PublishNotice(DateOnly from, DateOnly until, string by, string? note, DateOnly today, DateTimeOffset now)
    {
        var latestConfirmation = Steps.Where(s => s.Step == ExitStep.Confirmation).Select(s => (DateOnly?)s.On).Max();
        var outcome = Expect(ExitCaseState.Confirmed, ExitStep.Notice, from, latestConfirmation, today);
        if (until < from.AddDays(MinNoticeDays))
        {
            outcome.Fail(null, $"公示期不少于{MinNoticeDays}天（{from:yyyy-MM-dd}起至少到{from.AddDays(MinNoticeDays):yyyy-MM-dd}）", "until");
        }

        if (outcome.Failed)
        {
            return outcome;
        }

        NoticeFrom = from;
        NoticeUntil = until;
        Advance(ExitCaseState.Publicised);
        Record(null, ExitStep.Notice, from, by, now, note ?? $"公示至{until:yyyy-MM-dd}", null);
        return outcome;
    }

    /// <summary>异议: recorded against a household during its notice.</summary>
    public StepOutcome Object(Guid householdId, DateOnly on, string raisedBy, string content, string by, DateOnly today, DateTimeOffset now)
    {
        var outcome = new StepOutcome();
        var exitCase = ActiveCases.FirstOrDefault(c => c.HouseholdId == householdId);
        if (exitCase is null)
        {
            outcome.Fail(householdId, "该户不在本批次的退出程序中");
            return outcome;
        }

        if (exitCase.State != ExitCaseState.Publicised)
        {
            outcome.Fail(householdId, "只能在公示期间对公示户提出异议");
            return outcome;
        }

        if (on < NoticeFrom || on > NoticeUntil || on > today)
        {
            outcome.Fail(null, $"异议日期应在公示期内（{NoticeFrom:yyyy-MM-dd}至{NoticeUntil:yyyy-MM-dd}）且不晚于今天", "on");
            return outcome;
        }

        var objection = new ExitObjection
        {
            Id = Guid.CreateVersion7(now), CaseId = exitCase.Id, RaisedOn = on, RaisedBy = raisedBy, Content = content,
        };
        exitCase.Objections.Add(objection);
        Record(exitCase, ExitStep.Objection, on, by, now, $"{raisedBy}：{content}", null);
        outcome.Objection = objection;
        return outcome;
    }

    /// <summary>异议处理: an upheld objection sends the case back (the household stays poor); a dismissed one lets it go on.</summary>
    public StepOutcome ResolveObjection(Guid objectionId, bool upheld, string resolution, DateOnly on, string by, DateOnly today, DateTimeOffset now)
    {
        var outcome = new StepOutcome();
        var exitCase = Cases.FirstOrDefault(c => c.Objections.Any(o => o.Id == objectionId));
        var objection = exitCase?.Objections.Single(o => o.Id == objectionId);
        if (exitCase is null || objection is null)
        {
            outcome.Fail(null, "异议不存在", "objectionId");
            return outcome;
        }

        if (!objection.IsOpen)
        {
            outcome.Fail(null, "该异议已处理", "objectionId");
            return outcome;
        }

        CheckDate(on, objection.RaisedOn, today, outcome);
        if (outcome.Failed)
        {
            return outcome;
        }

        objection.Resolve(upheld, resolution, on, by);
        Record(exitCase, ExitStep.ObjectionResolved, on, by, now, (upheld ? "异议成立：" : "异议不成立：") + resolution, null);
        if (upheld)
        {
            Return(exitCase, "公示异议成立，退回：" + resolution, on, by, now);
        }

        return outcome;
    }

    /// <summary>退回: the village takes a household out of the batch (not approved by the review, not eligible…).</summary>
    public StepOutcome Withdraw(Guid householdId, string reason, DateOnly on, string by, DateOnly today, DateTimeOffset now)
    {
        var outcome = new StepOutcome();
        var exitCase = ActiveCases.FirstOrDefault(c => c.HouseholdId == householdId);
        if (exitCase is null)
        {
            outcome.Fail(householdId, "该户不在本批次的退出程序中（或已退出、已退回）");
            return outcome;
        }

        CheckDate(on, null, today, outcome);
        if (outcome.Failed)
        {
            return outcome;
        }

        Return(exitCase, reason, on, by, now);
        return outcome;
    }

    /// <summary>公告: once the notice has ended with no objection pending; each household checked again (stored).</summary>
    public StepOutcome Announce(IReadOnlyDictionary<Guid, StoredVerdict> verdicts, DateOnly on, string by, string? note, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var outcome = Expect(ExitCaseState.Publicised, ExitStep.Announcement, on, NoticeFrom, today);
        if (NoticeUntil is { } until && on <= until)
        {
            outcome.Fail(null, $"公示期至{until:yyyy-MM-dd}，期满后方可公告", "on");
        }

        foreach (var exitCase in ActiveCases.Where(c => c.Objections.Any(o => o.IsOpen)))
        {
            outcome.Fail(exitCase.HouseholdId, "公示异议尚未处理");
        }

        if (outcome.Failed || !AllEligible(verdicts, outcome))
        {
            return outcome;
        }

        AnnouncedOn = on;
        foreach (var exitCase in ActiveCases)
        {
            exitCase.State = ExitCaseState.Announced;
            Record(exitCase, ExitStep.Announcement, on, by, now, note, verdicts[exitCase.HouseholdId].Json);
        }

        Record(null, ExitStep.Announcement, on, by, now, note, null);
        return outcome;
    }

    /// <summary>
    /// 销号: the announced households are marked exited in the registry (the caller marks each household);
    /// each checked again, the verdict stored. Returns the cases that exited.
    /// </summary>
    public StepOutcome MarkExited(IReadOnlyDictionary<Guid, StoredVerdict> verdicts, DateOnly on, string by, string? note, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var outcome = Expect(ExitCaseState.Announced, ExitStep.Exit, on, AnnouncedOn, today);
        if (outcome.Failed || !AllEligible(verdicts, outcome))
        {
            return outcome;
        }

        ExitedOn = on;
        foreach (var exitCase in ActiveCases.ToList())
        {
            exitCase.State = ExitCaseState.Exited;
            exitCase.People = verdicts[exitCase.HouseholdId].Verdict.HouseholdSize;
            Record(exitCase, ExitStep.Exit, on, by, now, note, verdicts[exitCase.HouseholdId].Json);
            outcome.Exited.Add(exitCase);
        }

        return outcome;
    }

    /// <summary>The state every active case must be in for a batch step; at least one active case; dates in order.</summary>
    private StepOutcome Expect(ExitCaseState expected, ExitStep step, DateOnly on, DateOnly? notBefore, DateOnly today)
    {
        var outcome = new StepOutcome();
        var active = ActiveCases.ToList();
        if (active.Count == 0)
        {
            outcome.Fail(null, "本批次没有在办的户", "householdIds");
            return outcome;
        }

        foreach (var exitCase in active.Where(c => c.State != expected))
        {
            outcome.Fail(exitCase.HouseholdId, exitCase.State > expected
                ? $"{StepName(step)}已完成或已越过（当前：{StateName(exitCase.State)}）"
                : $"不能跳过步骤：{StepName(step)}前须先完成{StateName(expected)}（当前：{StateName(exitCase.State)}）");
        }

        CheckDate(on, notBefore, today, outcome);
        return outcome;
    }

    private void CheckDate(DateOnly on, DateOnly? notBefore, DateOnly today, StepOutcome outcome)
    {
        if (on > today)
        {
            outcome.Fail(null, "日期不能晚于今天", "on");
        }
        else if (on < new DateOnly(Year, 1, 1))
        {
            outcome.Fail(null, $"日期不能早于脱贫年度{Year}年", "on");
        }
        else if (notBefore is { } earliest && on < earliest)
        {
            outcome.Fail(null, $"日期不能早于上一步骤（{earliest:yyyy-MM-dd}）", "on");
        }
    }

    private bool AllEligible(IReadOnlyDictionary<Guid, StoredVerdict> verdicts, StepOutcome outcome)
    {
        foreach (var exitCase in ActiveCases)
        {
            if (!verdicts.TryGetValue(exitCase.HouseholdId, out var verdict))
            {
                outcome.Fail(exitCase.HouseholdId, "缺少该户的脱贫评估");
            }
            else if (!verdict.Verdict.Eligible)
            {
                outcome.Fail(exitCase.HouseholdId, "不符合脱贫标准：" + string.Join("；", verdict.Verdict.Failures));
            }
        }

        return !outcome.Failed;
    }

    private List<ExitCase> Targets(IReadOnlyCollection<Guid>? householdIds, StepOutcome outcome)
    {
        if (householdIds is null || householdIds.Count == 0)
        {
            var active = ActiveCases.ToList();
            if (active.Count == 0)
            {
                outcome.Fail(null, "本批次没有在办的户", "householdIds");
            }

            return active;
        }

        var targets = new List<ExitCase>();
        foreach (var id in householdIds.Distinct())
        {
            var exitCase = ActiveCases.FirstOrDefault(c => c.HouseholdId == id);
            if (exitCase is null)
            {
                outcome.Fail(id, "该户不在本批次的退出程序中");
            }
            else
            {
                targets.Add(exitCase);
            }
        }

        return targets;
    }

    private void Advance(ExitCaseState to)
    {
        foreach (var exitCase in ActiveCases)
        {
            exitCase.State = to;
        }
    }

    private void Return(ExitCase exitCase, string reason, DateOnly on, string by, DateTimeOffset now)
    {
        exitCase.State = ExitCaseState.Returned;
        exitCase.ReturnReason = reason;
        Record(exitCase, ExitStep.Withdrawal, on, by, now, reason, null);
    }

    private void Record(ExitCase? exitCase, ExitStep step, DateOnly on, string by, DateTimeOffset now, string? note, string? verdict) =>
        Steps.Add(new ExitStepRecord { BatchId = Id, CaseId = exitCase?.Id, Step = step, On = on, By = by, RecordedAt = now, Note = note, Verdict = verdict });

    public static string StepName(ExitStep step) => step switch
    {
        ExitStep.Proposal => "纳入退出计划",
        ExitStep.Review => "民主评议",
        ExitStep.Check => "村委会和驻村工作队核实",
        ExitStep.Confirmation => "贫困户认可",
        ExitStep.Notice => "公示",
        ExitStep.Objection => "公示异议",
        ExitStep.ObjectionResolved => "异议处理",
        ExitStep.Announcement => "公告",
        ExitStep.Exit => "退出销号",
        ExitStep.Withdrawal => "退回",
        _ => step.ToString(),
    };

    public static string StateName(ExitCaseState state) => state switch
    {
        ExitCaseState.Proposed => "已纳入计划",
        ExitCaseState.Reviewed => "民主评议",
        ExitCaseState.Checked => "村委会和驻村工作队核实",
        ExitCaseState.Confirmed => "贫困户认可",
        ExitCaseState.Publicised => "公示",
        ExitCaseState.Announced => "公告",
        ExitCaseState.Exited => "已退出",
        ExitCaseState.Returned => "已退回",
        _ => state.ToString(),
    };
}

/// <summary>A verdict and its stored form (JSON), made by the caller for each household.</summary>
public sealed record StoredVerdict(ExitVerdict Verdict, string Json);

/// <summary>A procedure step's result: done, or refused with the household and field at fault and why.</summary>
public sealed class StepOutcome
{
    public List<(Guid? HouseholdId, string Field, string Error)> Errors { get; } = [];

    public List<ExitCase> Exited { get; } = [];

    public ExitObjection? Objection { get; set; }

    public bool Failed => Errors.Count > 0;

    public void Fail(Guid? householdId, string error, string field = "householdIds") => Errors.Add((householdId, field, error));
}
