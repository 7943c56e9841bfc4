using Platform.Contracts;
using Platform.Contracts.Relocation;
using Platform.Relocation.Domain;

namespace Platform.Relocation.Sites;

/// <summary>A site as a feed or the portal states it.</summary>
public sealed record SiteInput(string Code, string Name, ResettlementMode Mode, string VillageCode, int CapacityHouseholds, DateOnly? CompletedOn, IReadOnlyList<SiteFacility> Facilities);

/// <summary>Creating and updating a site by what is stated about it (the same rules for the feed and the portal).</summary>
public static class SiteWrites
{
    public static (ResettlementSite? Site, RuleResult Result) Create(SiteInput input, DateOnly today, DateTimeOffset now, string by)
    {
        ArgumentNullException.ThrowIfNull(input);
        var mode = ResettlementSite.CheckMode(input.Mode);
        if (!mode.Succeeded)
        {
            return (null, mode);
        }

        var site = new ResettlementSite
        {
            Id = Guid.CreateVersion7(now),
            Code = input.Code,
            Name = input.Name,
            Mode = input.Mode,
            VillageCode = input.VillageCode,
            TownshipCode = input.VillageCode[..9],
            CreatedAt = now,
            CreatedBy = by,
        };
        var result = Update(site, input, today, out _);
        return result.Succeeded ? (site, result) : (null, result);
    }

    /// <summary>Name, capacity, completion and the facilities in place; the mode and the village never change.</summary>
    public static RuleResult Update(ResettlementSite site, SiteInput input, DateOnly today, out bool changed)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(input);
        changed = false;
        if (site.Mode != input.Mode)
        {
            return RuleResult.Fail("mode", $"安置点{site.Code}的安置方式为{Codes.Of(site.Mode)}，不能更改");
        }

        if (site.VillageCode != input.VillageCode)
        {
            return RuleResult.Fail("villageCode", $"安置点{site.Code}所在村为{site.VillageCode}，不能更改");
        }

        var before = (site.Name, site.CapacityHouseholds, site.CompletedOn, site.Facilities.Count);
        // Every check before any change: a refused input leaves the site as it was.
        if (input.CompletedOn is { } completed)
        {
            var date = Rules.CheckDate(completed, today, "completedOn");
            if (!date.Succeeded)
            {
                return date;
            }

            if (site.CompletedOn is { } done && done != completed)
            {
                return RuleResult.Fail("completedOn", $"该安置点已于{done:yyyy-MM-dd}竣工");
            }
        }

        var capacity = site.SetCapacity(input.CapacityHouseholds);
        if (!capacity.Succeeded)
        {
            return capacity;
        }

        if (input.CompletedOn is { } completion)
        {
            site.Complete(completion, today);
        }

        site.Name = input.Name;
        foreach (var facility in input.Facilities.Distinct())
        {
            site.PutInPlace(facility, input.CompletedOn ?? today);
        }

        changed = before != (site.Name, site.CapacityHouseholds, site.CompletedOn, site.Facilities.Count);
        return RuleResult.Ok;
    }
}
