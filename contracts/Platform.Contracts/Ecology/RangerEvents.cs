namespace Platform.Contracts.Ecology;

/// <summary>Why a forest-ranger post (生态护林员) ended before or at the end of its contract.</summary>
public enum RangerPostEndReason
{
    /// <summary>The ranger died (the registry removed the member: 死亡).</summary>
    Died = 1,

    /// <summary>The ranger left the household (moved or married out, 外出、迁出): no longer there to patrol.</summary>
    MovedAway = 2,

    /// <summary>The ranger lost the ability to work (丧失劳动能力, serious illness, severe disability).</summary>
    LostLabourAbility = 3,

    /// <summary>解聘: dismissed by the forestry station, e.g. after an unqualified yearly assessment.</summary>
    Dismissed = 4,

    /// <summary>辞聘: the ranger resigned.</summary>
    Resigned = 5,

    /// <summary>The ranger left the household for another reason the registry gave.</summary>
    LeftHousehold = 9,
}

/// <summary>
/// A member of a registered household was selected as a forest ranger (生态护林员选聘) for a contract year in
/// a township's quota: a public-welfare post (公益岗位) the registry may show on the member's form.
/// </summary>
public sealed record RangerAppointed : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required Guid PostId { get; init; }

    public required Guid MemberId { get; init; }

    /// <summary>The contract year (聘用年度).</summary>
    public required int Year { get; init; }

    /// <summary>The township whose quota the post is in (9 digits).</summary>
    public required string TownshipCode { get; init; }

    public required string VillageCode { get; init; }

    public required DateOnly StartsOn { get; init; }

    public required DateOnly EndsOn { get; init; }

    /// <summary>The post's pay for a whole year, in yuan.</summary>
    public required decimal AnnualPay { get; init; }
}

/// <summary>
/// A forest-ranger post ended before its contract did (death, moving away, lost labour ability, dismissal,
/// resignation): the township's quota has a vacancy (空缺) for the year that it may fill again
/// (<c>GET /api/ecology/rangers/quotas?year=</c> lists them).
/// </summary>
public sealed record RangerPostEnded : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required Guid PostId { get; init; }

    public required Guid MemberId { get; init; }

    public required int Year { get; init; }

    public required string TownshipCode { get; init; }

    public required RangerPostEndReason Reason { get; init; }

    public required DateOnly EndedOn { get; init; }
}
