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
using Platform.Welfare.Common;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Insurance;

/// <summary>参保登记: a member in the resident medical insurance for a year (this year when empty), with the critical-illness insurance unless said otherwise.</summary>
public sealed record InsuranceEnrolmentRequest(Guid? MemberId, int? Year, bool? CriticalIllness);

public sealed record InsuranceEnrolmentDto(
    Guid Id, Guid MemberId, Guid HouseholdId, int Year, bool ResidentMedical, bool CriticalIllness, decimal Premium, decimal Subsidy, AidClass SubsidyClass, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static InsuranceEnrolmentDto From(InsuranceEnrolment e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.MemberId, e.HouseholdId, e.Year, e.ResidentMedical, e.CriticalIllness, e.Premium, e.Subsidy, e.SubsidyClass, e.RecordedBy, e.RecordedAt);
    }
}

public sealed record GuaranteeDto(Guid HouseholdId, string HouseholdNumber, string VillageCode, int Year, int Members, int Covered, bool Met, string Reason, DateTimeOffset AssessedAt);

public sealed record PremiumsDto(IReadOnlyDictionary<int, decimal> Premiums, IReadOnlyDictionary<AidClass, decimal> SubsidyRates);

/// <summary>资助参保 and 基本医疗有保障 for the county portal (through the gateway at /api/welfare/insurance).</summary>
public static class InsuranceApi
{
    public static IEndpointRouteBuilder MapInsuranceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/welfare/insurance").WithTags("资助参保").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/premiums", Premiums).WithSummary("各年度城乡居民医保个人缴费标准，及按资助类别的资助比例（配置）");
        api.MapPost("/enrolments", EnrolAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<WelfareDbContext>()
            .WithSummary("参保登记：成员参加某年度城乡居民基本医疗保险（默认同时参加大病保险），按资助类别资助个人缴费；该户基本医疗保障随之重新评估并报送建档立卡系统（支持 Idempotency-Key 重试）");
        api.MapGet("/enrolments", EnrolmentsAsync).WithSummary("参保记录，可按年度、户、乡镇、村筛选，分页");
        api.MapGet("/uninsured", UninsuredAsync).WithSummary("未参保名单：当年（或指定年度）未同时参加城乡居民基本医疗保险和大病保险的在册成员，可按乡镇、村筛选，分页");
        api.MapGet("/guarantees", GuaranteesAsync).WithSummary("各户基本医疗有保障评估结果，可按是否达标、乡镇、村筛选，分页");
        return app;
    }

    internal static Ok<PremiumsDto> Premiums(WelfarePolicies policies) => TypedResults.Ok(new PremiumsDto(policies.Premiums, policies.SubsidyRates));

    internal static async Task<Results<Created<InsuranceEnrolmentDto>, ProblemHttpResult>> EnrolAsync(
        [FromBody] InsuranceEnrolmentRequest request, WelfareDbContext db, InsuranceLedger ledger, MedicalGuaranteeBook book, Common.HouseholdSituations situations, TimeProvider clock,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.MemberId is null)
        {
            FieldErrors.Add(errors, "memberId", "请指定成员");
        }

        var year = request.Year ?? clock.Today().Year;
        var yearCheck = ledger.CheckYear(year, "year", out _);
        if (!yearCheck.Succeeded)
        {
            FieldErrors.Add(errors, yearCheck.Field!, yearCheck.Error!);
        }

        if (errors.Count > 0)
        {
            return Outcome<InsuranceEnrolmentDto>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var member = await db.ReplicaMembers.AsNoTracking().Within(DataScope.Of(user)).SingleOrDefaultAsync(m => m.Id == request.MemberId && m.LeftAt == null, cancellationToken);
        if (member is null)
        {
            return Problems.NotFound("成员不存在");
        }

        var household = (await situations.LoadAsync([member.HouseholdId], cancellationToken))[member.HouseholdId];
        var existing = await db.InsuranceEnrolments.SingleOrDefaultAsync(e => e.MemberId == member.Id && e.Year == year, cancellationToken);
        var result = ledger.Enrol(member, household.AidClass, year, request.CriticalIllness ?? true, existing, Caller.Of(user), out var enrolment, out var change);
        if (!result.Succeeded)
        {
            return Outcome<InsuranceEnrolmentDto>.Refused(Refusal.Invalid, result.Field!, result.Error!).ToProblem();
        }

        if (change != EnrolmentChange.Unchanged)
        {
            await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
            var saved = await db.SaveAsOutcomeAsync(enrolment!, ("memberId", "该成员的参保记录刚被他人修改，请刷新后重试"), _ => ("memberId", "该成员该年度的参保记录刚被他人录入"), cancellationToken);
            if (saved.Value is null)
            {
                return saved.ToProblem();
            }

            await book.ReassessAsync([member.HouseholdId], cancellationToken);
            var assessed = await db.SaveAsOutcomeAsync(enrolment!, ("memberId", "该户的基本医疗保障评估刚被他人更新，请重试"), _ => ("memberId", "冲突"), cancellationToken);
            if (assessed.Value is null)
            {
                return assessed.ToProblem();
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return TypedResults.Created($"/api/welfare/insurance/enrolments?householdId={member.HouseholdId}&year={year}", InsuranceEnrolmentDto.From(enrolment!));
    }

    internal static async Task<Results<Ok<Page<InsuranceEnrolmentDto>>, ValidationProblem>> EnrolmentsAsync(
        WelfareDbContext db, int? year, Guid? householdId, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Paging.Validate(page, pageSize, out var number, out var size) is { } errors)
        {
            return Problems.Validation(errors);
        }

        var query = db.InsuranceEnrolments.AsNoTracking().Within(db, DataScope.Of(user)).InPlace(db, township, village);
        if (year is { } y)
        {
            query = query.Where(e => e.Year == y);
        }

        if (householdId is { } h)
        {
            query = query.Where(e => e.HouseholdId == h);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.OrderByDescending(e => e.Year).ThenBy(e => e.HouseholdId).ThenBy(e => e.MemberId).PageOf(number, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<InsuranceEnrolmentDto>(rows.Select(InsuranceEnrolmentDto.From).ToList(), number, size, total));
    }

    internal static async Task<Results<Ok<Page<MemberDto>>, ValidationProblem>> UninsuredAsync(
        WelfareDbContext db, TimeProvider clock, int? year, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Paging.Validate(page, pageSize, out var number, out var size) is { } errors)
        {
            return Problems.Validation(errors);
        }

        var query = FilteredUninsured(db, clock, year, township, village, user);
        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(number, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<MemberDto>(rows.Select(MemberDto.From).ToList(), number, size, total));
    }

    internal static async Task<Results<Ok<Page<GuaranteeDto>>, ValidationProblem>> GuaranteesAsync(
        WelfareDbContext db, bool? met, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Paging.Validate(page, pageSize, out var number, out var size) is { } errors)
        {
            return Problems.Validation(errors);
        }

        var query = FilteredGuarantees(db, met, township, village, user);
        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(number, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<GuaranteeDto>(rows, number, size, total));
    }

    /// <summary>The uninsured of the list (and of its export), in the list's order: the caller's scope, the year (default: this year) and the place.</summary>
    internal static IQueryable<Messaging.Households.ReplicaMember> FilteredUninsured(
        WelfareDbContext db, TimeProvider clock, int? year, string? township, string? village, ClaimsPrincipal user) =>
        Uninsured(db, db.ReplicaMembers.AsNoTracking().Within(DataScope.Of(user)).InPlace(township, village), year ?? clock.Today().Year)
            .OrderBy(m => m.VillageCode).ThenBy(m => m.HouseholdId).ThenBy(m => m.BirthDate);

    /// <summary>The guarantees of the list (and of its export), in the list's order: the caller's scope and the filters.</summary>
    internal static IQueryable<GuaranteeDto> FilteredGuarantees(WelfareDbContext db, bool? met, string? township, string? village, ClaimsPrincipal user)
    {
        var query = db.MedicalGuarantees.AsNoTracking()
            .Join(db.ReplicaHouseholds.Within(DataScope.Of(user)).InPlace(township, village), g => g.HouseholdId, h => h.Id, (g, h) => new { Guarantee = g, Household = h });
        if (met is { } m)
        {
            query = query.Where(x => x.Guarantee.Met == m);
        }

        return query.OrderBy(x => x.Household.VillageCode).ThenBy(x => x.Household.HouseholdNumber)
            .Select(x => new GuaranteeDto(x.Household.Id, x.Household.HouseholdNumber, x.Household.VillageCode, x.Guarantee.Year, x.Guarantee.Members, x.Guarantee.Covered, x.Guarantee.Met, x.Guarantee.Reason, x.Guarantee.AssessedAt));
    }

    /// <summary>Current members not insured in both for the year.</summary>
    internal static IQueryable<Messaging.Households.ReplicaMember> Uninsured(WelfareDbContext db, IQueryable<Messaging.Households.ReplicaMember> members, int year) =>
        members.Where(m => m.LeftAt == null && !db.InsuranceEnrolments.Any(e => e.MemberId == m.Id && e.Year == year && e.ResidentMedical && e.CriticalIllness));
}
