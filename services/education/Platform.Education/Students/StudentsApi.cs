using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Households;
using Platform.Contracts.People;
using Platform.Education.Data;
using Platform.Education.Domain;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.Contracts;

namespace Platform.Education.Students;

/// <summary>
/// A student of a registered household with the school roll (学籍). The ID number is masked; the birth
/// year and the age at the start of the school year are shown, never the birth date.
/// </summary>
public sealed record StudentDto(
    Guid Id,
    Guid HouseholdId,
    string IdNumber,
    string Name,
    Sex Sex,
    int BirthYear,
    int SchoolAge,
    bool CompulsoryAge,
    string VillageCode,
    EnrolmentStatus Enrolment,
    SchoolStage? Stage,
    int? Grade,
    string? SchoolName,
    DateTimeOffset? RollReportedAt,
    Guid? OpenCaseId,
    DateTimeOffset? LeftAt)
{
    public static StudentDto From(Student s, Guid? openCaseId, DateOnly today) => new(
        s.Id,
        s.HouseholdId,
        ResidentIdNumber.Mask(s.IdNumber),
        s.Name,
        s.Sex,
        s.BirthDate.Year,
        Domain.SchoolAge.SchoolAgeOf(s.BirthDate, today),
        Domain.SchoolAge.IsCompulsory(s.BirthDate, today),
        s.VillageCode,
        s.Enrolment,
        s.Stage,
        s.Grade,
        s.SchoolName,
        s.RollReportedAt,
        openCaseId,
        s.LeftAt);
}

/// <summary>Students of registered households for the county portal (through the gateway at /api/education).</summary>
public static class StudentsApi
{
    public static IEndpointRouteBuilder MapStudentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/education").WithTags("学生").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/households/{householdId:guid}/students", OfHouseholdAsync).WithSummary("一户的在学年龄段成员及其学籍");
        api.MapGet("/students", ListAsync).WithSummary("学生列表：按乡镇、村、学段、在读状态筛选，分页");
        api.MapGet("/students/out-of-school", OutOfSchoolAsync)
            .WithSummary("义务教育适龄（6–15岁）而学籍未显示在读的儿童（核查名单），可按乡镇、村筛选，分页");
        return app;
    }

    internal static async Task<Results<Ok<List<StudentDto>>, ProblemHttpResult>> OfHouseholdAsync(
        Guid householdId, EducationDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // A household outside the caller's scope does not exist for the caller: 404, never an empty list.
        var scope = DataScope.Of(user);
        if (!await db.Households.Within(scope, h => h.TownshipCode, h => h.VillageCode).AnyAsync(h => h.Id == householdId, cancellationToken))
        {
            return Problems.NotFound("教育扶贫尚未收到该建档立卡户");
        }

        var today = clock.Today();
        var rows = await db.Students.AsNoTracking().Within(scope)
            .Where(s => s.HouseholdId == householdId)
            .OrderBy(s => s.LeftAt.HasValue).ThenBy(s => s.BirthDate)
            .Select(s => new { Student = s, OpenCase = db.DropoutCases.Where(c => c.StudentId == s.Id && c.ClosedAt == null).Select(c => (Guid?)c.Id).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => StudentDto.From(r.Student, r.OpenCase, today)).ToList());
    }

    internal static async Task<Results<Ok<Page<StudentDto>>, ValidationProblem>> ListAsync(
        EducationDbContext db,
        TimeProvider clock,
        string? township,
        string? village,
        string? stage,
        string? enrolment,
        int? page,
        int? pageSize,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var query = Filtered(db, township, village, stage, enrolment, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var today = clock.Today();
        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query
            .PageOf(pageNumber, size)
            .Select(s => new { Student = s, OpenCase = db.DropoutCases.Where(c => c.StudentId == s.Id && c.ClosedAt == null).Select(c => (Guid?)c.Id).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<StudentDto>(rows.Select(r => StudentDto.From(r.Student, r.OpenCase, today)).ToList(), pageNumber, size, total));
    }

    /// <summary>The current students of a list (and of its export), in the list's order: the caller's scope and the filters.</summary>
    internal static IQueryable<Student> Filtered(
        EducationDbContext db, string? township, string? village, string? stage, string? enrolment, ClaimsPrincipal user, Dictionary<string, string[]> errors)
    {
        var query = db.Students.AsNoTracking().Within(DataScope.Of(user)).Where(s => s.LeftAt == null);
        if (!string.IsNullOrWhiteSpace(township))
        {
            query = query.Where(s => s.TownshipCode == township.Trim());
        }

        if (!string.IsNullOrWhiteSpace(village))
        {
            query = query.Where(s => s.VillageCode == village.Trim());
        }

        if (!string.IsNullOrWhiteSpace(stage))
        {
            if (Codes.TryParse<SchoolStage>(stage, out var st))
            {
                query = query.Where(s => s.Stage == st);
            }
            else
            {
                FieldErrors.Add(errors, "stage", $"学段应为：{Codes.List<SchoolStage>()}");
            }
        }

        if (!string.IsNullOrWhiteSpace(enrolment))
        {
            if (Codes.TryParse<EnrolmentStatus>(enrolment, out var e))
            {
                query = query.Where(s => s.Enrolment == e);
            }
            else
            {
                FieldErrors.Add(errors, "enrolment", $"在读状态应为：{Codes.List<EnrolmentStatus>()}");
            }
        }

        return query.OrderBy(s => s.VillageCode).ThenBy(s => s.HouseholdId).ThenBy(s => s.BirthDate).ThenBy(s => s.Id);
    }

    internal static async Task<Results<Ok<Page<StudentDto>>, ValidationProblem>> OutOfSchoolAsync(
        EducationDbContext db, TimeProvider clock, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size);
        if (errors is not null)
        {
            return Problems.Validation(errors);
        }

        var today = clock.Today();
        var start = Domain.SchoolAge.SchoolYearStart(today);
        // Compulsory age at the start of the school year: 6 ≤ age ≤ 15.
        var bornOnOrBefore = start.AddYears(-Domain.SchoolAge.CompulsoryFrom);
        var bornAfter = start.AddYears(-(Domain.SchoolAge.CompulsoryTo + 1));
        var query = db.Students.AsNoTracking().Within(DataScope.Of(user))
            .Where(s => s.LeftAt == null && s.BirthDate <= bornOnOrBefore && s.BirthDate > bornAfter && s.Enrolment != EnrolmentStatus.Enrolled);
        if (!string.IsNullOrWhiteSpace(township))
        {
            query = query.Where(s => s.TownshipCode == township.Trim());
        }

        if (!string.IsNullOrWhiteSpace(village))
        {
            query = query.Where(s => s.VillageCode == village.Trim());
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query
            .OrderBy(s => s.VillageCode).ThenBy(s => s.HouseholdId).ThenBy(s => s.Id)
            .PageOf(pageNumber, size)
            .Select(s => new { Student = s, OpenCase = db.DropoutCases.Where(c => c.StudentId == s.Id && c.ClosedAt == null).Select(c => (Guid?)c.Id).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<StudentDto>(rows.Select(r => StudentDto.From(r.Student, r.OpenCase, today)).ToList(), pageNumber, size, total));
    }
}
