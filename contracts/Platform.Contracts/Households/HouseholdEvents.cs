namespace Platform.Contracts.Households;

/// <summary>
/// 建档立卡 household status as the registry keeps it. Exit goes through the exit procedure only;
/// monitoring after exit is a flag (<see cref="MonitoringFlagRaised"/>) on an exited household, which
/// stays exited.
/// </summary>
public enum HouseholdStatus
{
    /// <summary>贫困户: registered and not yet exited.</summary>
    Poor = 0,

    /// <summary>已脱贫: exited by the full procedure.</summary>
    Exited = 1,

    /// <summary>
    /// 监测户 not registered as poor: a household entered for 防返贫监测 only (边缘易致贫户 or 突发严重困难户).
    /// Exited households under monitoring stay <see cref="Exited"/>.
    /// </summary>
    Monitored = 2,
}

public enum Sex
{
    Male = 1,
    Female = 2,
}

/// <summary>Why a member left the household (家庭成员减少原因).</summary>
public enum MemberRemovalReason
{
    Died = 1,
    MarriedOut = 2,
    MovedOut = 3,
    EnlistedOrStudyingAway = 4,
    RegistrationError = 5,
    Other = 9,
}

/// <summary>Why a member joined (家庭成员增加原因).</summary>
public enum MemberAdditionReason
{
    /// <summary>Registered together with the household.</summary>
    Registration = 0,
    Born = 1,
    MarriedIn = 2,
    MovedIn = 3,
    Other = 9,
}

/// <summary>
/// A household member as the other services need to know them. The resident ID number is here in
/// full: the bus is internal, and pillars match departmental records by it. It never goes to logs.
/// </summary>
public sealed record MemberSnapshot
{
    public required Guid MemberId { get; init; }

    public required string IdNumber { get; init; }

    public required string Name { get; init; }

    public required Sex Sex { get; init; }

    public required DateOnly BirthDate { get; init; }

    /// <summary>Relation to the head of household (与户主关系), e.g. 户主, 配偶, 之子.</summary>
    public required string Relation { get; init; }

    public string? Health { get; init; }

    public int? DisabilityGrade { get; init; }

    public string? LabourAbility { get; init; }

    public string? SchoolingStatus { get; init; }
}

/// <summary>A household was registered (建档立卡) with its members.</summary>
public sealed record HouseholdRegistered : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required string HouseholdNumber { get; init; }

    public required string TownshipCode { get; init; }

    public required string VillageCode { get; init; }

    public required HouseholdStatus Status { get; init; }

    public required IReadOnlyList<MemberSnapshot> Members { get; init; }
}

/// <summary>A member joined a registered household.</summary>
public sealed record HouseholdMemberAdded : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required MemberAdditionReason Reason { get; init; }

    public required MemberSnapshot Member { get; init; }
}

/// <summary>A member left a registered household (died, married out, moved out…).</summary>
public sealed record HouseholdMemberRemoved : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required Guid MemberId { get; init; }

    public required MemberRemovalReason Reason { get; init; }

    public string? Note { get; init; }
}

/// <summary>A household's status changed (poor → exited, exited → monitored, …).</summary>
public sealed record HouseholdStatusChanged : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required HouseholdStatus PreviousStatus { get; init; }

    public required HouseholdStatus Status { get; init; }

    public required string Reason { get; init; }

    /// <summary>The year of an exit (the income year the procedure checked) or of a return to poverty.</summary>
    public int? Year { get; init; }
}

/// <summary>
/// A household moved to another village (易地扶贫搬迁 to a resettlement site, or a correction of where
/// it was filed): pillars that work by place follow it.
/// </summary>
public sealed record HouseholdMoved : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required string PreviousVillageCode { get; init; }

    public required string TownshipCode { get; init; }

    public required string VillageCode { get; init; }

    public required string Reason { get; init; }
}

/// <summary>
/// A household's current state, announced again by the registry so that a service that joined the county
/// late (or lost its queue) learns it: its place, its status and its current members. It travels in the
/// household's order with every other event of the household, so it never overtakes a change; a consumer
/// makes its copy of the household equal to it.
/// </summary>
public sealed record HouseholdAnnounced : IHouseholdEvent, IAddressedEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required string HouseholdNumber { get; init; }

    public required string TownshipCode { get; init; }

    public required string VillageCode { get; init; }

    public required HouseholdStatus Status { get; init; }

    /// <summary>The household's current members (those removed are not here).</summary>
    public required IReadOnlyList<MemberSnapshot> Members { get; init; }

    /// <summary>The service catching up (e.g. "education"), or null for every subscriber.</summary>
    public string? Audience { get; init; }
}
