using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Industry.Entities;
using Platform.Industry.Households;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;

namespace Platform.Industry.Figures;

/// <summary>产业覆盖率 = covered ÷ registered households; 产业带动脱贫 = exited households with counted industry income.</summary>
public sealed record CoverageFigures(long RegisteredHouseholds, long CoveredHouseholds, decimal CoveragePercent, long LiftedByIndustry, string List, string LiftedList);

public sealed record IndustryFigure(string Industry, string Name, string Unit, string? Category, int Bases, decimal AreaMu, long Head, string List);

public sealed record BaseFigures(int Bases, decimal PlantedMu, long LivestockHead, IReadOnlyList<IndustryFigure> ByIndustry, string List);

public sealed record EntityFigures(int NewMarketEntities, IReadOnlyDictionary<string, int> ByKind, string List);

public sealed record ModelFigure(string Model, string Name, int Entities, int Projects, string List);

public sealed record ModelFigures(int Models, IReadOnlyList<ModelFigure> ByModel);

public sealed record ProjectFigures(int Projects, int Households, decimal Subsidy, string List);

/// <summary>Workshops, the people employed in them now, people on public-welfare posts and transferred labour (distinct people).</summary>
public sealed record JobFigures(int Workshops, int WorkshopWorkers, int PublicWelfarePosts, int LabourTransferred, int OpenMatchingTasks, string WorkshopList, string EmploymentList);

public sealed record IncomeFigures(IReadOnlyDictionary<string, decimal> ByKind, decimal CountedTowardExit, string List);

public sealed record SalesFigures(int Sales, decimal BenefitToHouseholds, string List);

/// <summary>The county's industry and jobs figures (发展生产脱贫主要指标), within the caller's data scope; each with the list it counts.</summary>
public sealed record IndustryFigures(
    int? Year, CoverageFigures Coverage, BaseFigures Bases, EntityFigures Entities, ModelFigures Models, ProjectFigures Projects, JobFigures Jobs, IncomeFigures Income,
    SalesFigures Consumption, int WorkListOpen);

public static class FiguresApi
{
    public static IEndpointRouteBuilder MapFiguresApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/industry/figures", GetAsync)
            .RequireAuthorization(PlatformPolicies.Read)
            .WithTags("产业就业扶贫指标")
            .WithSummary("产业就业扶贫指标：产业覆盖率、产业带动脱贫户、基地面积与存栏、经营主体（按类型）、产业扶贫模式、产业到户与奖补、扶贫车间及就业人数、公益性岗位、转移就业、收入（按类型）、消费扶贫、工作清单；每项附明细列表地址；按调用者的数据范围，year 限定年度（项目、就业、收入、销售）");
        return app;
    }

    internal static async Task<Results<Ok<IndustryFigures>, ValidationProblem>> GetAsync(
        IndustryDbContext db, IndustryCatalogue catalogue, int? year, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (year is < ProjectRules.FirstYear or > 2100)
        {
            return Problems.Validation("year", $"年度应不早于{ProjectRules.FirstYear}年");
        }

        var scope = DataScope.Of(user);
        var households = db.HouseholdsWithin(scope).AsNoTracking();
        // Coverage is of the 建档立卡 households (poor or exited): a household entered for monitoring only is not one.
        var registeredHouseholds = households.Where(h => h.Status != HouseholdStatus.Monitored);
        var registered = await registeredHouseholds.LongCountAsync(cancellationToken);
        var covered = await registeredHouseholds.Covered(db).LongCountAsync(cancellationToken);
        var lifted = await registeredHouseholds.LiftedByIndustry(db).LongCountAsync(cancellationToken);

        var bases = await db.Bases.AsNoTracking().Within(scope)
            .GroupBy(b => b.Industry)
            .Select(g => new { Industry = g.Key, Count = g.Count(), Area = g.Sum(b => b.AreaMu) ?? 0m, Head = g.Sum(b => b.Head) ?? 0L })
            .ToListAsync(cancellationToken);
        var byIndustry = catalogue.Industries.Select(i =>
        {
            var row = bases.SingleOrDefault(b => b.Industry == i.Code);
            return new IndustryFigure(i.Code, i.Name, i.Unit, i.Category, row?.Count ?? 0, row?.Area ?? 0m, row?.Head ?? 0L, $"/api/industry/bases?industry={i.Code}");
        }).ToList();

        var kinds = await db.Entities.AsNoTracking().Within(scope).GroupBy(e => e.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byKind = Enum.GetValues<EntityKind>().ToDictionary(Codes.Of, k => kinds.Where(x => x.Kind == k).Sum(x => x.Count));

        var entityModels = await db.Entities.AsNoTracking().Within(scope).Where(e => e.Model != null)
            .GroupBy(e => e.Model!).Select(g => new { Model = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var projects = db.Projects.AsNoTracking().OfHouseholdsWithin(db, scope);
        if (year is { } projectYear)
        {
            projects = projects.Where(p => p.Year == projectYear);
        }

        var projectModels = await projects.Where(p => p.Model != null).GroupBy(p => p.Model!).Select(g => new { Model = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var projectTotals = await projects.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Households = g.Select(p => p.HouseholdId).Distinct().Count(), Subsidy = g.Sum(p => p.Subsidy) })
            .SingleOrDefaultAsync(cancellationToken);

        var employment = db.Employment.AsNoTracking().OfHouseholdsWithin(db, scope).Where(r => r.EndedOn == null);
        if (year is { } jobYear)
        {
            employment = employment.Where(r => r.Year == jobYear);
        }

        var people = await employment.GroupBy(r => r.Kind).Select(g => new { Kind = g.Key, People = g.Select(r => r.MemberId).Distinct().Count() }).ToListAsync(cancellationToken);
        int PeopleIn(EmploymentKind kind) => people.Where(p => p.Kind == kind).Sum(p => p.People);
        var openTasks = await db.MatchingTasks.AsNoTracking().OfHouseholdsWithin(db, scope).CountAsync(t => t.ClosedAt == null, cancellationToken);

        var income = db.Income.AsNoTracking().OfHouseholdsWithin(db, scope);
        if (year is { } incomeYear)
        {
            income = income.Where(i => i.Year == incomeYear);
        }

        var incomeByKind = await income.GroupBy(i => new { i.Kind, i.CountsTowardExit }).Select(g => new { g.Key.Kind, g.Key.CountsTowardExit, Amount = g.Sum(i => i.Amount) })
            .ToListAsync(cancellationToken);

        var shares = db.SaleShares.AsNoTracking().OfHouseholdsWithin(db, scope);
        if (year is { } saleYear)
        {
            var from = new DateOnly(saleYear, 1, 1);
            var to = new DateOnly(saleYear, 12, 31);
            shares = shares.Where(s => db.Sales.Any(x => x.Id == s.SaleId && x.SoldOn >= from && x.SoldOn <= to));
        }

        var sales = await shares.GroupBy(_ => 1).Select(g => new { Sales = g.Select(s => s.SaleId).Distinct().Count(), Amount = g.Sum(s => s.Amount) }).SingleOrDefaultAsync(cancellationToken);
        var workList = await db.WorkList.AsNoTracking().OfHouseholdsWithin(db, scope).CountAsync(w => w.RemovedOn == null, cancellationToken);
        var yearParameter = year is { } y ? $"&year={y}" : string.Empty;

        return TypedResults.Ok(new IndustryFigures(
            year,
            new CoverageFigures(registered, covered, CoverageRules.Percent(covered, registered), lifted, "/api/industry/households?covered=true", "/api/industry/households?lifted=true"),
            new BaseFigures(bases.Sum(b => b.Count), bases.Sum(b => b.Area), bases.Sum(b => b.Head), byIndustry, "/api/industry/bases"),
            new EntityFigures(kinds.Where(k => EntityRules.IsNewMarketEntity(k.Kind)).Sum(k => k.Count), byKind, "/api/industry/entities?newMarketEntity=true"),
            new ModelFigures(
                catalogue.Models.Count,
                catalogue.Models.Select(m => new ModelFigure(
                    m.Code, m.Name, entityModels.Where(x => x.Model == m.Code).Sum(x => x.Count), projectModels.Where(x => x.Model == m.Code).Sum(x => x.Count), $"/api/industry/entities?model={m.Code}")).ToList()),
            new ProjectFigures(projectTotals?.Count ?? 0, projectTotals?.Households ?? 0, projectTotals?.Subsidy ?? 0m, "/api/industry/projects" + (year is { } py ? $"?year={py}" : string.Empty)),
            new JobFigures(
                byKind[Codes.Of(EntityKind.Workshop)], PeopleIn(EmploymentKind.Workshop), PeopleIn(EmploymentKind.PublicWelfarePost), PeopleIn(EmploymentKind.TransferredOut), openTasks,
                "/api/industry/entities?kind=workshop", "/api/industry/employment?current=true" + yearParameter),
            new IncomeFigures(
                Enum.GetValues<IncomeKind>().Where(k => k != IncomeKind.ProductionCost).ToDictionary(Codes.Of, k => incomeByKind.Where(x => x.Kind == k).Sum(x => x.Amount)),
                incomeByKind.Where(x => x.CountsTowardExit).Sum(x => x.Amount),
                "/api/industry/income" + (year is { } iy ? $"?year={iy}" : string.Empty)),
            new SalesFigures(sales?.Sales ?? 0, sales?.Amount ?? 0m, "/api/industry/sales" + (year is { } sy ? $"?year={sy}" : string.Empty)),
            workList));
    }
}
