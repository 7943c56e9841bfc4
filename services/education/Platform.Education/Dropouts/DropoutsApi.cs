using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Education.Data;
using Platform.Education.Domain;
using Platform.Education.Students;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;
using Platform.Contracts;

namespace Platform.Education.Dropouts;

/// <summary>控辍保学: dropout cases for the county portal (through the gateway at /api/education/dropouts).</summary>
public static class DropoutsApi
{
    public static IEndpointRouteBuilder MapDropoutsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/education/dropouts").WithTags("控辍保学").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/", ListAsync).WithSummary("控辍保学案件列表：默认未结案，可按乡镇、村、户筛选，分页");
        api.MapGet("/{id:guid}", GetAsync).WithSummary("案件详情：双线责任人、劝返走访记录、结案情况");
        api.MapPost("/", OpenAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<EducationDbContext>().WithSummary("立案：义务教育适龄儿童失学辍学，须写明行政线和教育线责任人（支持 Idempotency-Key 重试）");
        api.MapPost("/{id:guid}/visits", VisitAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<EducationDbContext>().WithSummary("登记劝返走访（支持 Idempotency-Key 重试）");
        api.MapPost("/{id:guid}/closure", CloseAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithSummary("结案：复学、送教上门或超龄");
        return app;
    }

    internal static async Task<Results<Ok<Page<DropoutCaseDto>>, ValidationProblem>> ListAsync(
        EducationDbContext db, TimeProvider clock, [AsParameters] DropoutFilter filter, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var query = Filtered(db, filter, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query
            .PageOf(pageNumber, size)
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Case.Id).ToList();
        var visits = await db.PersuasionVisits.AsNoTracking().Where(v => ids.Contains(v.CaseId)).ToListAsync(cancellationToken);
        var items = rows.Select(r => DropoutCaseDto.From(r.Case, r.Student, clock.Today()) with
            {
                Visits = visits.Where(v => v.CaseId == r.Case.Id).OrderBy(v => v.VisitedOn).ThenBy(v => v.RecordedAt)
                    .Select(v => new VisitDto(v.Id, v.VisitedOn, v.Line, v.Visitors, v.Note, v.RecordedBy, v.RecordedAt)).ToList(),
            })
            .ToList();
        return TypedResults.Ok(new Page<DropoutCaseDto>(items, pageNumber, size, total));
    }

    /// <summary>The cases of a list (and of its export) with their child, in the list's order: the caller's scope and the filters.</summary>
    internal static IQueryable<CaseOfStudent> Filtered(EducationDbContext db, DropoutFilter filter, ClaimsPrincipal user, Dictionary<string, string[]> errors)
    {
        var open = true;
        if (!string.IsNullOrWhiteSpace(filter.Status))
        {
            switch (filter.Status.Trim().ToLowerInvariant())
            {
                case "open":
                    break;
                case "closed":
                    open = false;
                    break;
                default:
                    FieldErrors.Add(errors, "status", "案件状态应为 open 或 closed");
                    break;
            }
        }

        var query = db.DropoutCases.AsNoTracking()
            .Where(c => open ? c.ClosedAt == null : c.ClosedAt != null)
            .Join(db.Students.Within(DataScope.Of(user)), c => c.StudentId, s => s.Id, (c, s) => new CaseOfStudent { Case = c, Student = s });
        if (!string.IsNullOrWhiteSpace(filter.Township))
        {
            query = query.Where(x => x.Student.TownshipCode == filter.Township.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.Village))
        {
            query = query.Where(x => x.Student.VillageCode == filter.Village.Trim());
        }

        if (filter.Household is { } household)
        {
            query = query.Where(x => x.Case.HouseholdId == household);
        }

        return query.OrderBy(x => x.Case.OpenedAt).ThenBy(x => x.Case.Id);
    }

    internal static async Task<Results<Ok<DropoutCaseDto>, ProblemHttpResult>> GetAsync(
        Guid id, EducationDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var dto = await LoadAsync(db, clock, id, DataScope.Of(user), cancellationToken);
        return dto is null ? CaseNotFound() : TypedResults.Ok(dto);
    }

    internal static async Task<Results<Created<DropoutCaseDto>, ProblemHttpResult>> OpenAsync(
        [FromBody] OpenCaseRequest request, DropoutCommands commands, EducationDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        // A child outside the caller's place does not exist for the caller.
        if (scope.Level != ScopeLevel.County && request.StudentId is { } studentId
            && !await db.Students.Within(scope).AnyAsync(s => s.Id == studentId, cancellationToken))
        {
            return Problems.NotFound("学生不存在");
        }

        var outcome = await commands.OpenAsync(request, Caller(user), cancellationToken);
        return outcome.Value is null
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/education/dropouts/{outcome.Value.Id}", await LoadAsync(db, clock, outcome.Value.Id, scope, cancellationToken));
    }

    internal static async Task<Results<Created<DropoutCaseDto>, ProblemHttpResult>> VisitAsync(
        Guid id, [FromBody] VisitRequest request, DropoutCommands commands, EducationDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        if (!await InScopeAsync(db, id, scope, cancellationToken))
        {
            return CaseNotFound();
        }

        var outcome = await commands.RecordVisitAsync(id, request, Caller(user), cancellationToken);
        return outcome.Value is null
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/education/dropouts/{id}", await LoadAsync(db, clock, id, scope, cancellationToken));
    }

    internal static async Task<Results<Ok<DropoutCaseDto>, ProblemHttpResult>> CloseAsync(
        Guid id, [FromBody] CloseCaseRequest request, DropoutCommands commands, EducationDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        if (!await InScopeAsync(db, id, scope, cancellationToken))
        {
            return CaseNotFound();
        }

        var outcome = await commands.CloseAsync(id, request, Caller(user), cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Ok((await LoadAsync(db, clock, id, scope, cancellationToken))!);
    }

    /// <summary>Who did it, for the case file: the signed-in person, else the departmental client.</summary>
    private static string Caller(ClaimsPrincipal user) =>
        PlatformClaims.Actor(user) ?? "unknown";

    private static ProblemHttpResult CaseNotFound() => Problems.NotFound("控辍保学案件不存在");

    /// <summary>Whether the case's child lives in the caller's place; a case outside it does not exist for the caller.</summary>
    private static Task<bool> InScopeAsync(EducationDbContext db, Guid id, DataScope scope, CancellationToken cancellationToken) =>
        db.DropoutCases.AsNoTracking()
            .Where(c => c.Id == id)
            .Join(db.Students.Within(scope), c => c.StudentId, s => s.Id, (c, _) => c.Id)
            .AnyAsync(cancellationToken);

    private static async Task<DropoutCaseDto?> LoadAsync(EducationDbContext db, TimeProvider clock, Guid id, DataScope scope, CancellationToken cancellationToken)
    {
        var dropout = await db.DropoutCases.AsNoTracking().Include(c => c.Visits).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (dropout is null)
        {
            return null;
        }

        var student = await db.Students.AsNoTracking().Within(scope).SingleOrDefaultAsync(s => s.Id == dropout.StudentId, cancellationToken);
        return student is null ? null : DropoutCaseDto.From(dropout, student, clock.Today());
    }
}
