using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Industry.Common;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Industry.Households;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Industry.Jobs;

public sealed record EmploymentDto(
    Guid Id, MemberView Member, Guid HouseholdId, EmploymentKind Kind, Guid? WorkshopId, string Employer, string? Destination, DestinationScope? DestinationScope,
    DateOnly StartedOn, int Year, int Months, decimal MonthlyWage, decimal Wage, DateOnly? EndedOn, string? EndReason, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>就业扶贫: employment records for the county portal (through the gateway at /api/industry/employment).</summary>
public static class EmploymentApi
{
    private const string AlreadyRecorded = "该成员本年度在该单位（岗位）的就业已登记；更正请由人社局数据更新";

    public static IEndpointRouteBuilder MapEmploymentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/industry/employment").WithTags("就业扶贫").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/", ListAsync)
            .WithSummary("就业记录：按类型（扶贫车间、公益性岗位、转移就业）、年度、车间、是否在岗、户筛选，分页；“车间就业人数”“转移就业人数”指标的明细");
        api.MapPost("/", CreateAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<IndustryDbContext>()
            .WithSummary("登记就业：月数×月工资为该户工资性收入（计入稳定收入）；成员一年合计不超过12个月；支持 Idempotency-Key 重试");
        return app;
    }

    internal static async Task<Results<Ok<Page<EmploymentDto>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        IndustryDbContext db, string? kind, int? year, Guid? workshop, bool? current, Guid? household, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var (query, problem) = await FilteredAsync(db, kind, year, workshop, current, household, DataScope.Of(user), errors, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<EmploymentDto>(await DtosAsync(db, rows, cancellationToken), pageNumber, size, total));
    }

    /// <summary>
    /// The employment records of a list (and of its export), in the list's order: the caller's scope and the filters; a
    /// household outside the scope is "not found" (the problem), never an empty list.
    /// </summary>
    internal static async Task<(IQueryable<EmploymentRecord> Query, ProblemHttpResult? Problem)> FilteredAsync(
        IndustryDbContext db, string? kind, int? year, Guid? workshop, bool? current, Guid? household, DataScope scope, Dictionary<string, string[]> errors,
        CancellationToken cancellationToken)
    {
        var query = db.Employment.AsNoTracking().OfHouseholdsWithin(db, scope);
        if (Input.OptionalCode<EmploymentKind>(kind, "kind", "就业类型", errors) is { } k)
        {
            query = query.Where(r => r.Kind == k);
        }

        if (errors.Count > 0)
        {
            return (query, null);
        }

        if (year is { } y)
        {
            query = query.Where(r => r.Year == y);
        }

        if (workshop is { } w)
        {
            query = query.Where(r => r.WorkshopId == w);
        }

        if (current is { } isCurrent)
        {
            query = isCurrent ? query.Where(r => r.EndedOn == null) : query.Where(r => r.EndedOn != null);
        }

        if (household is { } h)
        {
            if (!await db.SeesHouseholdAsync(scope, h, cancellationToken))
            {
                return (query, HouseholdScope.HouseholdNotFound());
            }

            query = query.Where(r => r.HouseholdId == h);
        }

        return (query.OrderByDescending(r => r.Year).ThenBy(r => r.HouseholdId).ThenBy(r => r.MemberId).ThenBy(r => r.Id), null);
    }

    internal static async Task<Results<Created<EmploymentDto>, ProblemHttpResult>> CreateAsync(
        [FromBody] EmploymentRequest request, EmploymentLedger ledger, IndustryDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.MemberId is null)
        {
            FieldErrors.Add(errors, "memberId", "请指定建档立卡户成员");
        }

        var submission = EmploymentLedger.Parse(request, errors);
        if (submission is null || errors.Count > 0)
        {
            return Outcome<EmploymentRecord>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var scope = DataScope.Of(user);
        var member = await db.MembersWithin(scope).SingleOrDefaultAsync(m => m.Id == request.MemberId, cancellationToken);
        if (member is null)
        {
            return Problems.NotFound("成员不存在");
        }

        var employer = submission.Employer;
        if (submission.Kind == EmploymentKind.Workshop)
        {
            var workshop = await db.Entities.Within(scope).SingleOrDefaultAsync(e => e.Id == submission.WorkshopId && e.Kind == EntityKind.Workshop, cancellationToken);
            if (workshop is null)
            {
                return Outcome<EmploymentRecord>.Refused(Refusal.NotFound, "workshopId", "扶贫车间不存在").ToProblem();
            }

            employer = workshop.Name;
        }

        var key = EmploymentLedger.KeyOf(submission);
        var year = submission.StartedOn.Year;
        var sameYear = await db.Employment.Where(r => r.MemberId == member.Id && r.Year == year).Select(r => new { r.Kind, r.EmployerKey, r.Months }).ToListAsync(cancellationToken);
        if (sameYear.Any(r => r.Kind == submission.Kind && r.EmployerKey == key))
        {
            return Outcome<EmploymentRecord>.Refused(Refusal.Conflict, "employer", AlreadyRecorded).ToProblem();
        }

        var allowed = EmploymentRules.CanEmploy(member.LeftAt is null, member.BirthDate, submission, sameYear.Sum(r => r.Months), clock.Today());
        if (!allowed.Succeeded)
        {
            return Outcome<EmploymentRecord>.Refused(Refusal.Invalid, allowed.Field!, allowed.Error!).ToProblem();
        }

        var actor = PlatformClaims.Actor(user) ?? "unknown";
        var record = ledger.Record(member.Id, member.HouseholdId, submission, employer, actor, out _);
        ledger.CloseTasks(await db.MatchingTasks.Where(t => t.HouseholdId == member.HouseholdId && t.ClosedAt == null).ToListAsync(cancellationToken), actor);
        var outcome = await db.SaveAsOutcomeAsync(record, ("employer", "请重试"), _ => ("employer", AlreadyRecorded), cancellationToken);
        return outcome.Value is null
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/industry/employment?household={record.HouseholdId}", (await DtosAsync(db, [record], cancellationToken))[0]);
    }

    internal static async Task<List<EmploymentDto>> DtosAsync(IndustryDbContext db, IReadOnlyList<EmploymentRecord> records, CancellationToken cancellationToken)
    {
        var memberIds = records.Select(r => r.MemberId).Distinct().ToList();
        var members = await db.ReplicaMembers.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        return records.Select(r => new EmploymentDto(
            r.Id, MemberView.From(members[r.MemberId]), r.HouseholdId, r.Kind, r.WorkshopId, r.Employer, r.Destination, r.DestinationScope, r.StartedOn, r.Year, r.Months,
            r.MonthlyWage, r.Wage, r.EndedOn, r.EndReason, r.RecordedAt, r.RecordedBy)).ToList();
    }
}
