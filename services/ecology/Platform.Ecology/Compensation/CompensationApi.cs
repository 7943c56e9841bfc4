using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Ecology.Data;
using Platform.Ecology.Domain;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Ecology.Compensation;

public sealed record CompensationRequest(Guid? HouseholdId, string? Kind, int? Year, decimal? AreaMu, decimal? Amount, Guid? PayeeMemberId, DateOnly? PaidOn, string? Note);

/// <summary>A compensation payment, placed by its household's current village (it follows a household that moves).</summary>
public sealed record CompensationDto(
    Guid Id, Guid HouseholdId, string HouseholdNumber, string TownshipCode, string VillageCode, CompensationKind Kind, string KindName, int Year,
    decimal AreaMu, decimal RatePerMu, decimal Amount, DateOnly PaidOn, string? Note);

/// <summary>A payment with its household as a list reads it (the household's village now); member-initialized so a query can order by it.</summary>
public sealed class CompensationRow
{
    public required CompensationPayment Payment { get; init; }

    public required string HouseholdNumber { get; init; }

    public required string TownshipCode { get; init; }

    public required string VillageCode { get; init; }
}

public sealed record CompensationRateDto(CompensationKind Kind, string Name, IReadOnlyDictionary<int, decimal> RatesPerMuFrom, decimal MaxAreaMu);

/// <summary>生态补偿 (公益林补偿, 退耕还林补助) for the county portal (through the gateway at /api/ecology/compensation).</summary>
public static class CompensationApi
{
    public static IEndpointRouteBuilder MapCompensationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/ecology/compensation").WithTags("生态补偿").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/rates", Rates).WithSummary("补偿类别及每亩每年标准（按生效年度）");
        api.MapGet("/", ListAsync).WithSummary("补偿发放名单：按年度、类别、乡镇、村筛选，分页（按农户现住村归属，随户迁移）");
        api.MapPost("/", PayAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<EcologyDbContext>()
            .WithSummary("发放生态补偿：按面积×当年标准计发，每户每类每年一次，计入该户转移性收入（支持 Idempotency-Key 重试）");
        return app;
    }

    internal static Ok<List<CompensationRateDto>> Rates(CompensationCatalogue catalogue) =>
        TypedResults.Ok(catalogue.All.Select(s => new CompensationRateDto(s.Kind, s.Name, s.RatesFrom, s.MaxAreaMu)).ToList());

    internal static async Task<Results<Ok<Page<CompensationDto>>, ValidationProblem>> ListAsync(
        EcologyDbContext db, CompensationCatalogue catalogue, TimeProvider clock, int? year, string? kind, string? township, string? village, int? page, int? pageSize,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var rows = await FilteredAsync(db, clock, year, kind, township, village, user, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await rows.LongCountAsync(cancellationToken);
        var items = await rows.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<CompensationDto>(
            items.Select(x => Dto(x.Payment, x.HouseholdNumber, x.TownshipCode, x.VillageCode, catalogue)).ToList(), pageNumber, size, total));
    }

    /// <summary>The payments of a list (and of its export) of a year, placed by the household's village now, in the list's order: the caller's scope and the filters.</summary>
    internal static async Task<IQueryable<CompensationRow>> FilteredAsync(
        EcologyDbContext db, TimeProvider clock, int? year, string? kind, string? township, string? village, ClaimsPrincipal user, Dictionary<string, string[]> errors,
        CancellationToken cancellationToken)
    {
        var payments = db.CompensationPayments.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (Codes.TryParse<CompensationKind>(kind, out var k))
            {
                payments = payments.Where(p => p.Kind == k);
            }
            else
            {
                FieldErrors.Add(errors, "kind", $"补偿类别应为：{Codes.List<CompensationKind>()}");
            }
        }

        var forYear = year ?? await db.DefaultYearAsync(clock, cancellationToken);
        var rows = from p in payments.Where(p => p.Year == forYear)
                   join h in db.ReplicaHouseholds.Within(DataScope.Of(user)).Narrow(township, village, h => h.TownshipCode, h => h.VillageCode) on p.HouseholdId equals h.Id
                   select new CompensationRow { Payment = p, HouseholdNumber = h.HouseholdNumber, TownshipCode = h.TownshipCode, VillageCode = h.VillageCode };

        return rows.OrderBy(x => x.VillageCode).ThenBy(x => x.Payment.Id);
    }

    internal static async Task<Results<Created<CompensationDto>, ValidationProblem, ProblemHttpResult>> PayAsync(
        [FromBody] CompensationRequest request, EcologyDbContext db, CompensationLedger ledger, CompensationCatalogue catalogue, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (request.HouseholdId is null || request.HouseholdId == Guid.Empty)
        {
            FieldErrors.Add(errors, "householdId", "请指定建档立卡户");
        }

        if (string.IsNullOrWhiteSpace(request.Kind) || !Codes.TryParse<CompensationKind>(request.Kind, out var kind))
        {
            FieldErrors.Add(errors, "kind", $"补偿类别应为：{Codes.List<CompensationKind>()}");
            kind = default;
        }

        if (request.Year is null)
        {
            FieldErrors.Add(errors, "year", "请填写补偿年度");
        }

        if (request.AreaMu is null)
        {
            FieldErrors.Add(errors, "areaMu", "请填写面积（亩）");
        }

        var note = FreeText.Optional(request.Note, 200, "note", errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var household = await db.ReplicaHouseholds.AsNoTracking().Within(DataScope.Of(user)).SingleOrDefaultAsync(h => h.Id == request.HouseholdId, cancellationToken);
        if (household is null)
        {
            return Problems.NotFound("建档立卡户不存在");
        }

        if (request.PayeeMemberId is { } payee
            && !await db.ReplicaMembers.AnyAsync(m => m.Id == payee && m.HouseholdId == household.Id && m.LeftAt == null, cancellationToken))
        {
            return Problems.Validation("payeeMemberId", "领取人应为该户的现有成员");
        }

        var year = request.Year!.Value;
        if (await db.CompensationPayments.AnyAsync(p => p.HouseholdId == household.Id && p.Kind == kind && p.Year == year, cancellationToken))
        {
            return Problems.Conflict("kind", ledger.AlreadyPaid(kind, year));
        }

        var result = ledger.TryPay(household.Id, request.PayeeMemberId, kind, year, request.AreaMu!.Value, request.Amount, request.PaidOn, note, PlatformClaims.Actor(user) ?? "unknown", out var payment);
        if (!result.Succeeded)
        {
            return Problems.Validation(result.Field!, result.Error!);
        }

        var saved = await db.SaveAsOutcomeAsync(payment!, ("kind", "该户补偿记录刚被他人修改，请刷新后重试"), _ => ("kind", ledger.AlreadyPaid(kind, year)), cancellationToken);
        return saved.Value is null
            ? saved.ToProblem()
            : TypedResults.Created($"/api/ecology/households/{household.Id}", Dto(payment!, household.HouseholdNumber, household.TownshipCode, household.VillageCode, catalogue));
    }

    internal static CompensationDto Dto(CompensationPayment p, string householdNumber, string townshipCode, string villageCode, CompensationCatalogue catalogue) =>
        new(p.Id, p.HouseholdId, householdNumber, townshipCode, villageCode, p.Kind, catalogue[p.Kind].Name, p.Year, p.AreaMu, p.RatePerMu, p.Amount, p.PaidOn, p.Note);
}
