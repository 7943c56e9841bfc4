using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Relocation;
using Platform.Relocation.Data;
using Platform.Relocation.Domain;
using Platform.Relocation.Guarantees;
using Platform.Relocation.Households;
using Platform.Relocation.Subsidies;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Relocation.Cases;

public sealed record PlanRequest(Guid? HouseholdId, string? Mode, Guid? SiteId, string? DestinationVillageCode, DateOnly? PlannedOn, string? PlannedBy);

public sealed record StepRequest(DateOnly? On, string? By, string? HousingUnit, int? FloorArea, decimal? ReclaimedMu);

public sealed record SubsidyRequest(decimal? Amount, DateOnly? PaidOn);

public sealed record StepDto(DateOnly On, string By);

/// <summary>A relocation case with each step's date and who recorded it.</summary>
public sealed record CaseDto(
    Guid Id, Guid HouseholdId, string HouseholdNumber, ResettlementMode Mode, Guid? SiteId, string? SiteName,
    string OriginVillageCode, string DestinationVillageCode, string VillageCode, RelocationStep Step,
    StepDto Planned, StepDto? HousingAllocated, StepDto? MovedIn, StepDto? OldHouseDemolished,
    string? HousingUnit, int? FloorArea, int? People, decimal? ReclaimedMu, decimal? Subsidy)
{
    public static CaseDto From(RelocationCase c, string? siteName, decimal? subsidy) => new(
        c.Id, c.HouseholdId, c.HouseholdNumber, c.Mode, c.SiteId, siteName, c.OriginVillageCode, c.DestinationVillageCode, c.VillageCode, c.Step,
        new StepDto(c.PlannedOn, c.PlannedBy),
        c.AllocatedOn is { } a ? new StepDto(a, c.AllocatedBy!) : null,
        c.MovedInOn is { } m ? new StepDto(m, c.MovedInBy!) : null,
        c.DemolishedOn is { } d ? new StepDto(d, c.DemolishedBy!) : null,
        c.HousingUnit, c.FloorArea, c.People, c.ReclaimedMu, subsidy);
}

/// <summary>易地扶贫搬迁档案 for the county portal (through the gateway at /api/relocation/cases).</summary>
public static class CasesApi
{
    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/relocation/cases").WithTags("易地扶贫搬迁").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/", ListAsync).WithSummary("搬迁档案列表：按环节、安置方式、安置点、乡镇、村、是否已入住筛选，分页");
        api.MapGet("/{id:guid}", GetAsync).WithSummary("搬迁档案详情：各环节日期与经办人");
        api.MapPost("/", PlanAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<RelocationDbContext>()
            .WithSummary("纳入搬迁计划：建档立卡户、安置方式、安置点（分散安置写迁入村）、计划日期（每户一份档案；支持 Idempotency-Key 重试）");
        api.MapPost("/{id:guid}/steps/allocation", (Guid id, [FromBody] StepRequest request, RelocationDbContext db, SafetyBook book, CaseLedger ledger, ClaimsPrincipal user, CancellationToken ct) =>
                StepAsync(id, request, RelocationStep.HousingAllocated, db, book, ledger, user, ct))
            .RequireAuthorization(PlatformPolicies.PillarWrite).WithSummary("分配安置房：日期、经办人、房号、面积（人均不超过25平方米）");
        api.MapPost("/{id:guid}/steps/move-in", (Guid id, [FromBody] StepRequest request, RelocationDbContext db, SafetyBook book, CaseLedger ledger, ClaimsPrincipal user, CancellationToken ct) =>
                StepAsync(id, request, RelocationStep.MovedIn, db, book, ledger, user, ct))
            .RequireAuthorization(PlatformPolicies.PillarWrite).WithSummary("搬迁入住：户籍登记随迁至安置点所在村，住房安全有保障");
        api.MapPost("/{id:guid}/steps/demolition", (Guid id, [FromBody] StepRequest request, RelocationDbContext db, SafetyBook book, CaseLedger ledger, ClaimsPrincipal user, CancellationToken ct) =>
                StepAsync(id, request, RelocationStep.OldHouseDemolished, db, book, ledger, user, ct))
            .RequireAuthorization(PlatformPolicies.PillarWrite).WithSummary("拆旧复垦：日期、经办人、复垦面积（亩）");
        api.MapPost("/{id:guid}/subsidy", SubsidyAsync).RequireAuthorization(PlatformPolicies.PillarWrite)
            .WithSummary("发放（或更正）搬迁补助：记为转移性收入，不计入稳定脱贫收入");
        return app;
    }

    internal static async Task<Results<Ok<Page<CaseDto>>, ValidationProblem>> ListAsync(
        RelocationDbContext db, string? step, string? mode, Guid? siteId, string? township, string? village, bool? movedIn,
        int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var query = Filtered(db, step, mode, siteId, township, village, movedIn, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<CaseDto>(await DtosAsync(db, rows, cancellationToken), pageNumber, size, total));
    }

    /// <summary>The cases of a list (and of its export), in the list's order: the caller's scope and the filters.</summary>
    internal static IQueryable<RelocationCase> Filtered(
        RelocationDbContext db, string? step, string? mode, Guid? siteId, string? township, string? village, bool? movedIn, ClaimsPrincipal user,
        Dictionary<string, string[]> errors)
    {
        var query = db.Cases.AsNoTracking().Within(DataScope.Of(user));
        if (!string.IsNullOrWhiteSpace(step))
        {
            if (Codes.TryParse<RelocationStep>(step, out var s))
            {
                query = s switch
                {
                    RelocationStep.Planned => query.Where(c => c.AllocatedOn == null),
                    RelocationStep.HousingAllocated => query.Where(c => c.AllocatedOn != null && c.MovedInOn == null),
                    RelocationStep.MovedIn => query.Where(c => c.MovedInOn != null && c.DemolishedOn == null),
                    _ => query.Where(c => c.DemolishedOn != null),
                };
            }
            else
            {
                FieldErrors.Add(errors, "step", $"环节应为：{Codes.List<RelocationStep>()}");
            }
        }

        if (!string.IsNullOrWhiteSpace(mode))
        {
            if (Codes.TryParse<ResettlementMode>(mode, out var m))
            {
                query = query.Where(c => c.Mode == m);
            }
            else
            {
                FieldErrors.Add(errors, "mode", $"安置方式应为：{Codes.List<ResettlementMode>()}");
            }
        }

        if (siteId is { } site)
        {
            query = query.Where(c => c.SiteId == site);
        }

        if (movedIn is { } wanted)
        {
            query = query.Where(c => (c.MovedInOn != null) == wanted);
        }

        if (!string.IsNullOrWhiteSpace(township))
        {
            query = query.Where(c => c.TownshipCode == township.Trim());
        }

        if (!string.IsNullOrWhiteSpace(village))
        {
            query = query.Where(c => c.VillageCode == village.Trim());
        }

        return query.OrderBy(c => c.PlannedOn).ThenBy(c => c.Id);
    }

    internal static async Task<Results<Ok<CaseDto>, ProblemHttpResult>> GetAsync(Guid id, RelocationDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var found = await db.Cases.AsNoTracking().Within(DataScope.Of(user)).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return found is null ? Problems.NotFound("搬迁档案不存在") : TypedResults.Ok((await DtosAsync(db, [found], cancellationToken))[0]);
    }

    internal static async Task<Results<Created<CaseDto>, ProblemHttpResult>> PlanAsync(
        [FromBody] PlanRequest request, RelocationDbContext db, SafetyBook book, CaseLedger ledger, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.HouseholdId is null)
        {
            FieldErrors.Add(errors, "householdId", "请指定建档立卡户");
        }

        if (!Codes.TryParse<ResettlementMode>(request.Mode, out var mode))
        {
            FieldErrors.Add(errors, "mode", $"安置方式应为：{Codes.List<ResettlementMode>()}");
        }

        var destination = request.DestinationVillageCode?.Trim() is { Length: > 0 } given ? given : null;
        if (destination is not null && (!Rules.IsVillageCode(destination) || mode != ResettlementMode.Scattered))
        {
            FieldErrors.Add(errors, "destinationVillageCode", "迁入村仅分散安置填写，为12位村代码");
        }

        if (request.PlannedOn is null)
        {
            FieldErrors.Add(errors, "plannedOn", "请填写纳入计划日期");
        }

        if (errors.Count > 0)
        {
            return Outcome<RelocationCase>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var scope = DataScope.Of(user);
        var households = await db.FactsAsync([request.HouseholdId!.Value], scope, cancellationToken);
        if (!households.TryGetValue(request.HouseholdId.Value, out var household))
        {
            return Outcome<RelocationCase>.Refused(Refusal.NotFound, "householdId", "建档立卡户不存在").ToProblem();
        }

        if (destination is not null && !scope.Covers(destination))
        {
            return Outcome<RelocationCase>.Refused(Refusal.Forbidden, "destinationVillageCode", "该行政村不在您的管辖范围内").ToProblem();
        }

        ResettlementSite? site = null;
        if (request.SiteId is { } siteId && (site = await db.Sites.Within(scope).SingleOrDefaultAsync(s => s.Id == siteId, cancellationToken)) is null)
        {
            return Outcome<RelocationCase>.Refused(Refusal.NotFound, "siteId", "安置点不存在").ToProblem();
        }

        var by = request.PlannedBy?.Trim() is { Length: > 0 } named ? named : PlatformClaims.Actor(user) ?? "unknown";
        var plan = RelocationCase.CanPlan(mode, site, request.PlannedOn!.Value, by, clock.Today());
        if (!plan.Succeeded)
        {
            return Outcome<RelocationCase>.Refused(Refusal.Invalid, plan.Field!, plan.Error!).ToProblem();
        }

        await book.LoadAsync([household.Id], cancellationToken);
        if (book.CaseOf(household.Id) is not null)
        {
            return Outcome<RelocationCase>.Refused(Refusal.Conflict, "householdId", "该户已有搬迁档案").ToProblem();
        }

        var relocation = ledger.Plan(household, mode, site, destination, request.PlannedOn.Value, by);
        var saved = await db.SaveAsOutcomeAsync(relocation, ("householdId", "请重试"), _ => ("householdId", "该户已有搬迁档案"), cancellationToken);
        return saved.Value is null
            ? saved.ToProblem()
            : TypedResults.Created($"/api/relocation/cases/{relocation.Id}", CaseDto.From(relocation, site?.Name, null));
    }

    internal static async Task<Results<Ok<CaseDto>, ProblemHttpResult>> StepAsync(
        Guid id, StepRequest request, RelocationStep step, RelocationDbContext db, SafetyBook book, CaseLedger ledger, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (relocation, household, site) = await FindAsync(id, db, book, user, cancellationToken);
        if (relocation is null || household is null)
        {
            return Problems.NotFound("搬迁档案不存在");
        }

        var field = step switch
        {
            RelocationStep.HousingAllocated => "allocatedOn",
            RelocationStep.MovedIn => "movedInOn",
            _ => "demolishedOn",
        };
        if (request.On is not { } on)
        {
            return Outcome<RelocationCase>.Refused(Refusal.Invalid, "on", "请填写日期").ToProblem();
        }

        var by = request.By?.Trim() is { Length: > 0 } named ? named : PlatformClaims.Actor(user) ?? "unknown";
        var steps = step switch
        {
            RelocationStep.HousingAllocated => new CaseSteps(on, by, request.HousingUnit, request.FloorArea, null, null, null, null, null),
            RelocationStep.MovedIn => new CaseSteps(null, null, null, null, on, by, null, null, null),
            _ => new CaseSteps(null, null, null, null, null, null, on, by, request.ReclaimedMu),
        };
        var already = step switch
        {
            RelocationStep.HousingAllocated => relocation.AllocatedOn,
            RelocationStep.MovedIn => relocation.MovedInOn,
            _ => relocation.DemolishedOn,
        };
        if (already is not null)
        {
            return Outcome<RelocationCase>.Refused(Refusal.Conflict, field, "该环节已登记").ToProblem();
        }

        var (result, _) = await ledger.AdvanceAsync(relocation, steps, household, site, cancellationToken);
        if (!result.Succeeded)
        {
            return Outcome<RelocationCase>.Refused(Refusal.Invalid, result.Field == field ? "on" : result.Field!, result.Error!).ToProblem();
        }

        var saved = await db.SaveAsOutcomeAsync(relocation, ("case", "该档案或安置点刚被他人修改，请刷新后重试"), _ => ("case", "请重试"), cancellationToken);
        return saved.Value is null ? saved.ToProblem() : TypedResults.Ok(CaseDto.From(relocation, site?.Name, null));
    }

    internal static async Task<Results<Ok<CaseDto>, ProblemHttpResult>> SubsidyAsync(
        Guid id, [FromBody] SubsidyRequest request, RelocationDbContext db, SafetyBook book, CaseLedger ledger, SubsidyLedger subsidies,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (relocation, _, site) = await FindAsync(id, db, book, user, cancellationToken);
        if (relocation is null)
        {
            return Problems.NotFound("搬迁档案不存在");
        }

        if (request.Amount is not { } amount || !SubsidyPayment.CheckAmount(amount).Succeeded)
        {
            return Outcome<RelocationCase>.Refused(Refusal.Invalid, "amount", SubsidyPayment.CheckAmount(request.Amount ?? 0).Error!).ToProblem();
        }

        await subsidies.LoadAsync([CaseLedger.SourceOf(relocation)], cancellationToken);
        var paid = ledger.PaySubsidy(relocation, amount, request.PaidOn ?? relocation.MovedInOn ?? default, PlatformClaims.Actor(user) ?? "unknown", out _);
        if (!paid.Succeeded)
        {
            return Outcome<RelocationCase>.Refused(Refusal.Invalid, paid.Field!, paid.Error!).ToProblem();
        }

        var saved = await db.SaveAsOutcomeAsync(relocation, ("case", "请重试"), _ => ("case", "请重试"), cancellationToken);
        return saved.Value is null ? saved.ToProblem() : TypedResults.Ok(CaseDto.From(relocation, site?.Name, amount));
    }

    /// <summary>The case inside the caller's scope, its household (from the replica) and its site, loaded into the unit of work.</summary>
    private static async Task<(RelocationCase? Case, HouseholdFacts? Household, ResettlementSite? Site)> FindAsync(
        Guid id, RelocationDbContext db, SafetyBook book, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var householdId = await db.Cases.AsNoTracking().Within(scope).Where(c => c.Id == id).Select(c => (Guid?)c.HouseholdId).SingleOrDefaultAsync(cancellationToken);
        if (householdId is null)
        {
            return (null, null, null);
        }

        var households = await db.FactsAsync([householdId.Value], new DataScope(ScopeLevel.County, null), cancellationToken);
        await book.LoadAsync([householdId.Value], cancellationToken);
        var relocation = book.CaseOf(householdId.Value);
        var site = relocation?.SiteId is { } siteId ? await db.Sites.SingleAsync(s => s.Id == siteId, cancellationToken) : null;
        return (relocation, households.GetValueOrDefault(householdId.Value), site);
    }

    internal static async Task<List<CaseDto>> DtosAsync(RelocationDbContext db, IReadOnlyList<RelocationCase> cases, CancellationToken cancellationToken)
    {
        var siteIds = cases.Where(c => c.SiteId != null).Select(c => c.SiteId!.Value).Distinct().ToList();
        var names = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var sources = cases.Select(CaseLedger.SourceOf).ToList();
        var paid = await db.Subsidies.AsNoTracking().Where(s => sources.Contains(s.SourceRecordId)).ToDictionaryAsync(s => s.SourceRecordId, s => s.Amount, cancellationToken);
        return cases.Select(c => CaseDto.From(c, c.SiteId is { } s ? names.GetValueOrDefault(s) : null, paid.TryGetValue(CaseLedger.SourceOf(c), out var a) ? a : null)).ToList();
    }
}
