namespace Platform.Contracts.Households;

/// <summary>防返贫监测对象类别: the three categories of post-exit monitoring.</summary>
public enum MonitoringCategory
{
    /// <summary>脱贫不稳定户: an exited household at risk of returning to poverty.</summary>
    UnstableExited = 1,

    /// <summary>边缘易致贫户: a household never registered as poor whose income is near the line.</summary>
    Edge = 2,

    /// <summary>突发严重困难户: a household (not an exited one) in sudden severe hardship from a large expense or loss.</summary>
    SuddenHardship = 3,
}

/// <summary>What brought a household to monitoring (监测信息来源).</summary>
public enum MonitoringTrigger
{
    /// <summary>Income (per capita, counting toward stable income) under the year's monitoring line.</summary>
    IncomeBelowLine = 1,

    /// <summary>A large expense a pillar reported (hospital bill, disaster loss…) above the threshold.</summary>
    LargeExpense = 2,

    /// <summary>干部走访排查.</summary>
    CadreVisit = 3,

    /// <summary>农户自主申报.</summary>
    OwnApplication = 4,

    /// <summary>部门筛查预警 (a department's data other than a large expense).</summary>
    DepartmentData = 5,
}

/// <summary>
/// A household was flagged for 防返贫监测: pillars keep or step up their help (policies go on after
/// exit). <see cref="FlagId"/> identifies the flag; its removal names the same id.
/// </summary>
public sealed record MonitoringFlagRaised : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required Guid FlagId { get; init; }

    public required MonitoringCategory Category { get; init; }

    public required MonitoringTrigger Trigger { get; init; }

    public required DateOnly RaisedOn { get; init; }

    /// <summary>Why, for people (e.g. 住院自付 8,000 元，超过 5,000 元监测标准).</summary>
    public required string Reason { get; init; }
}

/// <summary>
/// A monitoring flag was removed (风险消除): the cause is resolved and income has been stable above the
/// monitoring line for the configured months. The record of the flag is kept.
/// </summary>
public sealed record MonitoringFlagRemoved : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required Guid FlagId { get; init; }

    public required MonitoringCategory Category { get; init; }

    public required DateOnly RemovedOn { get; init; }

    /// <summary>Since when income has been stable above the monitoring line.</summary>
    public required DateOnly StableSince { get; init; }

    public required string Reason { get; init; }
}

/// <summary>
/// A member's health or disability changed in the registry (a cadre's correction, a pillar's
/// assessment): pillars that depend on it (medical aid, disability allowances, labour matching) follow.
/// Health codes as in <see cref="MemberSnapshot.Health"/>.
/// </summary>
public sealed record MemberHealthChanged : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required Guid MemberId { get; init; }

    public required string PreviousHealth { get; init; }

    public int? PreviousDisabilityGrade { get; init; }

    public required string Health { get; init; }

    public int? DisabilityGrade { get; init; }

    public required string Reason { get; init; }
}

/// <summary>
/// A monitoring flag was closed because the household is poor again (返贫, or a household under monitoring
/// identified as poor): it is helped as a poor household from now on and no longer monitored. Not a removal
/// (风险消除) — the risk came true. The flag's record is kept; pillars stop treating the household as monitored.
/// </summary>
public sealed record MonitoringFlagClosed : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required Guid FlagId { get; init; }

    public required MonitoringCategory Category { get; init; }

    public required DateOnly ClosedOn { get; init; }

    public required string Reason { get; init; }
}
