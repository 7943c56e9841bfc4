namespace Platform.Contracts.Welfare;

/// <summary>The regular social assistance a household is enrolled in (社会保障兜底).</summary>
public enum SocialAssistanceCategory
{
    /// <summary>农村最低生活保障 (低保).</summary>
    MinimumLiving = 1,

    /// <summary>特困人员救助供养 (formerly 农村五保).</summary>
    ExtremePoverty = 2,
}

/// <summary>
/// A household was enrolled in 低保 or 特困 after its means test (审核确认): the registry records the household
/// type and its members' 低保/特困 status; other pillars may count it among the households the floor holds.
/// <see cref="EnrolmentId"/> identifies the enrolment; its end names the same id.
/// </summary>
public sealed record SocialAssistanceGranted : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required Guid EnrolmentId { get; init; }

    public required SocialAssistanceCategory Category { get; init; }

    /// <summary>保障人数: the members covered.</summary>
    public required int People { get; init; }

    /// <summary>Yuan a month for the whole household.</summary>
    public required decimal MonthlyAmount { get; init; }

    /// <summary>The first month paid (its first day).</summary>
    public required DateOnly StartMonth { get; init; }
}

/// <summary>A household's 低保 or 特困 enrolment ended (停保: income above the standard on review, members gone…).</summary>
public sealed record SocialAssistanceEnded : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required Guid EnrolmentId { get; init; }

    public required SocialAssistanceCategory Category { get; init; }

    public required DateOnly EndedOn { get; init; }

    public required string Reason { get; init; }
}
