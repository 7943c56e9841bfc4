using System.Globalization;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;

namespace Platform.Households.Domain;

/// <summary>帮扶措施 categories (the national list).</summary>
public enum MeasureCategory
{
    /// <summary>产业帮扶.</summary>
    Industry = 1,

    /// <summary>就业帮扶.</summary>
    Employment = 2,

    /// <summary>教育帮扶.</summary>
    Education = 3,

    /// <summary>健康帮扶.</summary>
    Health = 4,

    /// <summary>金融帮扶 (小额信贷).</summary>
    Finance = 5,

    /// <summary>生态帮扶.</summary>
    Ecology = 6,

    /// <summary>易地扶贫搬迁.</summary>
    Relocation = 7,

    /// <summary>危房改造.</summary>
    HousingRenovation = 8,

    /// <summary>民政兜底.</summary>
    CivilAffairsFloor = 9,

    /// <summary>残疾人兜底.</summary>
    DisabilityFloor = 10,

    /// <summary>村基础设施.</summary>
    VillageInfrastructure = 11,
}

/// <summary>How a monitoring flag ended.</summary>
public enum FlagEnding
{
    /// <summary>风险消除: the cause resolved and income stable above the monitoring line for the months required.</summary>
    RiskEliminated = 1,

    /// <summary>返贫 (or a monitored household identified as poor): helped as a poor household from then on, no longer monitored.</summary>
    BecamePoor = 2,
}

/// <summary>An assistance measure (帮扶措施) for a household, and the monitoring flag it answers, if any.</summary>
public sealed class AssistanceMeasure
{
    public required Guid Id { get; init; }

    public required Guid HouseholdId { get; init; }

    public Guid? FlagId { get; init; }

    public required MeasureCategory Category { get; init; }

    public required string Description { get; init; }

    public required DateOnly StartedOn { get; init; }

    public required string By { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>
/// A report that may bring a household to monitoring: a pillar's large expense, a cadre's visit, the
/// household's own application. (Source, SourceRecordId) identifies a pillar's report: counted once.
/// </summary>
public sealed class MonitoringSignal
{
    public required Guid Id { get; init; }

    public required Guid HouseholdId { get; init; }

    public Guid? FlagId { get; set; }

    public required MonitoringTrigger Trigger { get; init; }

    public Pillar? Source { get; init; }

    public string? SourceRecordId { get; init; }

    public ExpenseKind? ExpenseKind { get; init; }

    /// <summary>The out-of-pocket amount of a large expense, in yuan.</summary>
    public decimal? Amount { get; init; }

    public bool AboveThreshold { get; init; }

    public required DateOnly On { get; init; }

    public required string Description { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A review of a flagged household (帮扶回访): its per-capita income against the monitoring line, and whether the cause is resolved.</summary>
public sealed class MonitoringReview
{
    public required Guid Id { get; init; }

    public required Guid FlagId { get; init; }

    public required DateOnly On { get; init; }

    public required string By { get; init; }

    public required decimal PerCapitaIncome { get; init; }

    public required decimal MonitoringLine { get; init; }

    public bool AboveLine => PerCapitaIncome > MonitoringLine;

    public required bool CauseResolved { get; init; }

    public string? Note { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>
/// 防返贫监测标识: a household flagged as 脱贫不稳定户, 边缘易致贫户 or 突发严重困难户, with its source, the measures
/// taken and the reviews. Removed (风险消除) only when the cause is resolved and income has been stable
/// above the monitoring line for the configured months (about six); the record is kept.
/// </summary>
public sealed class MonitoringFlag
{
    private MonitoringFlag()
    {
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public MonitoringCategory Category { get; private set; }

    public MonitoringTrigger Trigger { get; private set; }

    public string Reason { get; private set; } = string.Empty;

    public DateOnly RaisedOn { get; private set; }

    public string RaisedBy { get; private set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>Since when every review found income above the monitoring line, with no new hardship since; null while not.</summary>
    public DateOnly? StableSince { get; private set; }

    public bool CauseResolved { get; private set; }

    public DateOnly? LastReviewedOn { get; private set; }

    public DateOnly? RemovedOn { get; private set; }

    public string? RemovedBy { get; private set; }

    public string? RemovalReason { get; private set; }

    /// <summary>Why the flag ended (null while open).</summary>
    public FlagEnding? Ending { get; private set; }

    public bool IsOpen => RemovedOn is null;

    public List<MonitoringReview> Reviews { get; } = [];

    /// <summary>
    /// 纳入监测. 脱贫不稳定户 is an exited household; 边缘易致贫户 and 突发严重困难户 are households entered for
    /// monitoring without ever being registered as poor; a poor household is helped as poor, not monitored.
    /// One open flag per household (the caller checks the database).
    /// </summary>
    public static (MonitoringFlag? Flag, RuleResult Result) Raise(
        Guid householdId,
        HouseholdStatus householdStatus,
        MonitoringCategory category,
        MonitoringTrigger trigger,
        string reason,
        DateOnly on,
        string by,
        DateOnly today,
        DateTimeOffset now)
    {
        var result = CategoryFits(householdStatus, category);
        if (!result.Succeeded)
        {
            return (null, result);
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            return (null, RuleResult.Fail("reason", "请填写纳入监测的原因（不超过500字）"));
        }

        if (on > today)
        {
            return (null, RuleResult.Fail("on", "纳入监测日期不能晚于今天"));
        }

        return (new MonitoringFlag
        {
            Id = Guid.CreateVersion7(now),
            HouseholdId = householdId,
            Category = category,
            Trigger = trigger,
            Reason = reason.Trim(),
            RaisedOn = on,
            RaisedBy = by,
            RecordedAt = now,
        }, RuleResult.Ok);
    }

    /// <summary>The category a household of this status falls in when a hardship brings it to monitoring.</summary>
    public static MonitoringCategory? CategoryFor(HouseholdStatus householdStatus, MonitoringTrigger trigger) => householdStatus switch
    {
        HouseholdStatus.Exited => MonitoringCategory.UnstableExited,
        HouseholdStatus.Monitored => trigger == MonitoringTrigger.IncomeBelowLine ? MonitoringCategory.Edge : MonitoringCategory.SuddenHardship,
        _ => null,
    };

    public static RuleResult CategoryFits(HouseholdStatus householdStatus, MonitoringCategory category) => (householdStatus, category) switch
    {
        (HouseholdStatus.Poor, _) => RuleResult.Fail("householdId", "贫困户尚未脱贫，按贫困户帮扶，不纳入防返贫监测"),
        (HouseholdStatus.Exited, MonitoringCategory.UnstableExited) => RuleResult.Ok,
        (HouseholdStatus.Exited, _) => RuleResult.Fail("category", "已脱贫户纳入监测的类别为脱贫不稳定户（unstable-exited）"),
        (HouseholdStatus.Monitored, MonitoringCategory.UnstableExited) => RuleResult.Fail("category", "脱贫不稳定户须是已脱贫户；未建档立卡的户为边缘易致贫户或突发严重困难户"),
        _ => RuleResult.Ok,
    };

    /// <summary>A new hardship while flagged (another large expense…): the cause is open again and stability starts over.</summary>
    public void NewHardship()
    {
        StableSince = null;
        CauseResolved = false;
    }

    /// <summary>帮扶回访: the review's income against the line decides stability; the latest review says whether the cause is resolved.</summary>
    public RuleResult Review(MonitoringReview review, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(review);
        if (!IsOpen)
        {
            return RuleResult.Fail("flagId", "该监测标识已消除");
        }

        if (review.On > today || review.On < RaisedOn)
        {
            return RuleResult.Fail("on", $"回访日期应在纳入监测（{RaisedOn:yyyy-MM-dd}）之后且不晚于今天");
        }

        if (LastReviewedOn is { } last && review.On < last)
        {
            return RuleResult.Fail("on", $"回访日期不能早于上次回访（{last:yyyy-MM-dd}）");
        }

        Reviews.Add(review);
        LastReviewedOn = review.On;
        StableSince = review.AboveLine ? StableSince ?? review.On : null;
        CauseResolved = review.CauseResolved;
        return RuleResult.Ok;
    }

    /// <summary>
    /// 风险消除: only when the latest review found the cause resolved and income above the line, and income
    /// has been above the line (every review since <see cref="StableSince"/>) for <paramref name="stableMonths"/>
    /// months, confirmed by a review at the end of that period.
    /// </summary>
    public RuleResult Remove(string reason, string by, int stableMonths, DateOnly today)
    {
        if (!IsOpen)
        {
            return RuleResult.Fail("flagId", "该监测标识已消除");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            return RuleResult.Fail("reason", "请填写风险消除的依据（不超过500字）");
        }

        if (!CauseResolved)
        {
            return RuleResult.Fail("flagId", "致贫返贫风险尚未消除：最近一次回访未确认风险消除");
        }

        if (StableSince is not { } since)
        {
            return RuleResult.Fail("flagId", "最近一次回访的人均纯收入未超过监测线");
        }

        var due = since.AddMonths(stableMonths);
        if (LastReviewedOn < due)
        {
            return RuleResult.Fail("flagId", string.Create(
                CultureInfo.InvariantCulture,
                $"收入自{since:yyyy-MM-dd}起稳定超过监测线，未满{stableMonths}个月：须在{due:yyyy-MM-dd}或之后回访确认后方可消除"));
        }

        RemovedOn = today;
        RemovedBy = by;
        RemovalReason = reason.Trim();
        Ending = FlagEnding.RiskEliminated;
        return RuleResult.Ok;
    }

    /// <summary>
    /// 返贫 (or identified as poor): a poor household is helped as poor and not monitored (贫困户不纳入防返贫监测), so
    /// its open flag is closed when it becomes poor — without the stable months, which are the rule for a household
    /// that stays out of poverty. The flag's record is kept, with why it ended.
    /// </summary>
    public RuleResult CloseAsPoor(string reason, string by, DateOnly on)
    {
        if (!IsOpen)
        {
            return RuleResult.Fail("flagId", "该监测标识已消除");
        }

        RemovedOn = on < RaisedOn ? RaisedOn : on;
        RemovedBy = by;
        var why = "纳入贫困户帮扶：" + reason.Trim();
        RemovalReason = why.Length > 500 ? why[..500] : why;
        Ending = FlagEnding.BecamePoor;
        StableSince = null;
        return RuleResult.Ok;
    }
}

/// <summary>The monitoring categories' names as county staff say them.</summary>
public static class MonitoringNames
{
    public static string Of(MonitoringCategory category) => MonitoringLabels.Of(category);

    public static string Of(ExpenseKind kind) => kind switch
    {
        ExpenseKind.Medical => "医疗支出",
        ExpenseKind.Disaster => "灾害损失",
        ExpenseKind.Schooling => "教育支出",
        ExpenseKind.Accident => "意外事故",
        _ => "刚性支出",
    };
}
