using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Industry.Common;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Industry.Households;
using Platform.Messaging.Households;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;

namespace Platform.Industry.Jobs;

public sealed record MatchingTaskDto(
    Guid Id, HouseholdView? Household, Guid HouseholdId, Guid CaseId, Guid? SiteId, string? SiteName, string VillageCode, DateOnly MovedInOn, DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt, MatchingOutcome? Outcome, string? Note);

/// <summary>A working member of the household, with the skills the member's training gave and whether employed now.</summary>
public sealed record WorkingMemberDto(MemberView Member, IReadOnlyList<string> Trades, bool Employed);

/// <summary>A workshop at or near the site: 0 at the site, 1 in its village, 2 in its township.</summary>
public sealed record NearbyWorkshopDto(Guid Id, string Name, string VillageCode, WorkshopSite? WorkshopSite, string? SiteName, int Nearness, int Workers);

public sealed record MatchingTaskDetailDto(MatchingTaskDto Task, IReadOnlyList<WorkingMemberDto> WorkingMembers, IReadOnlyList<NearbyWorkshopDto> Workshops);

/// <summary>A member in job matching: trained (技能培训结业), of working age, able to work, without a current job.</summary>
public sealed record CandidateDto(MemberView Member, string TownshipCode, string VillageCode, IReadOnlyList<string> Trades, DateOnly LastCompletedOn);

public sealed record TaskClosureRequest(string? Outcome, string? Note);

/// <summary>就业帮扶 (搬得出、稳得住、有就业) and 就业匹配 for the county portal (through the gateway at /api/industry/job-matching).</summary>
public static class JobMatchingApi
{
    public static IEndpointRouteBuilder MapJobMatchingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/industry/job-matching").WithTags("就业匹配").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/tasks", TasksAsync).WithSummary("搬迁户就业帮扶任务：搬迁入住时生成，成员就业时自动完成；按是否未完成筛选，分页");
        api.MapGet("/tasks/{id:guid}", TaskAsync).WithSummary("一项任务：该户劳动年龄、有劳动能力的成员及其技能，安置点及附近（同村、同乡镇）的扶贫车间");
        api.MapPost("/tasks/{id:guid}/closure", CloseAsync).RequireAuthorization(PlatformPolicies.PillarWrite)
            .WithSummary("人工结束任务（无就业意愿或其他原因，须写明说明）");
        api.MapGet("/candidates", CandidatesAsync)
            .WithSummary("就业匹配名单：参加技能培训结业、劳动年龄（当年满16–60周岁）、有劳动能力且目前未就业的成员，可按乡镇、村、工种筛选，分页");
        return app;
    }

    internal static async Task<Results<Ok<Page<MatchingTaskDto>>, ValidationProblem>> TasksAsync(
        IndustryDbContext db, bool? open, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size);
        if (errors is not null)
        {
            return Problems.Validation(errors);
        }

        var query = FilteredTasks(db, open, user);
        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<MatchingTaskDto>(await DtosAsync(db, rows, cancellationToken), pageNumber, size, total));
    }

    /// <summary>The tasks of the list (and of its export), newest first: the households in the caller's scope, open or closed.</summary>
    internal static IQueryable<JobMatchingTask> FilteredTasks(IndustryDbContext db, bool? open, ClaimsPrincipal user)
    {
        var query = db.MatchingTasks.AsNoTracking().OfHouseholdsWithin(db, DataScope.Of(user));
        if (open is { } isOpen)
        {
            query = isOpen ? query.Where(t => t.ClosedAt == null) : query.Where(t => t.ClosedAt != null);
        }

        return query.OrderByDescending(t => t.OpenedAt).ThenBy(t => t.Id);
    }

    internal static async Task<Results<Ok<MatchingTaskDetailDto>, ProblemHttpResult>> TaskAsync(
        Guid id, IndustryDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var task = await db.MatchingTasks.AsNoTracking().OfHouseholdsWithin(db, scope).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return Problems.NotFound("任务不存在");
        }

        var today = clock.Today();
        var members = (await db.ReplicaMembers.AsNoTracking().Where(m => m.HouseholdId == task.HouseholdId && m.LeftAt == null).ToListAsync(cancellationToken))
            .Where(m => MatchingRules.IsWorkingMember(m.LeftAt is null, m.BirthDate, m.LabourAbility, today)).ToList();
        var memberIds = members.Select(m => m.Id).ToList();
        var trades = await db.Skills.AsNoTracking().Where(s => memberIds.Contains(s.MemberId)).Select(s => new { s.MemberId, s.Trade }).ToListAsync(cancellationToken);
        var employed = await db.Employment.AsNoTracking().Where(r => memberIds.Contains(r.MemberId) && r.EndedOn == null && r.Year == today.Year)
            .Select(r => r.MemberId).Distinct().ToListAsync(cancellationToken);
        var township = task.VillageCode[..9];
        var workshops = await db.Entities.AsNoTracking().Within(scope)
            .Where(e => e.Kind == EntityKind.Workshop && (e.TownshipCode == township || (task.SiteId != null && e.SiteId == task.SiteId)))
            .ToListAsync(cancellationToken);
        var workshopIds = workshops.Select(w => w.Id).ToList();
        var workers = await db.Employment.AsNoTracking().Where(r => r.WorkshopId != null && workshopIds.Contains(r.WorkshopId.Value) && r.EndedOn == null)
            .GroupBy(r => r.WorkshopId!.Value).Select(g => new { Workshop = g.Key, Count = g.Select(r => r.MemberId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Workshop, x => x.Count, cancellationToken);
        var near = workshops
            .Select(w => (Workshop: w, Nearness: MatchingRules.Nearness(w, task.SiteId, task.VillageCode)))
            .Where(x => x.Nearness is not null)
            .OrderBy(x => x.Nearness).ThenBy(x => x.Workshop.Name)
            .Select(x => new NearbyWorkshopDto(x.Workshop.Id, x.Workshop.Name, x.Workshop.VillageCode, x.Workshop.WorkshopSite, x.Workshop.SiteName, x.Nearness!.Value, workers.GetValueOrDefault(x.Workshop.Id)))
            .ToList();
        return TypedResults.Ok(new MatchingTaskDetailDto(
            (await DtosAsync(db, [task], cancellationToken))[0],
            members.Select(m => new WorkingMemberDto(MemberView.From(m), trades.Where(t => t.MemberId == m.Id).Select(t => t.Trade).Distinct().ToList(), employed.Contains(m.Id))).ToList(),
            near));
    }

    internal static async Task<Results<Ok<MatchingTaskDto>, ProblemHttpResult>> CloseAsync(
        Guid id, [FromBody] TaskClosureRequest request, IndustryDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var outcome = Input.Code<MatchingOutcome>(request.Outcome, "outcome", "结束方式", errors);
        var note = Input.Required(request.Note, 200, "note", "说明", errors);
        if (errors.Count > 0)
        {
            return Outcome<JobMatchingTask>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var task = await db.MatchingTasks.OfHouseholdsWithin(db, DataScope.Of(user)).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return Problems.NotFound("任务不存在");
        }

        if (!task.IsOpen)
        {
            return Problems.Conflict("id", "该任务已结束");
        }

        task.Close(outcome, PlatformClaims.Actor(user) ?? "unknown", note, clock.GetUtcNow());
        var saved = await db.SaveAsOutcomeAsync(task, ("id", "该任务刚被他人修改，请刷新后重试"), _ => ("id", "请重试"), cancellationToken);
        return saved.Value is null ? saved.ToProblem() : TypedResults.Ok((await DtosAsync(db, [task], cancellationToken))[0]);
    }

    internal static async Task<Results<Ok<Page<CandidateDto>>, ValidationProblem>> CandidatesAsync(
        IndustryDbContext db, TimeProvider clock, string? township, string? village, string? trade, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size);
        if (errors is not null)
        {
            return Problems.Validation(errors);
        }

        var members = FilteredCandidates(db, clock, township, village, trade, user);
        var total = await members.LongCountAsync(cancellationToken);
        var rows = await members.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        var ids = rows.Select(m => m.Id).ToList();
        var theirSkills = await db.Skills.AsNoTracking().Where(s => ids.Contains(s.MemberId)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<CandidateDto>(
            rows.Select(m =>
            {
                var own = theirSkills.Where(s => s.MemberId == m.Id).ToList();
                return new CandidateDto(MemberView.From(m), m.TownshipCode, m.VillageCode, own.Select(s => s.Trade).Distinct().ToList(), own.Max(s => s.CompletedOn));
            }).ToList(),
            pageNumber,
            size,
            total));
    }

    /// <summary>The members of the candidates list (and of its export), in the list's order: the caller's scope and the filters.</summary>
    internal static IQueryable<ReplicaMember> FilteredCandidates(
        IndustryDbContext db, TimeProvider clock, string? township, string? village, string? trade, ClaimsPrincipal user)
    {
        var today = clock.Today();
        // Working age (turning 16–60 this year, MatchingRules.IsWorkingMember) as whole years of birth.
        var bornFrom = new DateOnly(today.Year - Ages.WorkingAgeTo, 1, 1);
        var bornTo = new DateOnly(today.Year - Ages.LegalWorkingAge, 12, 31);
        var skills = db.Skills.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(trade))
        {
            var wanted = trade.Trim();
            skills = skills.Where(s => s.Trade == wanted);
        }

        var employedNow = db.Employment.Where(r => r.EndedOn == null && r.Year == today.Year).Select(r => r.MemberId);
        var members = db.MembersWithin(DataScope.Of(user)).AsNoTracking()
            .Where(m => m.LeftAt == null && m.BirthDate >= bornFrom && m.BirthDate <= bornTo && (m.LabourAbility == "normal" || m.LabourAbility == "weak"))
            .Where(m => skills.Any(s => s.MemberId == m.Id) && !employedNow.Contains(m.Id));
        if (!string.IsNullOrWhiteSpace(township))
        {
            members = members.Where(m => m.TownshipCode == township.Trim());
        }

        if (!string.IsNullOrWhiteSpace(village))
        {
            members = members.Where(m => m.VillageCode == village.Trim());
        }

        return members.OrderBy(m => m.VillageCode).ThenBy(m => m.HouseholdId).ThenBy(m => m.Id);
    }

    private static async Task<List<MatchingTaskDto>> DtosAsync(IndustryDbContext db, IReadOnlyList<JobMatchingTask> tasks, CancellationToken cancellationToken)
    {
        var ids = tasks.Select(t => t.HouseholdId).Distinct().ToList();
        var households = await db.ReplicaHouseholds.AsNoTracking().Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, cancellationToken);
        return tasks.Select(t => new MatchingTaskDto(
            t.Id, households.TryGetValue(t.HouseholdId, out var h) ? HouseholdView.From(h) : null, t.HouseholdId, t.CaseId, t.SiteId, t.SiteName, t.VillageCode, t.MovedInOn,
            t.OpenedAt, t.ClosedAt, t.Outcome, t.Note)).ToList();
    }
}
