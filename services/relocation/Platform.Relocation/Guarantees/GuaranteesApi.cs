using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Relocation.Cases;
using Platform.Relocation.Data;
using Platform.Relocation.Domain;
using Platform.Relocation.Households;
using Platform.Relocation.Housing;
using Platform.Relocation.Water;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;

namespace Platform.Relocation.Guarantees;

/// <summary>
/// A household's guarantee with the household's number and village, as the list and its export read it (a class with
/// init members: EF orders by them, not by a record's constructor arguments).
/// </summary>
public sealed class GuaranteeRow
{
    public required GuaranteeState State { get; init; }

    public required string HouseholdNumber { get; init; }

    public required string VillageCode { get; init; }
}

public sealed record GuaranteeDto(Guid HouseholdId, string HouseholdNumber, string VillageCode, Guarantee Guarantee, bool Met, string Reason, string SourceRecordId, DateTimeOffset AssessedAt);

/// <summary>A registered household's relocation, housing and water, as this pillar knows them.</summary>
public sealed record HouseholdSafetyDto(
    Guid HouseholdId, string HouseholdNumber, string VillageCode, IReadOnlyList<GuaranteeDto> Guarantees, CaseDto? Relocation,
    IReadOnlyList<AppraisalDto> Appraisals, IReadOnlyList<RenovationDto> Renovations, IReadOnlyList<ToiletDto> Toilets, IReadOnlyList<WaterProjectDto> WaterSupply);

/// <summary>住房安全、饮水安全 per household for the county portal (through the gateway at /api/relocation).</summary>
public static class GuaranteesApi
{
    public static IEndpointRouteBuilder MapGuaranteesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/relocation").WithTags("住房和饮水安全保障").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/guarantees", ListAsync).WithSummary("各户住房安全、饮水安全保障情况：guarantee = safe-housing 或 safe-drinking-water，可按是否达标、乡镇、村筛选，分页");
        api.MapGet("/households/{householdId:guid}", HouseholdAsync).WithSummary("一户的搬迁档案、房屋鉴定、危房改造、改厕、供水工程和两项保障");
        return app;
    }

    internal static async Task<Results<Ok<Page<GuaranteeDto>>, ValidationProblem>> ListAsync(
        RelocationDbContext db, string? guarantee, bool? met, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var query = Filtered(db, guarantee, met, township, village, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<GuaranteeDto>(
            rows.Select(r => Dto(r.State, r.HouseholdNumber, r.VillageCode)).ToList(), pageNumber, size, total));
    }

    /// <summary>The households' guarantees of the list (and of its export), in the list's order: the caller's scope and the filters.</summary>
    internal static IQueryable<GuaranteeRow> Filtered(
        RelocationDbContext db, string? guarantee, bool? met, string? township, string? village, ClaimsPrincipal user, Dictionary<string, string[]> errors)
    {
        Guarantee? which = null;
        if (!string.IsNullOrWhiteSpace(guarantee))
        {
            if (Codes.TryParse<Guarantee>(guarantee, out var g) && GuaranteeState.Owned.Contains(g))
            {
                which = g;
            }
            else
            {
                FieldErrors.Add(errors, "guarantee", "应为 safe-housing 或 safe-drinking-water");
            }
        }

        var households = db.ReplicaHouseholds.AsNoTracking().Within(DataScope.Of(user));
        if (!string.IsNullOrWhiteSpace(township))
        {
            households = households.Where(h => h.TownshipCode == township.Trim());
        }

        if (!string.IsNullOrWhiteSpace(village))
        {
            households = households.Where(h => h.VillageCode == village.Trim());
        }

        return db.Guarantees.AsNoTracking()
            .Where(g => which == null || g.Guarantee == which)
            .Where(g => met == null || g.Met == met)
            .Join(households, g => g.HouseholdId, h => h.Id, (g, h) => new GuaranteeRow { State = g, HouseholdNumber = h.HouseholdNumber, VillageCode = h.VillageCode })
            .OrderBy(r => r.VillageCode).ThenBy(r => r.HouseholdNumber).ThenBy(r => r.State.Guarantee);
    }

    internal static async Task<Results<Ok<HouseholdSafetyDto>, ProblemHttpResult>> HouseholdAsync(
        Guid householdId, RelocationDbContext db, IOptions<WaterStandards> standards, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var household = await db.ReplicaHouseholds.AsNoTracking().Within(DataScope.Of(user)).SingleOrDefaultAsync(h => h.Id == householdId, cancellationToken);
        if (household is null)
        {
            return Problems.NotFound("该建档立卡户不存在或尚未同步到本行业");
        }

        var states = await db.Guarantees.AsNoTracking().Where(g => g.HouseholdId == householdId).OrderBy(g => g.Guarantee).ToListAsync(cancellationToken);
        var relocation = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.HouseholdId == householdId, cancellationToken);
        var appraisals = await db.Appraisals.AsNoTracking().Where(a => a.HouseholdId == householdId).OrderByDescending(a => a.AppraisedOn).ToListAsync(cancellationToken);
        var renovations = await db.Renovations.AsNoTracking().Where(r => r.HouseholdId == householdId).OrderByDescending(r => r.StartedOn).ToListAsync(cancellationToken);
        var toilets = await db.Toilets.AsNoTracking().Where(t => t.HouseholdId == householdId).ToListAsync(cancellationToken);
        var village = household.VillageCode;
        var scattered = db.WaterProjectHouseholds.Where(s => s.HouseholdId == householdId).Select(s => s.ProjectId);
        var supply = await db.WaterProjects.AsNoTracking()
            .Where(p => (p.Kind == WaterProjectKind.Centralised && p.ServedVillages.Contains(village)) || scattered.Contains(p.Id))
            .OrderBy(p => p.Code).ToListAsync(cancellationToken);
        return TypedResults.Ok(new HouseholdSafetyDto(
            household.Id,
            household.HouseholdNumber,
            household.VillageCode,
            states.Select(s => Dto(s, household.HouseholdNumber, household.VillageCode)).ToList(),
            relocation is null ? null : (await CasesApi.DtosAsync(db, [relocation], cancellationToken))[0],
            appraisals.Select(AppraisalDto.From).ToList(),
            renovations.Select(RenovationDto.From).ToList(),
            toilets.Select(ToiletDto.From).ToList(),
            supply.Select(p => WaterProjectDto.From(p, 0, standards.Value)).ToList()));
    }

    private static GuaranteeDto Dto(GuaranteeState s, string number, string village) =>
        new(s.HouseholdId, number, village, s.Guarantee, s.Met, s.Reason, s.SourceRecordId, s.AssessedAt);
}
