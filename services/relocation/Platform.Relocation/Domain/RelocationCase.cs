using Platform.Contracts;
using Platform.Contracts.Relocation;

namespace Platform.Relocation.Domain;

/// <summary>
/// A registered household's relocation (易地扶贫搬迁档案): planned → housing allocated → moved in → old
/// house demolished and land reclaimed (拆旧复垦). Each step is dated and names who recorded it; a step
/// needs the one before it, is never dated before it nor in the future, and is never undone.
/// </summary>
public sealed class RelocationCase
{
    /// <summary>人均住房建设面积不超过25平方米: the national ceiling for a registered household's resettlement house.</summary>
    public const int MaxFloorAreaPerPerson = 25;

    /// <summary>复垦面积 of one old homestead, in mu: more is a typing error.</summary>
    public const decimal MaxReclaimedMu = 10m;

    public required Guid Id { get; init; }

    public required Guid HouseholdId { get; init; }

    public required string HouseholdNumber { get; init; }

    public required ResettlementMode Mode { get; init; }

    /// <summary>The site for centralised modes; null for scattered resettlement.</summary>
    public Guid? SiteId { get; init; }

    /// <summary>The village the household lived in when the case was planned (迁出地).</summary>
    public required string OriginVillageCode { get; init; }

    /// <summary>The village it moves to (迁入地): the site's, or the scattered household's destination.</summary>
    public required string DestinationVillageCode { get; init; }

    /// <summary>Where the household is filed now (the registry's place): the case follows the household.</summary>
    public required string VillageCode { get; set; }

    public required string TownshipCode { get; set; }

    public required DateOnly PlannedOn { get; init; }

    public required string PlannedBy { get; init; }

    public DateOnly? AllocatedOn { get; private set; }

    public string? AllocatedBy { get; private set; }

    /// <summary>安置房号, e.g. 3栋2单元101.</summary>
    public string? HousingUnit { get; private set; }

    public int? FloorArea { get; private set; }

    public DateOnly? MovedInOn { get; private set; }

    public string? MovedInBy { get; private set; }

    /// <summary>搬迁人口: the household's members when it moved in.</summary>
    public int? People { get; private set; }

    public DateOnly? DemolishedOn { get; private set; }

    public string? DemolishedBy { get; private set; }

    public decimal? ReclaimedMu { get; private set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public RelocationStep Step =>
        DemolishedOn is not null ? RelocationStep.OldHouseDemolished
        : MovedInOn is not null ? RelocationStep.MovedIn
        : AllocatedOn is not null ? RelocationStep.HousingAllocated
        : RelocationStep.Planned;

    public bool HasMovedIn => MovedInOn is not null;

    /// <summary>
    /// A case is planned for a registered household with a mode and, for centralised resettlement, a
    /// site of that mode (分散安置 has none). The plan is dated, not in the future.
    /// </summary>
    public static RuleResult CanPlan(ResettlementMode mode, ResettlementSite? site, DateOnly plannedOn, string? by, DateOnly today)
    {
        if (!Enum.IsDefined(mode))
        {
            return RuleResult.Fail("mode", $"安置方式应为：{Codes.List<ResettlementMode>()}");
        }

        if (mode == ResettlementMode.Scattered && site is not null)
        {
            return RuleResult.Fail("siteId", "分散安置不进安置点");
        }

        if (mode != ResettlementMode.Scattered)
        {
            if (site is null)
            {
                return RuleResult.Fail("siteId", "集中安置须写明安置点");
            }

            if (site.Mode != mode)
            {
                return RuleResult.Fail("mode", $"安置点{site.Name}的安置方式为{Codes.Of(site.Mode)}，与本户不符");
            }
        }

        var date = Rules.CheckDate(plannedOn, today, "plannedOn");
        return date.Succeeded ? Rules.CheckActor(by, "plannedBy") : date;
    }

    /// <summary>
    /// 分配安置房: after the plan, at the site within its capacity; the floor area at most
    /// <see cref="MaxFloorAreaPerPerson"/> m² for each of the household's <paramref name="members"/>.
    /// </summary>
    public RuleResult AllocateHousing(DateOnly on, string? by, string? unit, int? floorArea, int members, ResettlementSite? site, DateOnly today)
    {
        if (Step != RelocationStep.Planned)
        {
            return RuleResult.Fail("allocatedOn", "已分配安置房");
        }

        var check = CheckStepDate(on, PlannedOn, "allocatedOn", "纳入计划", today);
        if (!check.Succeeded)
        {
            return check;
        }

        check = Rules.CheckActor(by, "allocatedBy");
        if (!check.Succeeded)
        {
            return check;
        }

        if (unit is { Length: > 50 })
        {
            return RuleResult.Fail("housingUnit", "安置房号不超过50字");
        }

        if (floorArea is { } area && (area < 1 || area > MaxFloorAreaPerPerson * Math.Max(1, members)))
        {
            return RuleResult.Fail("floorArea", $"人均住房面积不超过{MaxFloorAreaPerPerson}平方米：本户{members}人，至多{MaxFloorAreaPerPerson * Math.Max(1, members)}平方米");
        }

        if (site is not null)
        {
            var room = site.Allocate();
            if (!room.Succeeded)
            {
                return room;
            }
        }

        AllocatedOn = on;
        AllocatedBy = by!.Trim();
        HousingUnit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
        FloorArea = floorArea;
        return RuleResult.Ok;
    }

    /// <summary>搬迁入住: after housing is allocated, into a site completed by that day; the household's people are counted.</summary>
    public RuleResult MoveIn(DateOnly on, string? by, int people, ResettlementSite? site, DateOnly today)
    {
        if (Step != RelocationStep.HousingAllocated)
        {
            return Step == RelocationStep.Planned
                ? RuleResult.Fail("movedInOn", "尚未分配安置房，不能入住")
                : RuleResult.Fail("movedInOn", "已入住");
        }

        var check = CheckStepDate(on, AllocatedOn!.Value, "movedInOn", "分配安置房", today);
        if (!check.Succeeded)
        {
            return check;
        }

        if (site is not null && !site.IsCompleteOn(on))
        {
            return RuleResult.Fail("movedInOn", $"安置点{site.Name}在该日尚未竣工");
        }

        check = Rules.CheckActor(by, "movedInBy");
        if (!check.Succeeded)
        {
            return check;
        }

        if (people < 1)
        {
            return RuleResult.Fail("movedInOn", "该户已无在册成员，不能入住");
        }

        MovedInOn = on;
        MovedInBy = by!.Trim();
        People = people;
        return RuleResult.Ok;
    }

    /// <summary>拆旧复垦: after moving in, with the reclaimed area (0 &lt; mu ≤ <see cref="MaxReclaimedMu"/>).</summary>
    public RuleResult DemolishOldHouse(DateOnly on, string? by, decimal? reclaimedMu, DateOnly today)
    {
        if (Step != RelocationStep.MovedIn)
        {
            return Step == RelocationStep.OldHouseDemolished
                ? RuleResult.Fail("demolishedOn", "旧房已拆除复垦")
                : RuleResult.Fail("demolishedOn", "搬迁入住后才能拆旧复垦");
        }

        var check = CheckStepDate(on, MovedInOn!.Value, "demolishedOn", "搬迁入住", today);
        if (!check.Succeeded)
        {
            return check;
        }

        check = Rules.CheckActor(by, "demolishedBy");
        if (!check.Succeeded)
        {
            return check;
        }

        if (reclaimedMu is { } mu && (mu <= 0 || mu > MaxReclaimedMu || decimal.Round(mu, 2) != mu))
        {
            return RuleResult.Fail("reclaimedMu", $"复垦面积应大于0、不超过{MaxReclaimedMu}亩，至多两位小数");
        }

        DemolishedOn = on;
        DemolishedBy = by!.Trim();
        ReclaimedMu = reclaimedMu;
        return RuleResult.Ok;
    }

    private static RuleResult CheckStepDate(DateOnly on, DateOnly previous, string field, string previousStep, DateOnly today)
    {
        var date = Rules.CheckDate(on, today, field);
        if (!date.Succeeded)
        {
            return date;
        }

        return on < previous ? RuleResult.Fail(field, $"日期不能早于{previousStep}日期（{previous:yyyy-MM-dd}）") : RuleResult.Ok;
    }
}
