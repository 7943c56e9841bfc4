using Platform.Contracts;
using Platform.Contracts.Relocation;
using Platform.Messaging.Outbox;
using Platform.Relocation.Data;
using Platform.Relocation.Domain;
using Platform.Relocation.Guarantees;
using Platform.Relocation.Households;
using Platform.Relocation.Subsidies;
using Platform.ServiceDefaults;

namespace Platform.Relocation.Cases;

/// <summary>The steps of a relocation case a feed or the portal asks for, as one request.</summary>
public sealed record CaseSteps(
    DateOnly? AllocatedOn, string? AllocatedBy, string? HousingUnit, int? FloorArea,
    DateOnly? MovedInOn, string? MovedInBy,
    DateOnly? DemolishedOn, string? DemolishedBy, decimal? ReclaimedMu);

/// <summary>
/// Takes relocation cases through their steps inside the caller's unit of work, with what each step
/// causes: housing allocated counts against the site's capacity; moving in tells the registry
/// (<see cref="HouseholdRelocated"/>: it files the household under the site's village and every pillar
/// follows) and makes the household's housing guarantee met. The caller saves once.
/// </summary>
public sealed class CaseLedger(RelocationDbContext db, SafetyBook book, SubsidyLedger subsidies, TimeProvider clock)
{
    /// <summary>纳入搬迁计划: the caller has checked <see cref="RelocationCase.CanPlan"/>.</summary>
    public RelocationCase Plan(HouseholdFacts household, ResettlementMode mode, ResettlementSite? site, string? destinationVillage, DateOnly plannedOn, string by)
    {
        ArgumentNullException.ThrowIfNull(household);
        var now = clock.GetUtcNow();
        var relocation = new RelocationCase
        {
            Id = Guid.CreateVersion7(now),
            HouseholdId = household.Id,
            HouseholdNumber = household.HouseholdNumber,
            Mode = mode,
            SiteId = site?.Id,
            OriginVillageCode = household.VillageCode,
            DestinationVillageCode = site?.VillageCode ?? destinationVillage ?? household.VillageCode,
            VillageCode = household.VillageCode,
            TownshipCode = household.TownshipCode,
            PlannedOn = plannedOn,
            PlannedBy = by.Trim(),
            CreatedAt = now,
        };
        book.Add(relocation);
        return relocation;
    }

    /// <summary>
    /// Takes the case through every step <paramref name="steps"/> adds, in order; a step recorded already
    /// must be sent with its date (it is never changed). Returns whether anything changed — also on a
    /// refusal, when earlier steps had changed the case: the caller then discards the unit of work.
    /// </summary>
    public async Task<(RuleResult Result, bool Changed)> AdvanceAsync(
        RelocationCase relocation, CaseSteps steps, HouseholdFacts household, ResettlementSite? site, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(relocation);
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(household);
        var today = clock.Today();
        var changed = false;
        if (steps.AllocatedOn is { } allocatedOn)
        {
            if (relocation.AllocatedOn is { } done)
            {
                if (done != allocatedOn)
                {
                    return (RuleResult.Fail("allocatedOn", $"已于{done:yyyy-MM-dd}分配安置房，日期不能更改"), false);
                }
            }
            else
            {
                var allocated = relocation.AllocateHousing(allocatedOn, steps.AllocatedBy, steps.HousingUnit, steps.FloorArea, household.Members, site, today);
                if (!allocated.Succeeded)
                {
                    return (allocated, false);
                }

                changed = true;
            }
        }

        if (steps.MovedInOn is { } movedInOn)
        {
            if (relocation.MovedInOn is { } done)
            {
                if (done != movedInOn)
                {
                    return (RuleResult.Fail("movedInOn", $"已于{done:yyyy-MM-dd}入住，日期不能更改"), changed);
                }
            }
            else
            {
                var moved = relocation.MoveIn(movedInOn, steps.MovedInBy, household.Members, site, today);
                if (!moved.Succeeded)
                {
                    return (moved, changed);
                }

                MovedIn(relocation, household, site);
                await book.AssessAsync([relocation.HouseholdId], cancellationToken);
                changed = true;
            }
        }

        if (steps.DemolishedOn is { } demolishedOn)
        {
            if (relocation.DemolishedOn is { } done)
            {
                if (done != demolishedOn)
                {
                    return (RuleResult.Fail("demolishedOn", $"已于{done:yyyy-MM-dd}拆旧复垦，日期不能更改"), changed);
                }
            }
            else
            {
                var demolished = relocation.DemolishOldHouse(demolishedOn, steps.DemolishedBy, steps.ReclaimedMu, today);
                if (!demolished.Succeeded)
                {
                    return (demolished, changed);
                }

                changed = true;
            }
        }

        return (RuleResult.Ok, changed);
    }

    /// <summary>搬迁补助 of a moved-in case (the caller has loaded the case's payment and checked the amount).</summary>
    public RuleResult PaySubsidy(RelocationCase relocation, decimal amount, DateOnly paidOn, string by, out bool changed)
    {
        ArgumentNullException.ThrowIfNull(relocation);
        changed = false;
        if (!relocation.HasMovedIn)
        {
            return RuleResult.Fail("subsidy", "搬迁入住后发放搬迁补助");
        }

        if (paidOn < relocation.MovedInOn!.Value || paidOn > clock.Today())
        {
            return RuleResult.Fail("paidOn", "发放日期应在入住日期之后、不晚于今天");
        }

        changed = subsidies.Pay(relocation.HouseholdId, SubsidyKind.Relocation, SourceOf(relocation), amount, paidOn, by);
        return RuleResult.Ok;
    }

    public static string SourceOf(RelocationCase relocation) => "relocation-case:" + relocation.Id;

    private void MovedIn(RelocationCase relocation, HouseholdFacts household, ResettlementSite? site)
    {
        var now = clock.GetUtcNow();
        db.AddIntegrationEvent(
            new HouseholdRelocated
            {
                EventId = Guid.CreateVersion7(now),
                HouseholdId = relocation.HouseholdId,
                OccurredAt = now,
                CaseId = relocation.Id,
                SiteId = site?.Id,
                SiteName = site?.Name,
                Mode = relocation.Mode,
                VillageCode = relocation.DestinationVillageCode,
                PreviousVillageCode = household.VillageCode,
                MovedInOn = relocation.MovedInOn!.Value,
            },
            clock);
    }
}
