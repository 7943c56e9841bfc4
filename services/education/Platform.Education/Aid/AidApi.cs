using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.People;
using Platform.Education.Data;
using Platform.Education.Domain;
using Platform.Education.Students;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Education.Aid;

public sealed record AidGrantDto(
    Guid Id, AidPolicy Policy, string PolicyName, Guid StudentId, Guid HouseholdId, string Term, decimal Amount, bool CountsTowardExit, string? Note, DateTimeOffset GrantedAt, string GrantedBy);

/// <summary>A student entitled to an aid who has not had it this term (应享未享). The ID number is masked.</summary>
public sealed record CoverageGapDto(
    Guid StudentId, Guid HouseholdId, string Name, string IdNumber, string VillageCode, SchoolStage Stage, int? Grade, string? SchoolName, bool Boarding,
    AidPolicy Policy, string PolicyName, string Term, decimal Standard);

public sealed record AidStandardDto(AidPolicy Policy, string Name, IReadOnlyDictionary<SchoolStage, decimal> AmountPerTerm, bool BoardersOnly, bool CountsTowardExit);

/// <summary>学生资助 for the county portal (through the gateway at /api/education/aid).</summary>
public static class AidApi
{
    public static IEndpointRouteBuilder MapAidApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/education").WithTags("学生资助").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/aid/policies", Policies).WithSummary("资助项目及每学期标准（按学段）");
        api.MapPost("/aid/grants", GrantAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<EducationDbContext>()
            .WithSummary("资助发放：同一项目、学生、学期只发一次；不符合条件、金额不正确或学期已结束的拒绝（支持 Idempotency-Key 重试）");
        api.MapGet("/students/{studentId:guid}/aid", OfStudentAsync).WithSummary("一名学生享受的资助");
        api.MapGet("/aid/coverage", CoverageAsync)
            .WithSummary("应享未享名单：本学期（或指定学期）符合条件而未享受某项资助的在读学生，可按项目、乡镇、村筛选，分页");
        return app;
    }

    internal static Ok<List<AidStandardDto>> Policies(AidCatalogue catalogue) =>
        TypedResults.Ok(catalogue.All.Select(s => new AidStandardDto(s.Policy, s.Name, s.AmountPerTerm, s.BoardersOnly, s.CountsTowardExit)).ToList());

    internal static async Task<Results<Created<AidGrantDto>, ProblemHttpResult>> GrantAsync(
        [FromBody] GrantRequest request, AidCommands commands, AidCatalogue catalogue, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.GrantAsync(request, DataScope.Of(user), PlatformClaims.Actor(user) ?? "unknown", cancellationToken);
        return outcome.Value is null
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/education/students/{outcome.Value.StudentId}/aid", Dto(outcome.Value, catalogue));
    }

    internal static async Task<Results<Ok<List<AidGrantDto>>, ProblemHttpResult>> OfStudentAsync(
        Guid studentId, EducationDbContext db, AidCatalogue catalogue, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await db.Students.Within(DataScope.Of(user)).AnyAsync(s => s.Id == studentId, cancellationToken))
        {
            return Problems.NotFound("学生不存在");
        }

        var grants = await db.AidGrants.AsNoTracking().Where(g => g.StudentId == studentId)
            .OrderByDescending(g => g.GrantedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(grants.Select(g => Dto(g, catalogue)).ToList());
    }

    internal static async Task<Results<Ok<Page<CoverageGapDto>>, ValidationProblem>> CoverageAsync(
        EducationDbContext db,
        AidCatalogue catalogue,
        TimeProvider clock,
        string? term,
        string? policy,
        string? township,
        string? village,
        int? page,
        int? pageSize,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var gaps = CoverageGaps(db, catalogue, clock, term, policy, township, village, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // One list across the policies, policy by policy: count each, then read the page's slice.
        var counts = new List<(AidStandard Standard, IQueryable<Student> Students, long Count)>();
        foreach (var (standard, gap) in gaps.Parts)
        {
            counts.Add((standard, gap, await gap.LongCountAsync(cancellationToken)));
        }

        var items = new List<CoverageGapDto>();
        long skip = (long)(pageNumber - 1) * size;
        foreach (var (standard, gap, count) in counts)
        {
            if (items.Count == size)
            {
                break;
            }

            if (skip >= count)
            {
                skip -= count;
                continue;
            }

            var rows = await gap.Skip((int)skip).Take(size - items.Count).ToListAsync(cancellationToken);
            skip = 0;
            items.AddRange(rows.Select(student => gaps.Dto(student, standard)));
        }

        return TypedResults.Ok(new Page<CoverageGapDto>(items, pageNumber, size, counts.Sum(c => c.Count)));
    }

    /// <summary>
    /// The gaps of the list (and of its export): per policy (one, or all in the catalogue's order), the entitled students of the caller's
    /// scope and place without that policy's aid in the term (default: this term), in the list's order.
    /// </summary>
    internal static AidCoverageGaps CoverageGaps(
        EducationDbContext db, AidCatalogue catalogue, TimeProvider clock, string? term, string? policy, string? township, string? village, ClaimsPrincipal user,
        Dictionary<string, string[]> errors)
    {
        var forTerm = Term.Of(clock.Today());
        if (!string.IsNullOrWhiteSpace(term) && !Term.TryParse(term, out forTerm))
        {
            FieldErrors.Add(errors, "term", "学期格式应为“2026-autumn”或“2027-spring”");
        }

        var standards = catalogue.All;
        if (!string.IsNullOrWhiteSpace(policy))
        {
            if (Codes.TryParse<AidPolicy>(policy, out var one))
            {
                standards = [catalogue[one]];
            }
            else
            {
                FieldErrors.Add(errors, "policy", $"资助项目应为：{Codes.List<AidPolicy>()}");
            }
        }

        if (errors.Count > 0)
        {
            return new AidCoverageGaps(string.Empty, []);
        }

        var students = db.Students.AsNoTracking().Within(DataScope.Of(user));
        if (!string.IsNullOrWhiteSpace(township))
        {
            students = students.Where(s => s.TownshipCode == township.Trim());
        }

        if (!string.IsNullOrWhiteSpace(village))
        {
            students = students.Where(s => s.VillageCode == village.Trim());
        }

        var termCode = forTerm.ToString();
        return new AidCoverageGaps(
            termCode,
            standards.Select(standard => (standard, (IQueryable<Student>)students.Entitled(standard).Uncovered(db, standard.Policy, termCode)
                .OrderBy(s => s.VillageCode).ThenBy(s => s.HouseholdId).ThenBy(s => s.Id))).ToList());
    }

    private static AidGrantDto Dto(AidGrant g, AidCatalogue catalogue) =>
        new(g.Id, g.Policy, catalogue[g.Policy].Name, g.StudentId, g.HouseholdId, g.Term, g.Amount, g.CountsTowardExit, g.Note, g.GrantedAt, g.GrantedBy);
}

/// <summary>The coverage gaps of a term, policy by policy: each policy's uncovered students, ordered.</summary>
internal sealed record AidCoverageGaps(string Term, IReadOnlyList<(AidStandard Standard, IQueryable<Student> Students)> Parts)
{
    /// <summary>A gap as the list shows it (decision 0008: the masked number).</summary>
    public CoverageGapDto Dto(Student s, AidStandard standard) => new(
        s.Id, s.HouseholdId, s.Name, ResidentIdNumber.Mask(s.IdNumber), s.VillageCode, s.Stage!.Value, s.Grade, s.SchoolName, s.Boarding,
        standard.Policy, standard.Name, Term, standard.AmountPerTerm[s.Stage!.Value]);
}

/// <summary>The entitlement rule of <see cref="AidRules.Eligible"/> as a query, for coverage and figures.</summary>
internal static class AidQueries
{
    public static IQueryable<Student> Entitled(this IQueryable<Student> students, AidStandard standard)
    {
        var stages = standard.Stages.Select(s => (SchoolStage?)s).ToList();
        var entitled = students.Where(s => s.LeftAt == null && s.Enrolment == EnrolmentStatus.Enrolled && stages.Contains(s.Stage));
        return standard.BoardersOnly ? entitled.Where(s => s.Boarding) : entitled;
    }

    public static IQueryable<Student> Uncovered(this IQueryable<Student> students, EducationDbContext db, AidPolicy policy, string term) =>
        students.Where(s => !db.AidGrants.Any(g => g.StudentId == s.Id && g.Policy == policy && g.Term == term));

    public static IQueryable<Student> Covered(this IQueryable<Student> students, EducationDbContext db, AidPolicy policy, string term) =>
        students.Where(s => db.AidGrants.Any(g => g.StudentId == s.Id && g.Policy == policy && g.Term == term));
}
