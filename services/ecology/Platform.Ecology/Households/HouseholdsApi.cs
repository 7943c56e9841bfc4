using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Households;
using Platform.Ecology.Compensation;
using Platform.Ecology.Data;
using Platform.Ecology.Domain;
using Platform.Ecology.Projects;
using Platform.Ecology.Rangers;
using Platform.Messaging.Households;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;

namespace Platform.Ecology.Households;

/// <summary>A household the pillar reached in a year: a ranger post, compensation, or work or shares in a project.</summary>
public sealed record HouseholdReachedDto(Guid HouseholdId, string HouseholdNumber, string TownshipCode, string VillageCode, bool Ranger, decimal Compensation, int Projects);

public sealed record HouseholdProjectDto(Guid ProjectId, string Name, ProjectKind Kind, string VillageCode, IReadOnlyList<ProjectIncomeDto> Incomes);

/// <summary>What the ecology pillar did for one household: its rangers, its compensation, its projects.</summary>
public sealed record HouseholdEcologyDto(
    Guid HouseholdId, string HouseholdNumber, string TownshipCode, string VillageCode, HouseholdStatus Status,
    IReadOnlyList<RangerDto> Rangers, IReadOnlyList<CompensationDto> Compensation, IReadOnlyList<HouseholdProjectDto> Projects);

/// <summary>Households reached by the pillar (the figures' drill-down) and one household's ecology file.</summary>
public static class HouseholdsApi
{
    public static IEndpointRouteBuilder MapHouseholdsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/ecology/households").WithTags("受益农户").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/", ListAsync).WithSummary("生态补偿受益户：当年有护林员岗位、生态补偿或参与生态项目的建档立卡户，按乡镇、村筛选，分页（受益户指标的明细）");
        api.MapGet("/{householdId:guid}", GetAsync).WithSummary("一户的护林员岗位、生态补偿和参与的项目");
        return app;
    }

    /// <summary>The households of the caller's scope the pillar reached in <paramref name="year"/> (projects planted that year or before).</summary>
    public static IQueryable<ReplicaHousehold> Reached(EcologyDbContext db, DataScope scope, int year)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = db.RangerPosts.Where(p => p.Year == year).Select(p => p.HouseholdId)
            .Union(db.CompensationPayments.Where(p => p.Year == year).Select(p => p.HouseholdId))
            .Union(from l in db.ProjectHouseholds join p in db.Projects on l.ProjectId equals p.Id where p.Year <= year select l.HouseholdId);
        return db.ReplicaHouseholds.AsNoTracking().Within(scope).Where(h => ids.Contains(h.Id));
    }

    internal static async Task<Results<Ok<Page<HouseholdReachedDto>>, ValidationProblem>> ListAsync(
        EcologyDbContext db, TimeProvider clock, int? year, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Paging.Validate(page, pageSize, out var pageNumber, out var size) is { } errors)
        {
            return Problems.Validation(errors);
        }

        var households = await FilteredAsync(db, clock, year, township, village, user, cancellationToken);
        var total = await households.LongCountAsync(cancellationToken);
        var rows = await households.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<HouseholdReachedDto>(rows, pageNumber, size, total));
    }

    /// <summary>The reached households of the list (and of its export), in the list's order: the caller's scope, the year (default: the latest) and the place.</summary>
    internal static async Task<IQueryable<HouseholdReachedDto>> FilteredAsync(
        EcologyDbContext db, TimeProvider clock, int? year, string? township, string? village, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var forYear = year ?? await db.DefaultYearAsync(clock, cancellationToken);
        return Reached(db, DataScope.Of(user), forYear).Narrow(township, village, h => h.TownshipCode, h => h.VillageCode)
            .OrderBy(h => h.VillageCode).ThenBy(h => h.HouseholdNumber)
            .Select(h => new HouseholdReachedDto(
                h.Id,
                h.HouseholdNumber,
                h.TownshipCode,
                h.VillageCode,
                db.RangerPosts.Any(p => p.HouseholdId == h.Id && p.Year == forYear),
                db.CompensationPayments.Where(p => p.HouseholdId == h.Id && p.Year == forYear).Sum(p => (decimal?)p.Amount) ?? 0m,
                db.ProjectHouseholds.Count(l => l.HouseholdId == h.Id)));
    }

    internal static async Task<Results<Ok<HouseholdEcologyDto>, ProblemHttpResult>> GetAsync(
        Guid householdId, EcologyDbContext db, CompensationCatalogue catalogue, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var household = await db.ReplicaHouseholds.AsNoTracking().Within(scope).SingleOrDefaultAsync(h => h.Id == householdId, cancellationToken);
        if (household is null)
        {
            return Problems.NotFound("生态补偿尚未收到该建档立卡户");
        }

        // The household's own posts, wherever their forest is: the household is in the caller's scope.
        var rangers = await db.RangerPosts.AsNoTracking().Where(p => p.HouseholdId == householdId).OrderByDescending(p => p.Year).Rows(db).ToListAsync(cancellationToken);
        var compensation = await db.CompensationPayments.AsNoTracking().Where(p => p.HouseholdId == householdId)
            .OrderByDescending(p => p.Year).ThenBy(p => p.Kind).ToListAsync(cancellationToken);
        var projects = await (from l in db.ProjectHouseholds.Where(l => l.HouseholdId == householdId)
                              join p in db.Projects on l.ProjectId equals p.Id
                              select p).AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var incomes = (await db.ProjectIncomes.AsNoTracking().Where(i => i.HouseholdId == householdId).ToListAsync(cancellationToken)).ToLookup(i => i.ProjectId);
        return TypedResults.Ok(new HouseholdEcologyDto(
            household.Id,
            household.HouseholdNumber,
            household.TownshipCode,
            household.VillageCode,
            household.Status,
            rangers.Select(r => r.ToDto()).ToList(),
            compensation.Select(p => CompensationApi.Dto(p, household.HouseholdNumber, household.TownshipCode, household.VillageCode, catalogue)).ToList(),
            projects.Select(p => new HouseholdProjectDto(
                p.Id, p.Name, p.Kind, p.VillageCode,
                incomes[p.Id].OrderBy(i => i.Year).ThenBy(i => i.Kind).Select(i => new ProjectIncomeDto(i.Id, i.ProjectId, i.HouseholdId, i.MemberId, i.Kind, i.Year, i.Amount, i.Note)).ToList())).ToList()));
    }
}
