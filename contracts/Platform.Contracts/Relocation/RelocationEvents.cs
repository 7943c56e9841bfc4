namespace Platform.Contracts.Relocation;

/// <summary>How a household is resettled (安置方式).</summary>
public enum ResettlementMode
{
    /// <summary>进城进镇: into a town or the county seat.</summary>
    TownOrCounty = 1,

    /// <summary>进中心村: into a central village.</summary>
    CentralVillage = 2,

    /// <summary>进中心福利院: into a central welfare home.</summary>
    WelfareHome = 3,

    /// <summary>分散安置: scattered resettlement (own choice of place).</summary>
    Scattered = 4,
}

/// <summary>
/// A relocated household moved into its new home (搬迁入住). The registry files the household under the
/// site's village (its own <c>HouseholdMoved</c> follows, so every pillar follows the household); industry
/// matches its working members with jobs at or near the site (搬得出、稳得住、有就业); education lists its
/// children for school transfer.
/// </summary>
public sealed record HouseholdRelocated : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The relocation pillar's case (易地扶贫搬迁档案) that reached "moved in".</summary>
    public required Guid CaseId { get; init; }

    /// <summary>The resettlement site (集中安置点), or null for scattered resettlement.</summary>
    public Guid? SiteId { get; init; }

    public string? SiteName { get; init; }

    public required ResettlementMode Mode { get; init; }

    /// <summary>The village the household lives in now (the site's village, 12 digits).</summary>
    public required string VillageCode { get; init; }

    /// <summary>The village it left.</summary>
    public required string PreviousVillageCode { get; init; }

    public required DateOnly MovedInOn { get; init; }
}
