using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;
using Platform.Welfare.Assistance;
using Platform.Welfare.Common;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Protection;

/// <summary>投保: the year's group policy for every registered household.</summary>
public sealed record PolicyRequest(int? Year, string? Insurer, string? PolicyNumber, decimal? PremiumPerPerson, decimal? IllnessSum, decimal? SchoolingSum, decimal? DisasterSum);

/// <summary>理赔: cause "illness", "schooling" or "disaster".</summary>
public sealed record PayoutRequest(Guid? HouseholdId, Guid? MemberId, string? Cause, decimal? Amount, DateOnly? IncurredOn, string? ClaimNumber, string? Note);

public sealed record PolicyDto(
    Guid Id, int Year, string Insurer, string PolicyNumber, decimal PremiumPerPerson, decimal IllnessSum, decimal SchoolingSum, decimal DisasterSum, int Households, int People);

public sealed record PayoutDto(
    Guid Id, Guid PolicyId, Guid HouseholdId, string HouseholdNumber, string VillageCode, Guid? MemberId, PayoutCause Cause, decimal Amount, DateOnly IncurredOn, string? ClaimNumber,
    string? Note, DateTimeOffset PaidAt);

/// <summary>A payout with its household, as the list and its export read it in one query.</summary>
public sealed class PayoutRow
{
    public required ProtectionPayout Payout { get; init; }

    public required string HouseholdNumber { get; init; }

    public required string VillageCode { get; init; }
}

/// <summary>扶贫保障保险 for the county portal (through the gateway at /api/welfare/protection).</summary>
public static class ProtectionApi
{
    public static IEndpointRouteBuilder MapProtectionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/welfare/protection").WithTags("扶贫保险").RequireAuthorization(PlatformPolicies.Read);
        api.MapPost("/policies", InsureAsync).RequireAuthorization(PlatformPolicies.CountyWrite).WithIdempotency<WelfareDbContext>()
            .WithSummary("投保：县里为全部建档立卡户购买当年扶贫保险（因病、因学、因灾，每户保额），当年新纳入的户自动参保（支持 Idempotency-Key 重试）");
        api.MapGet("/policies", PoliciesAsync).WithSummary("各年度扶贫保险保单及参保户数、人数");
        api.MapPost("/payouts", PayAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<WelfareDbContext>()
            .WithSummary("理赔：在该户当年该项保额内赔付，作为一次性转移性收入（不计入稳定收入）报送（支持 Idempotency-Key 重试）");
        api.MapGet("/payouts", PayoutsAsync).WithSummary("理赔记录，可按年度、原因、户、乡镇、村筛选，分页");
        return app;
    }

    internal static async Task<Results<Created<PolicyDto>, ProblemHttpResult>> InsureAsync(
        [FromBody] PolicyRequest request, WelfareDbContext db, ProtectionLedger ledger, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var year = request.Year ?? clock.Today().Year;
        if (year < clock.Today().Year - 1 || year > clock.Today().Year + 1)
        {
            FieldErrors.Add(errors, "year", "保单年度应为去年、今年或明年");
        }

        var insurer = AssistanceCommands.Text(request.Insurer, 100, "insurer", errors);
        var number = AssistanceCommands.Text(request.PolicyNumber, 40, "policyNumber", errors);
        if (insurer is null)
        {
            FieldErrors.Add(errors, "insurer", "请填写承保公司");
        }

        if (number is null)
        {
            FieldErrors.Add(errors, "policyNumber", "请填写保单号");
        }

        foreach (var (field, amount) in new[]
                 {
                     ("premiumPerPerson", request.PremiumPerPerson), ("illnessSum", request.IllnessSum), ("schoolingSum", request.SchoolingSum), ("disasterSum", request.DisasterSum),
                 })
        {
            if (amount is not { } a || !Yuan.IsAmount(a))
            {
                FieldErrors.Add(errors, field, "应为大于0的金额（元，至多两位小数）");
            }
        }

        if (errors.Count > 0)
        {
            return Outcome<PolicyDto>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        if (await db.ProtectionPolicies.AnyAsync(p => p.Year == year || p.PolicyNumber == number, cancellationToken))
        {
            return Problems.Conflict("year", $"{year}年已有扶贫保险保单，或保单号已使用");
        }

        var policy = new ProtectionPolicy
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), Year = year, Insurer = insurer!, PolicyNumber = number!, PremiumPerPerson = request.PremiumPerPerson!.Value,
            IllnessSum = request.IllnessSum!.Value, SchoolingSum = request.SchoolingSum!.Value, DisasterSum = request.DisasterSum!.Value, CreatedBy = Caller.Of(user),
            CreatedAt = clock.GetUtcNow(),
        };
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        db.ProtectionPolicies.Add(policy);
        var saved = await db.SaveAsOutcomeAsync(policy, ("year", "冲突"), _ => ("year", $"{year}年已有扶贫保险保单，或保单号已使用"), cancellationToken);
        if (saved.Value is null)
        {
            return saved.ToProblem();
        }

        await ledger.CoverAllAsync(policy, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created("/api/welfare/protection/policies", await DtoAsync(db, policy, cancellationToken));
    }

    internal static async Task<Ok<List<PolicyDto>>> PoliciesAsync(WelfareDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var policies = await db.ProtectionPolicies.AsNoTracking().OrderByDescending(p => p.Year).ToListAsync(cancellationToken);
        var counts = await db.ProtectionCovers.AsNoTracking().Within(db, scope).GroupBy(c => c.PolicyId)
            .Select(g => new { g.Key, Households = g.Count(), People = g.Sum(c => c.People) }).ToDictionaryAsync(g => g.Key, cancellationToken);
        return TypedResults.Ok(policies.Select(p => Dto(p, counts.TryGetValue(p.Id, out var c) ? c.Households : 0, counts.TryGetValue(p.Id, out var d) ? d.People : 0)).ToList());
    }

    internal static async Task<Results<Created<PayoutDto>, ProblemHttpResult>> PayAsync(
        [FromBody] PayoutRequest request, WelfareDbContext db, ProtectionLedger ledger, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var input = Parse(request.HouseholdId, request.MemberId, request.Cause, request.Amount, request.IncurredOn, request.ClaimNumber, request.Note, errors);
        if (input is null)
        {
            return Outcome<PayoutDto>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var household = await db.ReplicaHouseholds.AsNoTracking().Within(DataScope.Of(user)).SingleOrDefaultAsync(h => h.Id == input.HouseholdId, cancellationToken);
        if (household is null)
        {
            return Problems.NotFound(AssistanceCommands.HouseholdNotFound);
        }

        if (input.MemberId is { } memberId && !await db.ReplicaMembers.AnyAsync(m => m.Id == memberId && m.HouseholdId == household.Id, cancellationToken))
        {
            return Outcome<PayoutDto>.Refused(Refusal.Invalid, "memberId", "该成员不在此户").ToProblem();
        }

        if (input.ClaimNumber is { } claimNumber && await db.ProtectionPayouts.AnyAsync(p => p.ClaimNumber == claimNumber, cancellationToken))
        {
            return Problems.Conflict("claimNumber", "该赔案号已赔付");
        }

        var policy = await db.ProtectionPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.Year == input.IncurredOn.Year, cancellationToken);
        var covered = policy is not null && await db.ProtectionCovers.AnyAsync(c => c.PolicyId == policy.Id && c.HouseholdId == household.Id, cancellationToken);
        var paid = policy is null ? 0m : await db.ProtectionPayouts.Where(p => p.PolicyId == policy.Id && p.HouseholdId == household.Id && p.Cause == input.Cause).SumAsync(p => p.Amount, cancellationToken);
        var result = ledger.Pay(input, policy, covered, paid, Caller.Of(user), out var payout);
        if (!result.Succeeded)
        {
            return Outcome<PayoutDto>.Refused(Refusal.Invalid, result.Field!, result.Error!).ToProblem();
        }

        var saved = await db.SaveAsOutcomeAsync(payout!, ("householdId", "冲突"), _ => ("claimNumber", "该赔案号已赔付"), cancellationToken);
        return saved.Value is null ? saved.ToProblem() : TypedResults.Created($"/api/welfare/protection/payouts?householdId={household.Id}", Dto(payout!, household.HouseholdNumber, household.VillageCode));
    }

    internal static async Task<Results<Ok<Page<PayoutDto>>, ValidationProblem>> PayoutsAsync(
        WelfareDbContext db, int? year, string? cause, Guid? householdId, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var number, out var size) ?? [];
        var query = FilteredPayouts(db, year, cause, householdId, township, village, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(number, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<PayoutDto>(rows.Select(r => Dto(r.Payout, r.HouseholdNumber, r.VillageCode)).ToList(), number, size, total));
    }

    /// <summary>The payouts of the list (and of its export), newest first: the caller's scope and the filters, each with its household.</summary>
    internal static IQueryable<PayoutRow> FilteredPayouts(
        WelfareDbContext db, int? year, string? cause, Guid? householdId, string? township, string? village, ClaimsPrincipal user, Dictionary<string, string[]> errors)
    {
        var query = db.ProtectionPayouts.AsNoTracking().Within(db, DataScope.Of(user)).InPlace(db, township, village);
        if (!string.IsNullOrWhiteSpace(cause))
        {
            if (Codes.TryParse<PayoutCause>(cause, out var c))
            {
                query = query.Where(p => p.Cause == c);
            }
            else
            {
                FieldErrors.Add(errors, "cause", $"理赔原因应为：{Codes.List<PayoutCause>()}");
            }
        }

        if (year is { } y)
        {
            query = query.Where(p => p.IncurredOn >= new DateOnly(y, 1, 1) && p.IncurredOn <= new DateOnly(y, 12, 31));
        }

        if (householdId is { } h)
        {
            query = query.Where(p => p.HouseholdId == h);
        }

        return query.Join(db.ReplicaHouseholds, p => p.HouseholdId, x => x.Id, (p, x) => new PayoutRow { Payout = p, HouseholdNumber = x.HouseholdNumber, VillageCode = x.VillageCode })
            .OrderByDescending(x => x.Payout.IncurredOn).ThenBy(x => x.Payout.Id);
    }

    /// <summary>The payout fields as REST and gRPC both give them (errors name REST fields).</summary>
    public static PayoutInput? Parse(
        Guid? householdId, Guid? memberId, string? cause, decimal? amount, DateOnly? incurredOn, string? claimNumber, string? note, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        if (householdId is null)
        {
            FieldErrors.Add(errors, "householdId", "请指定建档立卡户");
        }

        if (!Codes.TryParse<PayoutCause>(cause, out var payoutCause))
        {
            FieldErrors.Add(errors, "cause", $"理赔原因应为：{Codes.List<PayoutCause>()}");
        }

        if (amount is null)
        {
            FieldErrors.Add(errors, "amount", "请填写理赔金额");
        }

        if (incurredOn is null)
        {
            FieldErrors.Add(errors, "incurredOn", "请填写出险日期");
        }

        var number = AssistanceCommands.Text(claimNumber, 40, "claimNumber", errors);
        var text = AssistanceCommands.Text(note, 200, "note", errors);
        return errors.Count > before ? null : new PayoutInput(householdId!.Value, memberId, payoutCause, amount!.Value, incurredOn!.Value, number, text);
    }

    private static async Task<PolicyDto> DtoAsync(WelfareDbContext db, ProtectionPolicy policy, CancellationToken cancellationToken)
    {
        var covers = await db.ProtectionCovers.AsNoTracking().Where(c => c.PolicyId == policy.Id).GroupBy(c => c.PolicyId)
            .Select(g => new { Households = g.Count(), People = g.Sum(c => c.People) }).SingleOrDefaultAsync(cancellationToken);
        return Dto(policy, covers?.Households ?? 0, covers?.People ?? 0);
    }

    private static PolicyDto Dto(ProtectionPolicy p, int households, int people) =>
        new(p.Id, p.Year, p.Insurer, p.PolicyNumber, p.PremiumPerPerson, p.IllnessSum, p.SchoolingSum, p.DisasterSum, households, people);

    private static PayoutDto Dto(ProtectionPayout p, string householdNumber, string villageCode) =>
        new(p.Id, p.PolicyId, p.HouseholdId, householdNumber, villageCode, p.MemberId, p.Cause, p.Amount, p.IncurredOn, p.ClaimNumber, p.Note, p.PaidAt);
}
