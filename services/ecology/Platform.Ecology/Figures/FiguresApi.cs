using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Ecology.Compensation;
using Platform.Ecology.Data;
using Platform.Ecology.Domain;
using Platform.Ecology.Households;
using Platform.ServiceDefaults.Auth;

namespace Platform.Ecology.Figures;

/// <summary>A township's rangers: quota, in post, vacancies, and the year's pay.</summary>
public sealed record TownshipRangers(string TownshipCode, int? Quota, int InPost, int Ended, int? Vacancies, int Paid, decimal PayTotal);

/// <summary>
/// 生态护林员 of the year within the scope: the quota and vacancies (county and township scopes; a quota is
/// a township's), rangers in post and ended early, how many were paid and how much.
/// </summary>
public sealed record RangerFigures(int? Quota, int InPost, int Ended, int? Vacancies, int Paid, decimal PayTotal, decimal AnnualPay, IReadOnlyList<TownshipRangers> ByTownship, string List, string PayList, string VacancyList);

public sealed record CompensationKindFigure(CompensationKind Kind, string Name, int Households, decimal AreaMu, decimal Amount);

public sealed record CompensationFigures(int Payments, int Households, decimal Amount, IReadOnlyList<CompensationKindFigure> ByKind, string List);

public sealed record CropFigure(OrchardCrop Crop, string Name, int Projects, decimal AreaMu);

/// <summary>Projects planted up to the year: afforested and orchard areas (by crop), households taking part, the year's wages and dividends.</summary>
public sealed record ProjectFigures(int Projects, decimal AfforestedMu, decimal OrchardMu, IReadOnlyList<CropFigure> ByCrop, int Households, decimal Wages, decimal Dividends, string List);

/// <summary>
/// The pillar's figures (生态补偿脱贫主要指标) of a year within the caller's data scope, each with its drill-down
/// list; <see cref="HouseholdsKnown"/> is how many of the registry's households the pillar has learned.
/// </summary>
public sealed record EcologyFigures(int Year, RangerFigures Rangers, CompensationFigures Compensation, ProjectFigures Projects, int HouseholdsReached, string HouseholdsList, int HouseholdsKnown);

public static class FiguresApi
{
    public static IEndpointRouteBuilder MapFiguresApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/ecology/figures", GetAsync)
            .RequireAuthorization(PlatformPolicies.Read)
            .WithTags("生态补偿指标")
            .WithSummary("生态补偿脱贫指标：各乡镇护林员指标、在岗、空缺和工资，生态补偿发放，精准灭荒和林果基地面积，受益户数；按调用者的数据范围，每项附明细列表地址");
        return app;
    }

    internal static async Task<Ok<EcologyFigures>> GetAsync(
        EcologyDbContext db, CompensationCatalogue catalogue, Rangers.RangerLedger rangers, TimeProvider clock, int? year, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var forYear = year ?? await db.DefaultYearAsync(clock, cancellationToken);
        var scope = DataScope.Of(user);
        var y = forYear.ToString(CultureInfo.InvariantCulture);

        var posts = db.RangerPosts.AsNoTracking().Within(scope).Where(p => p.Year == forYear);
        var byTownship = await posts
            .GroupBy(p => p.TownshipCode)
            .Select(g => new
            {
                Township = g.Key,
                InPost = g.Count(p => p.EndedOn == null),
                Ended = g.Count(p => p.EndedOn != null),
                Paid = g.Count(p => db.RangerPay.Any(x => x.PostId == p.Id)),
                PayTotal = g.Sum(p => db.RangerPay.Where(x => x.PostId == p.Id).Sum(x => (decimal?)x.Amount)) ?? 0m,
            })
            .ToListAsync(cancellationToken);

        // A quota is a township's: county and township scopes see quotas and vacancies, a village none.
        var quotas = scope.Level switch
        {
            ScopeLevel.County => await db.RangerQuotas.AsNoTracking().Where(q => q.Year == forYear).ToDictionaryAsync(q => q.TownshipCode, q => q.Posts, cancellationToken),
            ScopeLevel.Township => await db.RangerQuotas.AsNoTracking().Where(q => q.Year == forYear && q.TownshipCode == scope.Code).ToDictionaryAsync(q => q.TownshipCode, q => q.Posts, cancellationToken),
            _ => null,
        };
        var townships = byTownship.Select(t => t.Township).Union(quotas?.Keys ?? Enumerable.Empty<string>()).Order(StringComparer.Ordinal).ToList();
        var rows = townships.Select(code =>
        {
            var t = byTownship.SingleOrDefault(b => b.Township == code);
            int? quota = quotas is null ? null : quotas.GetValueOrDefault(code);
            var inPost = t?.InPost ?? 0;
            return new TownshipRangers(code, quota, inPost, t?.Ended ?? 0, quota is { } q ? Math.Max(0, q - inPost) : null, t?.Paid ?? 0, t?.PayTotal ?? 0m);
        }).ToList();
        var rangerFigures = new RangerFigures(
            quotas is null ? null : rows.Sum(r => r.Quota ?? 0),
            rows.Sum(r => r.InPost),
            rows.Sum(r => r.Ended),
            quotas is null ? null : rows.Sum(r => r.Vacancies ?? 0),
            rows.Sum(r => r.Paid),
            rows.Sum(r => r.PayTotal),
            rangers.Policy.AnnualPay,
            rows,
            $"/api/ecology/rangers?year={y}",
            $"/api/ecology/rangers/pay?year={y}",
            $"/api/ecology/rangers/quotas?year={y}&vacant=true");

        var households = db.ReplicaHouseholds.AsNoTracking().Within(scope);
        var payments = from p in db.CompensationPayments.AsNoTracking().Where(p => p.Year == forYear)
                       join h in households on p.HouseholdId equals h.Id
                       select p;
        var byKind = await payments.GroupBy(p => p.Kind)
            .Select(g => new { Kind = g.Key, Households = g.Select(p => p.HouseholdId).Distinct().Count(), AreaMu = g.Sum(p => p.AreaMu), Amount = g.Sum(p => p.Amount), Payments = g.Count() })
            .ToListAsync(cancellationToken);
        var compensationFigures = new CompensationFigures(
            byKind.Sum(k => k.Payments),
            await payments.Select(p => p.HouseholdId).Distinct().CountAsync(cancellationToken),
            byKind.Sum(k => k.Amount),
            catalogue.All.Select(s => byKind.SingleOrDefault(k => k.Kind == s.Kind) is { } k
                ? new CompensationKindFigure(s.Kind, s.Name, k.Households, k.AreaMu, k.Amount)
                : new CompensationKindFigure(s.Kind, s.Name, 0, 0m, 0m)).ToList(),
            $"/api/ecology/compensation?year={y}");

        var projects = db.Projects.AsNoTracking().Within(scope).Where(p => p.Year <= forYear);
        var byProject = await projects.GroupBy(p => new { p.Kind, p.Crop })
            .Select(g => new { g.Key.Kind, g.Key.Crop, Projects = g.Count(), AreaMu = g.Sum(p => p.AreaMu) })
            .ToListAsync(cancellationToken);
        var projectHouseholds = from l in db.ProjectHouseholds
                                join p in db.Projects.Where(p => p.Year <= forYear) on l.ProjectId equals p.Id
                                join h in households on l.HouseholdId equals h.Id
                                select l.HouseholdId;
        var incomes = await (from i in db.ProjectIncomes.Where(i => i.Year == forYear)
                             join h in households on i.HouseholdId equals h.Id
                             group i by i.Kind into g
                             select new { Kind = g.Key, Amount = g.Sum(i => i.Amount) }).ToListAsync(cancellationToken);
        var projectFigures = new ProjectFigures(
            byProject.Sum(p => p.Projects),
            byProject.Where(p => p.Kind == ProjectKind.Afforestation).Sum(p => p.AreaMu),
            byProject.Where(p => p.Kind == ProjectKind.Orchard).Sum(p => p.AreaMu),
            byProject.Where(p => p.Crop is not null).OrderBy(p => p.Crop).Select(p => new CropFigure(p.Crop!.Value, EcologyNames.Of(p.Crop.Value), p.Projects, p.AreaMu)).ToList(),
            await projectHouseholds.Distinct().CountAsync(cancellationToken),
            incomes.Where(i => i.Kind == ProjectIncomeKind.Wage).Sum(i => i.Amount),
            incomes.Where(i => i.Kind == ProjectIncomeKind.Dividend).Sum(i => i.Amount),
            "/api/ecology/projects");

        var reached = await HouseholdsApi.Reached(db, scope, forYear).CountAsync(cancellationToken);
        var known = await households.CountAsync(cancellationToken);
        return TypedResults.Ok(new EcologyFigures(forYear, rangerFigures, compensationFigures, projectFigures, reached, $"/api/ecology/households?year={y}", known));
    }
}
