using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.People;
using Platform.Education.Data;
using Platform.Education.Domain;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Education.Training;

public sealed record CourseDto(
    Guid Id, string Name, string Trade, string TownshipCode, DateOnly StartsOn, DateOnly EndsOn, string? Organiser, int Enrolled, int Completed, DateTimeOffset CreatedAt);

/// <summary>One member on one course. The ID number is masked.</summary>
public sealed record EnrolmentDto(
    Guid Id, Guid CourseId, string CourseName, string Trade, Guid MemberId, Guid HouseholdId, string Name, string IdNumber, string VillageCode,
    DateTimeOffset EnrolledAt, DateOnly? CompletedOn, string? Certificate);

/// <summary>技能培训 for the county portal (through the gateway at /api/education/training).</summary>
public static class TrainingApi
{
    public static IEndpointRouteBuilder MapTrainingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/education").WithTags("技能培训").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/training/courses", CoursesAsync).WithSummary("培训班列表（本人管辖乡镇举办的）：可按乡镇、工种筛选，分页；含管辖范围内的报名与结业人次");
        api.MapPost("/training/courses", CreateCourseAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<EducationDbContext>()
            .WithSummary("开设培训班（支持 Idempotency-Key 重试）");
        api.MapPost("/training/courses/{courseId:guid}/enrolments", EnrolAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<EducationDbContext>()
            .WithSummary("报名：建档立卡户劳动年龄（16–60岁）成员（支持 Idempotency-Key 重试）");
        api.MapPost("/training/enrolments/{enrolmentId:guid}/completion", CompleteAsync).RequireAuthorization(PlatformPolicies.PillarWrite)
            .WithSummary("结业：计一人次，并通知其他部门（TrainingCompleted）");
        api.MapGet("/households/{householdId:guid}/training", OfHouseholdAsync).WithSummary("一户成员的培训报名与结业");
        return app;
    }

    internal static async Task<Results<Ok<Page<CourseDto>>, ValidationProblem>> CoursesAsync(
        EducationDbContext db, string? township, string? trade, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size);
        if (errors is not null)
        {
            return Problems.Validation(errors);
        }

        // Courses of the caller's townships, and the enrolments the caller may see on them.
        var scope = DataScope.Of(user);
        var query = db.TrainingCourses.AsNoTracking().Within(scope);
        var enrolments = db.TrainingEnrolments.Within(scope, e => e.TownshipCode, e => e.VillageCode);
        if (!string.IsNullOrWhiteSpace(township))
        {
            query = query.Where(c => c.TownshipCode == township.Trim());
        }

        if (!string.IsNullOrWhiteSpace(trade))
        {
            query = query.Where(c => c.Trade == trade.Trim());
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.OrderByDescending(c => c.StartsOn).ThenBy(c => c.Name).ThenBy(c => c.Id)
            .PageOf(pageNumber, size)
            .Select(c => new CourseDto(
                c.Id, c.Name, c.Trade, c.TownshipCode, c.StartsOn, c.EndsOn, c.Organiser,
                enrolments.Count(e => e.CourseId == c.Id),
                enrolments.Count(e => e.CourseId == c.Id && e.CompletedOn != null),
                c.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<CourseDto>(rows, pageNumber, size, total));
    }

    internal static async Task<Results<Created<CourseDto>, ProblemHttpResult>> CreateCourseAsync(
        [FromBody] CourseRequest request, TrainingCommands commands, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.CreateCourseAsync(request, DataScope.Of(user), Caller(user), cancellationToken);
        if (outcome.Value is not { } c)
        {
            return outcome.ToProblem();
        }

        return TypedResults.Created($"/api/education/training/courses/{c.Id}", new CourseDto(c.Id, c.Name, c.Trade, c.TownshipCode, c.StartsOn, c.EndsOn, c.Organiser, 0, 0, c.CreatedAt));
    }

    internal static async Task<Results<Created<EnrolmentDto>, ProblemHttpResult>> EnrolAsync(
        Guid courseId, [FromBody] EnrolRequest request, TrainingCommands commands, EducationDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.EnrolAsync(courseId, request, DataScope.Of(user), Caller(user), cancellationToken);
        return outcome.Value is null
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/education/households/{outcome.Value.HouseholdId}/training", (await LoadAsync(db, outcome.Value.Id, cancellationToken))!);
    }

    internal static async Task<Results<Ok<EnrolmentDto>, ProblemHttpResult>> CompleteAsync(
        Guid enrolmentId, [FromBody] CompleteRequest request, TrainingCommands commands, EducationDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.CompleteAsync(enrolmentId, request, DataScope.Of(user), cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Ok((await LoadAsync(db, enrolmentId, cancellationToken))!);
    }

    internal static async Task<Results<Ok<List<EnrolmentDto>>, ProblemHttpResult>> OfHouseholdAsync(
        Guid householdId, EducationDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().SingleOrDefaultAsync(h => h.Id == householdId, cancellationToken);
        if (household is null || !DataScope.Of(user).Covers(household.VillageCode))
        {
            return Problems.NotFound("教育扶贫尚未收到该建档立卡户");
        }

        return TypedResults.Ok(await Enrolments(db).Where(x => x.Enrolment.HouseholdId == householdId)
            .OrderBy(x => x.Enrolment.EnrolledAt)
            .Select(x => ToDto(x.Enrolment, x.Course, x.Member))
            .ToListAsync(cancellationToken));
    }

    private static string Caller(ClaimsPrincipal user) => PlatformClaims.Actor(user) ?? "unknown";

    private static Task<EnrolmentDto?> LoadAsync(EducationDbContext db, Guid enrolmentId, CancellationToken cancellationToken) =>
        Enrolments(db).Where(x => x.Enrolment.Id == enrolmentId).Select(x => ToDto(x.Enrolment, x.Course, x.Member)).SingleOrDefaultAsync(cancellationToken);

    private static IQueryable<EnrolmentRow> Enrolments(EducationDbContext db) =>
        from e in db.TrainingEnrolments.AsNoTracking()
        join c in db.TrainingCourses on e.CourseId equals c.Id
        join m in db.Members on e.MemberId equals m.Id
        select new EnrolmentRow { Enrolment = e, Course = c, Member = m };

    private static EnrolmentDto ToDto(TrainingEnrolment e, TrainingCourse c, HouseholdMember m) => new(
        e.Id, c.Id, c.Name, c.Trade, m.Id, e.HouseholdId, m.Name, ResidentIdNumber.Mask(m.IdNumber), e.VillageCode, e.EnrolledAt, e.CompletedOn, e.Certificate);

    private sealed class EnrolmentRow
    {
        public required TrainingEnrolment Enrolment { get; init; }

        public required TrainingCourse Course { get; init; }

        public required HouseholdMember Member { get; init; }
    }
}
