using Platform.Contracts;
using Platform.Contracts.Relocation;

namespace Platform.Relocation.Domain;

/// <summary>
/// A resettlement site (集中安置点): where relocated households are given housing, by its mode
/// (进城进镇, 进中心村, 进中心福利院), its capacity in households, its completion, and the seven
/// facilities (七个一配套) that must be in place for the households to settle.
/// </summary>
public sealed class ResettlementSite
{
    public const int MaxCapacity = 5_000;

    private readonly List<SiteFacilityInPlace> facilities = [];

    public required Guid Id { get; init; }

    /// <summary>安置点编号, unique in the county.</summary>
    public required string Code { get; init; }

    public required string Name { get; set; }

    public required ResettlementMode Mode { get; init; }

    /// <summary>The village the site lies in: households moving in are filed under it.</summary>
    public required string VillageCode { get; init; }

    public required string TownshipCode { get; init; }

    public int CapacityHouseholds { get; private set; }

    /// <summary>Households given housing here (cases at "housing allocated" or later), kept against the capacity.</summary>
    public int AllocatedHouseholds { get; private set; }

    /// <summary>竣工: nobody moves in before it.</summary>
    public DateOnly? CompletedOn { get; private set; }

    public IReadOnlyList<SiteFacilityInPlace> Facilities => facilities;

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    /// <summary>七个一配套到位: all seven facilities in place.</summary>
    public bool FullyEquipped => Enum.GetValues<SiteFacility>().All(f => facilities.Any(p => p.Facility == f));

    /// <summary>A site is a place of centralised resettlement: scattered resettlement (分散安置) has none.</summary>
    public static RuleResult CheckMode(ResettlementMode mode, string field = "mode") =>
        mode == ResettlementMode.Scattered || !Enum.IsDefined(mode)
            ? RuleResult.Fail(field, "安置点的安置方式应为 town-or-county（进城进镇）、central-village（进中心村）或 welfare-home（进中心福利院）")
            : RuleResult.Ok;

    /// <summary>The capacity may change, but never below the households already given housing here.</summary>
    public RuleResult SetCapacity(int households, string field = "capacityHouseholds")
    {
        if (households is < 1 or > MaxCapacity)
        {
            return RuleResult.Fail(field, $"设计安置户数应在1到{MaxCapacity}之间");
        }

        if (households < AllocatedHouseholds)
        {
            return RuleResult.Fail(field, $"已有{AllocatedHouseholds}户分配安置房，设计安置户数不能少于此数");
        }

        CapacityHouseholds = households;
        return RuleResult.Ok;
    }

    /// <summary>竣工 on a date not in the future; a completion already recorded is not moved.</summary>
    public RuleResult Complete(DateOnly on, DateOnly today, string field = "completedOn")
    {
        var date = Rules.CheckDate(on, today, field);
        if (!date.Succeeded)
        {
            return date;
        }

        if (CompletedOn is { } done && done != on)
        {
            return RuleResult.Fail(field, $"该安置点已于{done:yyyy-MM-dd}竣工");
        }

        CompletedOn = on;
        return RuleResult.Ok;
    }

    public bool IsCompleteOn(DateOnly day) => CompletedOn is { } done && done <= day;

    /// <summary>A facility of the seven put in place; one in place stays. True when it was new.</summary>
    public bool PutInPlace(SiteFacility facility, DateOnly on)
    {
        if (facilities.Any(f => f.Facility == facility))
        {
            return false;
        }

        facilities.Add(new SiteFacilityInPlace { SiteId = Id, Facility = facility, InPlaceOn = on });
        return true;
    }

    /// <summary>A household is given housing here: within the capacity only.</summary>
    public RuleResult Allocate(string field = "siteId")
    {
        if (AllocatedHouseholds >= CapacityHouseholds)
        {
            return RuleResult.Fail(field, $"安置点{Name}已满（设计安置{CapacityHouseholds}户）");
        }

        AllocatedHouseholds++;
        return RuleResult.Ok;
    }
}

/// <summary>One of the seven facilities in place at a site, since when.</summary>
public sealed class SiteFacilityInPlace
{
    public required Guid SiteId { get; init; }

    public required SiteFacility Facility { get; init; }

    public required DateOnly InPlaceOn { get; init; }
}
