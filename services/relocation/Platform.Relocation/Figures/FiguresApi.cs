using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Contracts.Relocation;
using Platform.Relocation.Data;
using Platform.Relocation.Domain;
using Platform.Relocation.Households;
using Platform.Relocation.Housing;
using Platform.ServiceDefaults.Auth;

namespace Platform.Relocation.Figures;

/// <summary>A figure and the list of the records it counts (the portal's drill-down; the list's total is the figure).</summary>
public sealed record Counted(long Count, string List);

public sealed record ModeFigure(ResettlementMode Mode, long Sites, string List);

public sealed record SiteFigures(long Total, long Completed, long FullyEquipped, IReadOnlyList<ModeFigure> ByMode, string List, string FullyEquippedList);

public sealed record RelocatedByMode(ResettlementMode Mode, long Households, long People, string List);

/// <summary>搬迁安置: moved in, into the sites (集中安置) and in all, by mode (scattered resettlement 分散安置 has no site).</summary>
public sealed record RelocatedFigures(long Households, long People, long IntoSitesHouseholds, long IntoSitesPeople, IReadOnlyList<RelocatedByMode> ByMode, string List, string IntoSitesList);

public sealed record StepFigure(RelocationStep Step, long Cases, string List);

public sealed record GradeFigure(HouseGrade Grade, long Houses, string List);

public sealed record RenovationFigure(RenovationProgramme Programme, long Started, long Accepted, string List, string AcceptedList);

public sealed record MadeSafePart(MadeSafeBy By, long Households, string List);

/// <summary>Households (houses) made safe by relocation and renovation: the parts add up to the total.</summary>
public sealed record MadeSafeFigures(long Households, IReadOnlyList<MadeSafePart> Parts);

public sealed record HousingFigures(IReadOnlyList<GradeFigure> HousesByGrade, IReadOnlyList<RenovationFigure> Renovations, MadeSafeFigures MadeSafe, Counted Toilets);

public sealed record WaterKindFigure(WaterProjectKind Kind, long Projects, string List);

public sealed record WaterFigures(IReadOnlyList<WaterKindFigure> Projects, Counted LatestTestPassed, Counted LatestTestFailed, Counted NotTested);

public sealed record GuaranteeFigure(Guarantee Guarantee, long Households, long Met, long NotMet, string MetList, string NotMetList);

/// <summary>易地搬迁和住房、饮水安全主要指标, within the caller's data scope.</summary>
public sealed record RelocationFiguresDto(
    long Households, SiteFigures Sites, RelocatedFigures Relocated, IReadOnlyList<StepFigure> CasesByStep, HousingFigures Housing, WaterFigures Water, IReadOnlyList<GuaranteeFigure> Guarantees);

public static class FiguresApi
{
    private const string Root = "/api/relocation";

    public static IEndpointRouteBuilder MapFiguresApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Root + "/figures", GetAsync)
            .RequireAuthorization(PlatformPolicies.Read)
            .WithTags("易地搬迁指标")
            .WithSummary("易地搬迁和住房、饮水安全指标：安置点（按安置方式、七个一配套）、搬迁户数和人数（按安置方式）、各环节档案数、房屋按鉴定等级、危房改造、住房安全保障户（各部分相加为总数）、改厕、供水工程、两项保障达标户；每项附明细清单地址；按调用者的数据范围");
        return app;
    }

    internal static async Task<Ok<RelocationFiguresDto>> GetAsync(RelocationDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var households = await db.ReplicaHouseholds.AsNoTracking().Within(scope).LongCountAsync(cancellationToken);
        return TypedResults.Ok(new RelocationFiguresDto(
            households,
            await SitesAsync(db, scope, cancellationToken),
            await RelocatedAsync(db, scope, cancellationToken),
            await StepsAsync(db, scope, cancellationToken),
            await HousingAsync(db, scope, cancellationToken),
            await WaterAsync(db, scope, cancellationToken),
            await GuaranteesAsync(db, scope, cancellationToken)));
    }

    private static async Task<SiteFigures> SitesAsync(RelocationDbContext db, DataScope scope, CancellationToken cancellationToken)
    {
        var sites = db.Sites.AsNoTracking().Within(scope);
        var all = Enum.GetValues<SiteFacility>().Length;
        var byMode = await sites.GroupBy(s => s.Mode).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        return new SiteFigures(
            byMode.Sum(m => m.Count),
            await sites.LongCountAsync(s => s.CompletedOn != null, cancellationToken),
            await sites.LongCountAsync(s => s.Facilities.Count == all, cancellationToken),
            SiteModes.Select(m => new ModeFigure(m, byMode.Where(b => b.Key == m).Sum(b => b.Count), $"{Root}/sites?mode={Codes.Of(m)}")).ToList(),
            $"{Root}/sites",
            $"{Root}/sites?equipped=true");
    }

    private static async Task<RelocatedFigures> RelocatedAsync(RelocationDbContext db, DataScope scope, CancellationToken cancellationToken)
    {
        var byMode = await db.Cases.AsNoTracking().Within(scope).Where(c => c.MovedInOn != null)
            .GroupBy(c => c.Mode).Select(g => new { g.Key, Households = g.LongCount(), People = g.Sum(c => (long?)c.People) ?? 0 })
            .ToListAsync(cancellationToken);
        var modes = Enum.GetValues<ResettlementMode>()
            .Select(m => new RelocatedByMode(m, byMode.Where(b => b.Key == m).Sum(b => b.Households), byMode.Where(b => b.Key == m).Sum(b => b.People), $"{Root}/cases?movedIn=true&mode={Codes.Of(m)}"))
            .ToList();
        var intoSites = modes.Where(m => m.Mode != ResettlementMode.Scattered).ToList();
        return new RelocatedFigures(
            modes.Sum(m => m.Households), modes.Sum(m => m.People), intoSites.Sum(m => m.Households), intoSites.Sum(m => m.People), modes,
            $"{Root}/cases?movedIn=true", $"{Root}/housing/made-safe?by=relocation");
    }

    private static async Task<List<StepFigure>> StepsAsync(RelocationDbContext db, DataScope scope, CancellationToken cancellationToken)
    {
        var cases = db.Cases.AsNoTracking().Within(scope);
        var steps = await cases
            .GroupBy(c => c.DemolishedOn != null ? RelocationStep.OldHouseDemolished : c.MovedInOn != null ? RelocationStep.MovedIn : c.AllocatedOn != null ? RelocationStep.HousingAllocated : RelocationStep.Planned)
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return Enum.GetValues<RelocationStep>().Select(s => new StepFigure(s, steps.Where(x => x.Key == s).Sum(x => x.Count), $"{Root}/cases?step={Codes.Of(s)}")).ToList();
    }

    private static async Task<HousingFigures> HousingAsync(RelocationDbContext db, DataScope scope, CancellationToken cancellationToken)
    {
        var grades = await HousingApi.Latest(db, db.Appraisals.AsNoTracking().Within(scope))
            .GroupBy(a => a.Grade).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var renovations = await db.Renovations.AsNoTracking().Within(scope)
            .GroupBy(r => r.Programme).Select(g => new { g.Key, Started = g.LongCount(), Accepted = g.LongCount(r => r.AcceptedOn != null) })
            .ToListAsync(cancellationToken);
        var parts = new List<MadeSafePart>
        {
            new(MadeSafeBy.Relocation, await MadeSafe.Relocated(db, scope, scattered: false).LongCountAsync(cancellationToken), MadeSafeList(MadeSafeBy.Relocation)),
            new(MadeSafeBy.ScatteredResettlement, await MadeSafe.Relocated(db, scope, scattered: true).LongCountAsync(cancellationToken), MadeSafeList(MadeSafeBy.ScatteredResettlement)),
        };
        foreach (var by in new[] { MadeSafeBy.NonDifferentiatedRenovation, MadeSafeBy.EarlierRenovation })
        {
            parts.Add(new MadeSafePart(by, await MadeSafe.CountHousesAsync(MadeSafe.Renovated(db, scope, MadeSafe.ProgrammeOf(by)), cancellationToken), MadeSafeList(by)));
        }

        return new HousingFigures(
            Enum.GetValues<HouseGrade>().Select(g => new GradeFigure(g, grades.Where(x => x.Key == g).Sum(x => x.Count), $"{Root}/housing/appraisals?grade={Codes.Of(g)}")).ToList(),
            Enum.GetValues<RenovationProgramme>().Select(p => new RenovationFigure(
                p,
                renovations.Where(x => x.Key == p).Sum(x => x.Started),
                renovations.Where(x => x.Key == p).Sum(x => x.Accepted),
                $"{Root}/housing/renovations?programme={Codes.Of(p)}",
                $"{Root}/housing/renovations?programme={Codes.Of(p)}&accepted=true")).ToList(),
            new MadeSafeFigures(parts.Sum(p => p.Households), parts),
            new Counted(await db.Toilets.AsNoTracking().Within(scope).LongCountAsync(cancellationToken), $"{Root}/housing/toilets"));
    }

    private static async Task<WaterFigures> WaterAsync(RelocationDbContext db, DataScope scope, CancellationToken cancellationToken)
    {
        var projects = db.WaterProjects.AsNoTracking().Within(scope);
        var kinds = await projects.GroupBy(p => p.Kind).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var tests = await projects.GroupBy(p => p.LatestTestPassed).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        return new WaterFigures(
            Enum.GetValues<WaterProjectKind>().Select(k => new WaterKindFigure(k, kinds.Where(x => x.Key == k).Sum(x => x.Count), $"{Root}/water/projects?kind={Codes.Of(k)}")).ToList(),
            new Counted(tests.Where(t => t.Key == true).Sum(t => t.Count), $"{Root}/water/projects?tested=passed"),
            new Counted(tests.Where(t => t.Key == false).Sum(t => t.Count), $"{Root}/water/projects?tested=failed"),
            new Counted(tests.Where(t => t.Key == null).Sum(t => t.Count), $"{Root}/water/projects?tested=none"));
    }

    private static async Task<List<GuaranteeFigure>> GuaranteesAsync(RelocationDbContext db, DataScope scope, CancellationToken cancellationToken)
    {
        var counts = await db.Guarantees.AsNoTracking()
            .Join(db.ReplicaHouseholds.AsNoTracking().Within(scope), g => g.HouseholdId, h => h.Id, (g, _) => g)
            .GroupBy(g => new { g.Guarantee, g.Met }).Select(g => new { g.Key.Guarantee, g.Key.Met, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return GuaranteeState.Owned.Select(g =>
        {
            var met = counts.Where(c => c.Guarantee == g && c.Met).Sum(c => c.Count);
            var notMet = counts.Where(c => c.Guarantee == g && !c.Met).Sum(c => c.Count);
            var code = Codes.Of(g);
            return new GuaranteeFigure(g, met + notMet, met, notMet, $"{Root}/guarantees?guarantee={code}&met=true", $"{Root}/guarantees?guarantee={code}&met=false");
        }).ToList();
    }

    private static string MadeSafeList(MadeSafeBy by) => $"{Root}/housing/made-safe?by={Codes.Of(by)}";

    private static readonly ResettlementMode[] SiteModes = [ResettlementMode.TownOrCounty, ResettlementMode.CentralVillage, ResettlementMode.WelfareHome];
}
