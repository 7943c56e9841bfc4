using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Households.Common;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.Households.Exit;
using Platform.Households.Inspections;
using Platform.Households.Monitoring;
using Platform.Households.Registry;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;

namespace Platform.Households.Figures;

public sealed record YearExits(int Year, long Households, long People, string Href);

/// <summary>A rate of the 三率一度 with the list of households it counts.</summary>
public sealed record RateWithDrillDown(decimal Value, long Numerator, long Denominator, decimal Limit, bool Passes, string? NumeratorHref, string? DenominatorHref);

public sealed record CountyExitFigures(
    Guid? InspectionId, string? InspectionName, RateWithDrillDown ComprehensiveIncidence, RateWithDrillDown WrongExitRate,
    RateWithDrillDown MissedRate, RateWithDrillDown Recognition, bool Passes);

public sealed record CategoryCount(MonitoringCategory Category, long Households, string Href);

/// <summary>驻村帮扶 and 结对帮扶 in the scope, with the lists they count.</summary>
public sealed record HelperFigures(
    long WorkTeams, long StationedCadres, long FirstSecretaries, string WorkTeamsHref,
    long PairedCadres, long PairedOthers, string PairedHelpersHref, long PairedHouseholds, string PairedHouseholdsHref);

public sealed record FarmersIncome(int Year, decimal PerCapitaDisposableIncome, decimal? AverageGrowthFiveYears, string Source);

/// <summary>脱贫攻坚成效: exits, villages, 三率一度, monitoring, helpers, farmers' income — each with the list of what it counts.</summary>
public sealed record ExitFigures(
    long ExitedHouseholds,
    long ExitedPeople,
    string ExitedHref,
    IReadOnlyList<YearExits> ExitsByYear,
    long RemainingPoorHouseholds,
    long RemainingPoorPeople,
    string RemainingPoorHref,
    long RuralPopulation,
    int PoorVillages,
    int ExitedPoorVillages,
    string VillagesHref,
    CountyExitFigures CountyExit,
    IReadOnlyList<CategoryCount> Monitoring,
    long MonitoredHouseholds,
    HelperFigures Helpers,
    FarmersIncome? FarmersIncome);

public static class ExitFiguresApi
{
    public static IEndpointRouteBuilder MapExitFiguresApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/households/figures/exit", GetAsync)
            .RequireAuthorization(PlatformPolicies.Read)
            .WithTags("脱贫攻坚成效")
            .WithSummary("脱贫退出成效（数据范围内）：累计脱贫户数人数及分年度、剩余贫困人口、贫困村出列、三率一度（默认最近一次评估检查）、监测对象三类、驻村帮扶、农民人均可支配收入；每个数字附明细链接");
        return app;
    }

    internal static async Task<Results<Ok<ExitFigures>, ProblemHttpResult>> GetAsync(
        Guid? inspection, HouseholdsDbContext db, IOptions<RegistryOptions> options, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await ComputeAsync(db, options.Value, DataScope.Of(user), inspection, cancellationToken) is { } figures
            ? TypedResults.Ok(figures)
            : Problems.NotFound("评估检查不存在");

    /// <summary>The figures within <paramref name="scope"/>; null when the named inspection does not exist.</summary>
    public static async Task<ExitFigures?> ComputeAsync(HouseholdsDbContext db, RegistryOptions options, DataScope scope, Guid? inspectionId, CancellationToken cancellationToken)
    {
        var county = scope.Level == ScopeLevel.County;
        var households = db.Households.AsNoTracking().Within(scope);
        // The database's tallies of the households (by village, status and exit year; people are their sizes): a few
        // hundred rows, exact in every transaction (see HouseholdTally), where counting the households would read them all.
        var householdCounts = await db.HouseholdTallies.AsNoTracking().Within(db.Villages, scope)
            .GroupBy(t => new { t.Status, t.ExitYear })
            .Select(g => new { g.Key.Status, g.Key.ExitYear, Households = g.Sum(t => t.Households), People = g.Sum(t => t.People), Paired = g.Sum(t => t.Paired) })
            .ToListAsync(cancellationToken);
        var exitsByYear = householdCounts.Where(x => x.Status == HouseholdStatus.Exited && x.ExitYear != 0 && x.Households > 0)
            .OrderBy(x => x.ExitYear)
            .Select(x => new YearExits(x.ExitYear, x.Households, x.People, $"/api/households/exits?year={x.ExitYear}"))
            .ToList();

        var villages = await db.Villages.AsNoTracking().Within(scope)
            .GroupBy(_ => 1)
            .Select(g => new { Rural = g.Sum(v => (long)v.RuralPopulation), Poor = g.Count(v => v.IsPoorVillage), Exited = g.Count(v => v.IsPoorVillage && v.ExitYear != null) })
            .SingleOrDefaultAsync(cancellationToken);

        var inspection = inspectionId is { } id
            ? await db.Inspections.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            : await db.Inspections.AsNoTracking().OrderByDescending(i => i.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (inspectionId is not null && inspection is null)
        {
            return null;
        }

        long Households(HouseholdStatus s) => householdCounts.Where(x => x.Status == s).Sum(x => x.Households);
        long People(HouseholdStatus s) => householdCounts.Where(x => x.Status == s).Sum(x => x.People);
        var counts = await InspectionQueries.CountsAsync(db, inspection?.Id, scope, cancellationToken, (villages?.Rural ?? 0, People(HouseholdStatus.Poor)));
        var rates = CountyExit.Compute(counts, options.CountyExitLimits());
        string? Sample(string finding) => inspection is null ? null : $"/api/households/inspections/{inspection.Id}/sample?finding={finding}";
        var countyExit = new CountyExitFigures(
            inspection?.Id,
            inspection?.Name,
            Drill(rates.ComprehensiveIncidence, "/api/households?status=poor", "/api/households/villages/incidence"),
            Drill(rates.WrongExitRate, Sample("wrongly-exited"), Sample("exited")),
            Drill(rates.MissedRate, inspection is null ? null : $"/api/households/inspections/{inspection.Id}/missed", inspection is null ? null : $"/api/households/inspections/{inspection.Id}"),
            Drill(rates.Recognition, Sample("approves"), Sample("visited")),
            rates.Passes);

        var flags = MonitoringQueries.Flags(db.MonitoringFlags.AsNoTracking(), "open", null);
        var monitoring = await (county ? flags : flags.Where(f => households.Any(h => h.Id == f.HouseholdId)))
            .GroupBy(f => f.Category)
            .Select(g => new { Category = g.Key, Households = g.LongCount() })
            .ToListAsync(cancellationToken);
        var categories = Enum.GetValues<MonitoringCategory>()
            .Select(c => new CategoryCount(c, monitoring.Where(m => m.Category == c).Sum(m => m.Households), $"/api/households/monitoring/flags?category={Codes.Of(c)}"))
            .ToList();

        var helpers = await HelpersAsync(db, scope, householdCounts.Sum(x => x.Paired), cancellationToken);
        var statistics = scope.Level == ScopeLevel.County
            ? await db.CountyStatistics.AsNoTracking().OrderByDescending(s => s.Year).Take(6).ToListAsync(cancellationToken)
            : [];
        FarmersIncome? farmers = null;
        if (statistics.Count > 0)
        {
            var latest = statistics[0];
            var fiveBefore = statistics.FirstOrDefault(s => s.Year == latest.Year - 5);
            decimal? growth = fiveBefore is null || fiveBefore.RuralPerCapitaDisposableIncome <= 0
                ? null
                : Math.Round((decimal)Math.Pow((double)(latest.RuralPerCapitaDisposableIncome / fiveBefore.RuralPerCapitaDisposableIncome), 0.2) - 1m, 4);
            farmers = new FarmersIncome(latest.Year, latest.RuralPerCapitaDisposableIncome, growth, latest.Source);
        }

        return new ExitFigures(
            Households(HouseholdStatus.Exited),
            People(HouseholdStatus.Exited),
            "/api/households/exits",
            exitsByYear,
            Households(HouseholdStatus.Poor),
            People(HouseholdStatus.Poor),
            "/api/households?status=poor",
            villages?.Rural ?? 0,
            villages?.Poor ?? 0,
            villages?.Exited ?? 0,
            "/api/households/villages/incidence?poor=true",
            countyExit,
            categories,
            categories.Sum(c => c.Households),
            helpers,
            farmers);
    }

    private static RateWithDrillDown Drill(RateFigure rate, string? numerator, string? denominator) =>
        new(rate.Value, rate.Numerator, rate.Denominator, rate.Limit, rate.Passes, numerator, denominator);

    /// <summary>
    /// 驻村工作队 and 结对帮扶 in the scope, from the sets the helpers' lists show (<see cref="Helpers.HelperQueries"/>). A person is
    /// stationed in one team at a time (a unique index), so members are counted; a helper of several households once; a
    /// household with a helper is one whose row counts a pairing not yet ended (<paramref name="pairedHouseholds"/>).
    /// </summary>
    private static async Task<HelperFigures> HelpersAsync(HouseholdsDbContext db, DataScope scope, long pairedHouseholds, CancellationToken cancellationToken)
    {
        var teams = await Helpers.HelperQueries.CurrentTeams(db, scope)
            .Select(t => new { Stationed = t.Members.Count(m => m.To == null), First = t.Members.Count(m => m.To == null && m.Role == TeamRole.FirstSecretary) })
            .GroupBy(_ => 1)
            .Select(g => new { Teams = g.LongCount(), Stationed = g.Sum(t => (long)t.Stationed), First = g.Sum(t => (long)t.First) })
            .SingleOrDefaultAsync(cancellationToken);
        var pairings = Helpers.HelperQueries.ActivePairings(db, scope);
        var helpers = scope.Level == ScopeLevel.County
            ? await db.HelperTallies.AsNoTracking().Select(t => new { Cadre = t.Kind == HelperKind.Cadre, Count = t.Paired }).ToListAsync(cancellationToken)
            : await db.Cadres.AsNoTracking().Where(c => pairings.Any(p => p.CadreId == c.Id))
                .GroupBy(c => c.Kind == HelperKind.Cadre)
                .Select(g => new { Cadre = g.Key, Count = g.LongCount() })
                .ToListAsync(cancellationToken);
        return new HelperFigures(
            teams?.Teams ?? 0,
            teams?.Stationed ?? 0,
            teams?.First ?? 0,
            "/api/households/work-teams",
            helpers.Where(h => h.Cadre).Sum(h => h.Count),
            helpers.Where(h => !h.Cadre).Sum(h => h.Count),
            "/api/households/helpers?paired=true",
            pairedHouseholds,
            "/api/households?paired=true");
    }
}
