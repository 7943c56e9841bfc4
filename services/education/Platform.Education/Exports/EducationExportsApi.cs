using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Contracts.People;
using Platform.Education.Aid;
using Platform.Education.Data;
using Platform.Education.Domain;
using Platform.Education.Dropouts;
using Platform.Education.Students;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Export;
using Platform.ServiceDefaults.Http;

namespace Platform.Education.Exports;

/// <summary>导出Excel of the education pillar's lists, each from its list's own query (filters, data scope, order; ID numbers masked), audited.</summary>
public static class EducationExportsApi
{
    public static IEndpointRouteBuilder MapEducationExports(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/education").WithTags("导出Excel").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/dropouts/export", Dropouts).WithSummary("导出控辍保学案件（筛选条件同列表；身份证号脱敏；记入审计日志）");
        api.MapGet("/students/export", Students).WithSummary("导出学生与学籍（筛选条件同列表；身份证号脱敏；记入审计日志）");
        api.MapGet("/aid/coverage/export", AidGaps).WithSummary("导出应享未享名单：符合资助条件但本学期未获资助的学生（筛选条件同列表；身份证号脱敏；记入审计日志）");
        return app;
    }

    internal static Results<ExcelSheet<CaseOfStudent>, ValidationProblem> Dropouts(
        EducationDbContext db, [AsParameters] DropoutFilter filter, TimeProvider clock, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var cases = DropoutsApi.Filtered(db, filter, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // As the lists answer (decision 0008): the birth year and the age on 1 September, never the date (a third of the number).
        var today = clock.Today();
        return ExcelExport.Sheet(cases, "控辍保学案件").Audited("dropout-case")
            .Column("学生", r => r.Student.Name)
            .Column("身份证号", r => ResidentIdNumber.Mask(r.Student.IdNumber))
            .Column("出生年份", r => r.Student.BirthDate.Year)
            .Column("年龄（9月1日）", r => SchoolAge.SchoolAgeOf(r.Student.BirthDate, today))
            .Column("行政村代码", r => r.Student.VillageCode)
            .Column("类别", r => r.Case.Trigger == DropoutTrigger.NotEnrolled ? "适龄未入学" : "辍学")
            .Column("情况", r => r.Case.Reason)
            .Column("行政线责任人", r => $"{r.Case.AdministrativeOfficer.Name}（{r.Case.AdministrativeOfficer.Position}）")
            .Column("教育线责任人", r => $"{r.Case.EducationOfficer.Name}（{r.Case.EducationOfficer.Position}）")
            .Column("立案时间", r => r.Case.OpenedAt)
            .Column("结案时间", r => r.Case.ClosedAt)
            .Column("结案结果", r => r.Case.Outcome switch
            {
                DropoutOutcome.ReturnedToSchool => "劝返复学",
                DropoutOutcome.HomeTeaching => "送教上门",
                DropoutOutcome.OverAge => "超龄",
                DropoutOutcome.LeftHousehold => "已离开本户",
                _ => null,
            });
    }

    internal static Results<ExcelSheet<Student>, ValidationProblem> Students(
        EducationDbContext db, string? township, string? village, string? stage, string? enrolment, TimeProvider clock, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var students = StudentsApi.Filtered(db, township, village, stage, enrolment, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // As the lists answer (decision 0008): the birth year and the age on 1 September, never the date (a third of the number).
        var today = clock.Today();
        return ExcelExport.Sheet(students, "学生与学籍").Audited("student")
            .Column("姓名", r => r.Name)
            .Column("身份证号", r => ResidentIdNumber.Mask(r.IdNumber))
            .Column("出生年份", r => r.BirthDate.Year)
            .Column("年龄（9月1日）", r => SchoolAge.SchoolAgeOf(r.BirthDate, today))
            .Column("行政村代码", r => r.VillageCode)
            .Column("学段", r => r.Stage switch
            {
                SchoolStage.Preschool => "学前教育",
                SchoolStage.Primary => "小学",
                SchoolStage.Junior => "初中",
                SchoolStage.Senior => "普通高中",
                SchoolStage.Vocational => "中职",
                SchoolStage.HigherVocational => "高职",
                SchoolStage.Undergraduate => "本科",
                _ => "学籍未报",
            })
            .Column("年级", r => r.Grade)
            .Column("学校", r => r.SchoolName)
            .Column("在读状态", r => r.Enrolment switch
            {
                EnrolmentStatus.Enrolled => "在读",
                EnrolmentStatus.NotEnrolled => "未入学",
                EnrolmentStatus.DroppedOut => "辍学",
                _ => "未知",
            });
    }

    internal static Results<ExcelSheet<CoverageGapDto>, ValidationProblem> AidGaps(
        EducationDbContext db, AidCatalogue catalogue, TimeProvider clock, string? term, string? policy, string? township, string? village, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var gaps = AidApi.CoverageGaps(db, catalogue, clock, term, policy, township, village, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var parts = gaps.Parts.Select(p => (p.Students, (Func<Student, CoverageGapDto>)(s => gaps.Dto(s, p.Standard)))).ToList();
        return ExcelExport.Sheet(parts, "应享未享资助名单").Audited("aid-coverage-gap")
            .Column("学生", g => g.Name)
            .Column("身份证号", g => g.IdNumber)
            .Column("行政村代码", g => g.VillageCode)
            .Column("学段", g => StageNames.Of(g.Stage))
            .Column("年级", g => g.Grade)
            .Column("学校", g => g.SchoolName)
            .Column("寄宿", g => g.Boarding)
            .Column("资助项目", g => g.PolicyName)
            .Column("学期", g => g.Term)
            .Column("标准（元/学期）", g => g.Standard);
    }
}
