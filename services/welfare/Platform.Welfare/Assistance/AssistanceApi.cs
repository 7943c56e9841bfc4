using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Welfare;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;
using Platform.Welfare.Common;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Assistance;

public sealed record StandardDto(int Year, decimal MinimumLivingAnnual, decimal ExtremePovertyAnnual, decimal MinimumMonthlyPerPerson);

public sealed record MeansCheckDto(Guid HouseholdId, int Year, decimal VerifiedIncome, DateOnly CheckedOn, string? Note, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record EnrolmentDto(
    Guid Id, Guid HouseholdId, string HouseholdNumber, string VillageCode, SocialAssistanceCategory Category, string CategoryName, int People, decimal MonthlyAmount,
    int Year, decimal PerCapitaIncome, DateOnly StartMonth, DateOnly? EndedOn, string? EndReason, string EnrolledBy, DateTimeOffset EnrolledAt);

public sealed record ApplicationDto(
    Guid Id, Guid HouseholdId, int Year, SocialAssistanceCategory? RequestedCategory, bool Approved, SocialAssistanceCategory? Category, int People,
    decimal AnnualIncome, decimal PerCapitaIncome, decimal Standard, string Reason, string? Note, DateOnly AppliedOn, string DecidedBy, EnrolmentDto? Enrolment);

public sealed record PaymentDto(Guid Id, Guid EnrolmentId, Guid HouseholdId, SocialAssistanceCategory Category, string Month, decimal Amount, string PaidBy, DateTimeOffset PaidAt);

/// <summary>An enrolment with its household, as the lists read it; member-initialized so a query can order by it.</summary>
public sealed class EnrolmentRow
{
    public required AssistanceEnrolment Enrolment { get; init; }

    public required string HouseholdNumber { get; init; }

    public required string VillageCode { get; init; }
}

/// <summary>A household that meets the conditions and is not enrolled (应保未保), or one that is.</summary>
public sealed record QualifyingDto(
    Guid HouseholdId, string HouseholdNumber, string VillageCode, int People, decimal AnnualIncome, decimal PerCapitaIncome, SocialAssistanceCategory Category, string CategoryName, bool Enrolled);

/// <summary>低保 and 特困 for the county portal (through the gateway at /api/welfare/assistance).</summary>
public static class AssistanceApi
{
    public static IEndpointRouteBuilder MapAssistanceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/welfare/assistance").WithTags("低保和特困供养").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/standards", Standards).WithSummary("各年度农村低保标准、特困人员基本生活标准和低保保底金额（配置）");
        api.MapPost("/means-checks", RecordCheckAsync).RequireAuthorization(PlatformPolicies.PillarWrite)
            .WithSummary("录入家庭经济状况核对结果：某户某年度经核对的家庭年纯收入（同户同年度再次录入即更正）");
        api.MapPost("/applications", ApplyAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<WelfareDbContext>()
            .WithSummary("申请低保或特困供养：按该户当年收入（各支柱报送的计入稳定收入部分与核对结果取高者）和家庭人口审核；符合条件的当月起纳入并确定月救助金额，不符合的记录不予批准的理由（支持 Idempotency-Key 重试）");
        api.MapGet("/applications", ApplicationsAsync).WithSummary("低保、特困申请及审核结果，可按是否批准、乡镇、村筛选，分页");
        api.MapGet("/enrolments", EnrolmentsAsync).WithSummary("低保、特困保障对象：默认在保，可按类别、状态（active、ended）、乡镇、村筛选，分页");
        api.MapGet("/enrolments/{id:guid}", EnrolmentAsync).WithSummary("保障对象详情");
        api.MapPost("/enrolments/{id:guid}/ending", EndAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithSummary("停保：写明日期和原因，次月起停发");
        api.MapPost("/payments", PayAsync).RequireAuthorization(PlatformPolicies.CountyWrite)
            .WithSummary("按月发放：为该月所有在保对象发放救助金（每个对象每月只发一次），并作为该户转移性收入报送建档立卡系统");
        api.MapGet("/payments", PaymentsAsync).WithSummary("救助金发放记录，可按月份（2026-11）、户筛选，分页");
        api.MapGet("/gaps", GapsAsync)
            .WithSummary("应保尽保：当年（或指定年度）符合低保或特困条件而未纳入的建档立卡户名单，可按类别、乡镇、村筛选，分页");
        api.MapGet("/qualifying", QualifyingAsync).WithSummary("当年（或指定年度）符合低保或特困条件的建档立卡户（含已纳入），分页");
        return app;
    }

    internal static Ok<List<StandardDto>> Standards(WelfarePolicies policies) =>
        TypedResults.Ok(policies.Standards.Select(s => new StandardDto(s.Year, s.MinimumLivingAnnual, s.ExtremePovertyAnnual, s.MinimumMonthlyPerPerson)).ToList());

    internal static async Task<Results<Ok<MeansCheckDto>, ProblemHttpResult>> RecordCheckAsync(
        [FromBody] MeansCheckRequest request, AssistanceCommands commands, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.RecordCheckAsync(request, DataScope.Of(user), Caller.Of(user), cancellationToken);
        return outcome.Value is not { } c
            ? outcome.ToProblem()
            : TypedResults.Ok(new MeansCheckDto(c.HouseholdId, c.Year, c.VerifiedIncome, c.CheckedOn, c.Note, c.RecordedBy, c.RecordedAt));
    }

    internal static async Task<Results<Created<ApplicationDto>, ProblemHttpResult>> ApplyAsync(
        [FromBody] ApplicationRequest request, AssistanceCommands commands, WelfareDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.ApplyAsync(request, DataScope.Of(user), Caller.Of(user), cancellationToken);
        if (outcome.Value is not { } decision)
        {
            return outcome.ToProblem();
        }

        var household = await db.ReplicaHouseholds.AsNoTracking().SingleAsync(h => h.Id == decision.Application.HouseholdId, cancellationToken);
        return TypedResults.Created(
            $"/api/welfare/assistance/applications?householdId={household.Id}",
            Dto(decision.Application, decision.Enrolment is { } e ? Dto(e, household.HouseholdNumber, household.VillageCode) : null));
    }

    internal static async Task<Results<Ok<Page<ApplicationDto>>, ValidationProblem>> ApplicationsAsync(
        WelfareDbContext db, bool? approved, Guid? householdId, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Paging.Validate(page, pageSize, out var number, out var size) is { } errors)
        {
            return Problems.Validation(errors);
        }

        var query = db.AssistanceApplications.AsNoTracking().Within(db, DataScope.Of(user)).InPlace(db, township, village);
        if (approved is { } a)
        {
            query = query.Where(x => x.Approved == a);
        }

        if (householdId is { } h)
        {
            query = query.Where(x => x.HouseholdId == h);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.OrderByDescending(x => x.DecidedAt).ThenBy(x => x.Id).PageOf(number, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<ApplicationDto>(rows.Select(r => Dto(r, null)).ToList(), number, size, total));
    }

    internal static async Task<Results<Ok<Page<EnrolmentDto>>, ValidationProblem>> EnrolmentsAsync(
        WelfareDbContext db, string? category, string? status, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var number, out var size) ?? [];
        var query = Filtered(db, category, status, township, village, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(number, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<EnrolmentDto>(rows.Select(r => Dto(r.Enrolment, r.HouseholdNumber, r.VillageCode)).ToList(), number, size, total));
    }

    /// <summary>The enrolments of a list (and of its export) with their household, in the list's order: the caller's scope and the filters (in force by default).</summary>
    internal static IQueryable<EnrolmentRow> Filtered(
        WelfareDbContext db, string? category, string? status, string? township, string? village, ClaimsPrincipal user, Dictionary<string, string[]> errors)
    {
        var query = db.AssistanceEnrolments.AsNoTracking().Within(db, DataScope.Of(user)).InPlace(db, township, village);
        if (!string.IsNullOrWhiteSpace(category))
        {
            if (Codes.TryParse<SocialAssistanceCategory>(category, out var c))
            {
                query = query.Where(e => e.Category == c);
            }
            else
            {
                FieldErrors.Add(errors, "category", $"救助类别应为：{Codes.List<SocialAssistanceCategory>()}");
            }
        }

        switch (status?.Trim().ToLowerInvariant())
        {
            case null or "" or "active":
                query = query.Where(e => e.EndedOn == null);
                break;
            case "ended":
                query = query.Where(e => e.EndedOn != null);
                break;
            default:
                FieldErrors.Add(errors, "status", "状态应为 active 或 ended");
                break;
        }

        return query
            .Join(db.ReplicaHouseholds, e => e.HouseholdId, h => h.Id, (e, h) => new EnrolmentRow { Enrolment = e, HouseholdNumber = h.HouseholdNumber, VillageCode = h.VillageCode })
            .OrderBy(x => x.VillageCode).ThenBy(x => x.HouseholdNumber).ThenBy(x => x.Enrolment.Id);
    }

    internal static async Task<Results<Ok<EnrolmentDto>, ProblemHttpResult>> EnrolmentAsync(Guid id, WelfareDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var row = await db.AssistanceEnrolments.AsNoTracking().Within(db, DataScope.Of(user)).Where(e => e.Id == id)
            .Join(db.ReplicaHouseholds, e => e.HouseholdId, h => h.Id, (e, h) => new { Enrolment = e, h.HouseholdNumber, h.VillageCode })
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? Problems.NotFound("救助对象不存在") : TypedResults.Ok(Dto(row.Enrolment, row.HouseholdNumber, row.VillageCode));
    }

    internal static async Task<Results<Ok<EnrolmentDto>, ProblemHttpResult>> EndAsync(
        Guid id, [FromBody] EndRequest request, AssistanceCommands commands, WelfareDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.EndAsync(id, request, DataScope.Of(user), cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : await EnrolmentAsync(id, db, user, cancellationToken);
    }

    internal static async Task<Results<Ok<PaymentRun>, ProblemHttpResult>> PayAsync(
        [FromBody] PaymentRunRequest request, AssistanceCommands commands, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.PayAsync(request, Caller.Of(user), cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Ok(outcome.Value);
    }

    internal static async Task<Results<Ok<Page<PaymentDto>>, ValidationProblem>> PaymentsAsync(
        WelfareDbContext db, string? month, Guid? householdId, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var number, out var size) ?? [];
        var query = FilteredPayments(db, month, householdId, township, village, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(number, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<PaymentDto>(
            rows.Select(p => new PaymentDto(p.Id, p.EnrolmentId, p.HouseholdId, p.Category, WireText.Month(p.Month), p.Amount, p.PaidBy, p.PaidAt)).ToList(),
            number,
            size,
            total));
    }

    /// <summary>The payments of the list (and of its export), newest month first: the caller's scope and the filters.</summary>
    internal static IQueryable<AssistancePayment> FilteredPayments(
        WelfareDbContext db, string? month, Guid? householdId, string? township, string? village, ClaimsPrincipal user, Dictionary<string, string[]> errors)
    {
        var query = db.AssistancePayments.AsNoTracking().Within(db, DataScope.Of(user)).InPlace(db, township, village);
        if (!string.IsNullOrWhiteSpace(month))
        {
            if (WireText.TryMonth(month, out var first))
            {
                query = query.Where(p => p.Month == first);
            }
            else
            {
                FieldErrors.Add(errors, "month", "月份格式应为“2026-11”");
            }
        }

        if (householdId is { } h)
        {
            query = query.Where(p => p.HouseholdId == h);
        }

        return query.OrderByDescending(p => p.Month).ThenBy(p => p.HouseholdId).ThenBy(p => p.Id);
    }

    internal static Task<Results<Ok<Page<QualifyingDto>>, ValidationProblem>> GapsAsync(
        WelfareDbContext db, WelfarePolicies policies, TimeProvider clock, int? year, string? category, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        ListQualifyingAsync(db, policies, clock, year, category, township, village, page, pageSize, user, unenrolledOnly: true, cancellationToken);

    internal static Task<Results<Ok<Page<QualifyingDto>>, ValidationProblem>> QualifyingAsync(
        WelfareDbContext db, WelfarePolicies policies, TimeProvider clock, int? year, string? category, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        ListQualifyingAsync(db, policies, clock, year, category, township, village, page, pageSize, user, unenrolledOnly: false, cancellationToken);

    private static async Task<Results<Ok<Page<QualifyingDto>>, ValidationProblem>> ListQualifyingAsync(
        WelfareDbContext db, WelfarePolicies policies, TimeProvider clock, int? year, string? category, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user,
        bool unenrolledOnly, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var number, out var size) ?? [];
        var query = QualifyingFiltered(db, policies, clock, year, category, township, village, user, unenrolledOnly, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(number, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<QualifyingDto>(
            rows.Select(q => new QualifyingDto(
                q.Household.Id, q.Household.HouseholdNumber, q.Household.VillageCode, q.People, q.AnnualIncome, Yuan.Round(q.AnnualIncome / q.People), q.Category, Names.Of(q.Category), q.Enrolled)).ToList(),
            number,
            size,
            total));
    }

    /// <summary>
    /// The households of the qualifying list or of the 应保尽保 gaps (<paramref name="unenrolledOnly"/>), and of their exports, in
    /// the list's order: the caller's scope, the year's standard and the filters; errors name a bad year or category.
    /// </summary>
    internal static IQueryable<QualifyingHousehold> QualifyingFiltered(
        WelfareDbContext db, WelfarePolicies policies, TimeProvider clock, int? year, string? category, string? township, string? village, ClaimsPrincipal user,
        bool unenrolledOnly, Dictionary<string, string[]> errors)
    {
        var standard = policies.Standard(year ?? clock.Today().Year);
        if (standard is null)
        {
            FieldErrors.Add(errors, "year", "该年度的低保、特困标准尚未配置");
        }

        SocialAssistanceCategory? only = null;
        if (!string.IsNullOrWhiteSpace(category))
        {
            if (Codes.TryParse<SocialAssistanceCategory>(category, out var c))
            {
                only = c;
            }
            else
            {
                FieldErrors.Add(errors, "category", $"救助类别应为：{Codes.List<SocialAssistanceCategory>()}");
            }
        }

        if (errors.Count > 0)
        {
            return Enumerable.Empty<QualifyingHousehold>().AsQueryable();
        }

        var households = db.ReplicaHouseholds.AsNoTracking().Within(DataScope.Of(user)).InPlace(township, village);
        var query = AssistanceQueries.Qualifying(db, households, standard!, clock.Today());
        if (unenrolledOnly)
        {
            query = query.Where(q => !q.Enrolled);
        }

        if (only is { } one)
        {
            query = query.Where(q => q.Category == one);
        }

        return query.OrderBy(q => q.Household.VillageCode).ThenBy(q => q.Household.HouseholdNumber);
    }

    internal static EnrolmentDto Dto(AssistanceEnrolment e, string householdNumber, string villageCode) => new(
        e.Id, e.HouseholdId, householdNumber, villageCode, e.Category, Names.Of(e.Category), e.People, e.MonthlyAmount, e.Year, e.PerCapitaIncome, e.StartMonth, e.EndedOn, e.EndReason,
        e.EnrolledBy, e.EnrolledAt);

    private static ApplicationDto Dto(AssistanceApplication a, EnrolmentDto? enrolment) => new(
        a.Id, a.HouseholdId, a.Year, a.RequestedCategory, a.Approved, a.Category, a.People, a.AnnualIncome, a.PerCapitaIncome, a.Standard, a.Reason, a.Note, a.AppliedOn, a.DecidedBy, enrolment);
}
