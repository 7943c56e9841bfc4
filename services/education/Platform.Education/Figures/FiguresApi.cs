using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Education.Aid;
using Platform.Education.Data;
using Platform.Education.Domain;
using Platform.Education.Training;
using Platform.Education.Facilities;
using Platform.Education.Students;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;

namespace Platform.Education.Figures;

public sealed record StudentFigures(int Total, int Enrolled, IReadOnlyDictionary<string, int> ByStage);

public sealed record DropoutFigures(int Open, int Closed);

/// <summary>应享尽享: of the students entitled to a policy this term, how many have had it (goal 100%).</summary>
public sealed record AidCoverageFigure(AidPolicy Policy, string Name, int Entitled, int Covered, decimal Percent, decimal Goal);

public sealed record TrainingFigures(int Courses, int Enrolments, int PersonTimes);

/// <summary>The county's education figures (教育扶贫主要指标), within the caller's data scope.</summary>
public sealed record EducationFigures(
    string Term,
    StudentFigures Students,
    DropoutFigures DropoutCases,
    IReadOnlyList<AidCoverageFigure> AidCoverage,
    TrainingFigures Training,
    int Kindergartens,
    int CareCentres);

public static class FiguresApi
{
    public const string NoRoll = "unknown";

    public static IEndpointRouteBuilder MapFiguresApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/education/figures", GetAsync)
            .RequireAuthorization(PlatformPolicies.Read)
            .WithTags("教育扶贫指标")
            .WithSummary("教育扶贫指标：各学段学生数、控辍保学案件（未结/已结）、本学期各项资助覆盖率（目标100%）、技能培训人次、村级幼儿园和留守儿童关爱中心数；按调用者的数据范围");
        return app;
    }

    internal static async Task<Results<Ok<EducationFigures>, ValidationProblem>> GetAsync(
        EducationDbContext db, AidCatalogue catalogue, TimeProvider clock, string? term, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var forTerm = Term.Of(clock.Today());
        if (!string.IsNullOrWhiteSpace(term) && !Term.TryParse(term, out forTerm))
        {
            return Problems.Validation("term", "学期格式应为“2026-autumn”或“2027-spring”");
        }

        var scope = DataScope.Of(user);
        var students = db.Students.AsNoTracking().Within(scope);
        var current = students.Where(s => s.LeftAt == null);
        var byStage = await current.GroupBy(s => s.Stage).Select(g => new { Stage = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var stages = Enum.GetValues<SchoolStage>().ToDictionary(Codes.Of, s => byStage.Where(b => b.Stage == s).Sum(b => b.Count));
        stages[NoRoll] = byStage.Where(b => b.Stage == null).Sum(b => b.Count);
        var enrolled = await current.CountAsync(s => s.Enrolment == EnrolmentStatus.Enrolled, cancellationToken);

        var cases = await db.DropoutCases.AsNoTracking()
            .Join(students, c => c.StudentId, s => s.Id, (c, _) => c)
            .GroupBy(c => c.ClosedAt == null)
            .Select(g => new { Open = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var termCode = forTerm.ToString();
        var coverage = new List<AidCoverageFigure>();
        foreach (var standard in catalogue.All)
        {
            var entitled = await students.Entitled(standard).CountAsync(cancellationToken);
            var covered = await students.Entitled(standard).Covered(db, standard.Policy, termCode).CountAsync(cancellationToken);
            var percent = entitled == 0 ? 100m : Math.Round(100m * covered / entitled, 2, MidpointRounding.AwayFromZero);
            coverage.Add(new AidCoverageFigure(standard.Policy, standard.Name, entitled, covered, percent, 100m));
        }

        var enrolments = db.TrainingEnrolments.AsNoTracking().Within(scope, e => e.TownshipCode, e => e.VillageCode);
        var courses = db.TrainingCourses.AsNoTracking().Within(scope);

        var training = new TrainingFigures(
            await courses.CountAsync(cancellationToken),
            await enrolments.CountAsync(cancellationToken),
            await enrolments.CountAsync(e => e.CompletedOn != null, cancellationToken));

        var facilities = await db.Facilities.AsNoTracking().Within(scope)
            .GroupBy(f => f.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        return TypedResults.Ok(new EducationFigures(
            termCode,
            new StudentFigures(byStage.Sum(b => b.Count), enrolled, stages),
            new DropoutFigures(cases.Where(c => c.Open).Sum(c => c.Count), cases.Where(c => !c.Open).Sum(c => c.Count)),
            coverage,
            training,
            facilities.Where(f => f.Kind == FacilityKind.Kindergarten).Sum(f => f.Count),
            facilities.Where(f => f.Kind == FacilityKind.CareCentre).Sum(f => f.Count)));
    }
}
