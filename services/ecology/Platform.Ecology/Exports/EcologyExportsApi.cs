using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Households;
using Platform.Contracts.People;
using Platform.Ecology.Compensation;
using Platform.Ecology.Data;
using Platform.Ecology.Domain;
using Platform.Ecology.Households;
using Platform.Ecology.Projects;
using Platform.Ecology.Rangers;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Export;
using Platform.ServiceDefaults.Http;

namespace Platform.Ecology.Exports;

/// <summary>导出Excel of the ecology pillar's lists, each from its list's own query (filters, data scope, order; ID numbers masked), audited.</summary>
public static class EcologyExportsApi
{
    public static IEndpointRouteBuilder MapEcologyExports(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/ecology").WithTags("导出Excel").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/rangers/export", RangersAsync).WithSummary("导出生态护林员名单（筛选条件同列表；身份证号脱敏；记入审计日志）");
        api.MapGet("/compensation/export", CompensationAsync).WithSummary("导出生态补偿发放名单（筛选条件同列表；记入审计日志）");
        api.MapGet("/rangers/pay/export", RangerPayAsync).WithSummary("导出护林员工资发放名单（筛选条件同列表；身份证号脱敏；记入审计日志）");
        api.MapGet("/projects/export", Projects).WithSummary("导出精准灭荒、林果基地项目（筛选条件同列表；记入审计日志）");
        api.MapGet("/households/export", HouseholdsAsync).WithSummary("导出生态补偿受益户（筛选条件同列表；记入审计日志）");
        return app;
    }

    internal static async Task<Results<ExcelSheet<RangerRow>, ValidationProblem>> RangersAsync(
        EcologyDbContext db, TimeProvider clock, int? year, string? township, string? village, string? status, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var posts = await RangersApi.FilteredAsync(db, clock, year, township, village, status, user, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // As the list answers (decision 0008): the masked number and the birth year, never the date.
        return ExcelExport.Sheet(posts.Rows(db), "生态护林员").Audited("ranger-post")
            .Column("姓名", r => r.Name)
            .Column("身份证号", r => ResidentIdNumber.Mask(r.IdNumber))
            .Column("性别", r => r.Sex == Sex.Female ? "女" : "男")
            .Column("出生年份", r => r.BirthYear)
            .Column("户编号", r => r.HouseholdNumber)
            .Column("行政村代码", r => r.Post.VillageCode)
            .Column("年度", r => r.Post.Year)
            .Column("管护区域", r => r.Post.PatrolArea)
            .Column("管护面积（亩）", r => r.Post.AreaMu)
            .Column("聘期开始", r => r.Post.StartsOn)
            .Column("聘期结束", r => r.Post.EndsOn)
            .Column("在岗", r => r.Post.InPost)
            .Column("离岗日期", r => r.Post.EndedOn)
            .Column("离岗原因", r => r.Post.EndReason is { } reason ? EcologyNames.Of(reason) : null)
            .Column("年度考核", r => r.Post.Grade is { } grade ? EcologyNames.Of(grade) : null)
            .Column("巡护次数", r => r.Patrols)
            .Column("应发工资", r => r.Post.PayDue)
            .Column("已发工资", r => r.Paid)
            .Column("发放日期", r => r.PaidOn);
    }

    internal static async Task<Results<ExcelSheet<CompensationRow>, ValidationProblem>> CompensationAsync(
        EcologyDbContext db, CompensationCatalogue catalogue, TimeProvider clock, int? year, string? kind, string? township, string? village, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var rows = await CompensationApi.FilteredAsync(db, clock, year, kind, township, village, user, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return ExcelExport.Sheet(rows, "生态补偿发放").Audited("compensation-payment")
            .Column("户编号", r => r.HouseholdNumber)
            .Column("行政村代码", r => r.VillageCode)
            .Column("补偿类别", r => catalogue[r.Payment.Kind].Name)
            .Column("年度", r => r.Payment.Year)
            .Column("面积（亩）", r => r.Payment.AreaMu)
            .Column("标准（元/亩）", r => r.Payment.RatePerMu)
            .Column("金额", r => r.Payment.Amount)
            .Column("发放日期", r => r.Payment.PaidOn);
    }

    internal static async Task<ExcelSheet<RangerPayDto>> RangerPayAsync(
        EcologyDbContext db, TimeProvider clock, int? year, string? township, string? village, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ExcelExport.Sheet(await RangersApi.PaidAsync(db, clock, year, township, village, user, cancellationToken), "护林员工资发放").Audited("ranger-pay")
            .Column("姓名", r => r.Name)
            .Column("身份证号", r => r.IdNumber)
            .Column("户编号", r => r.HouseholdNumber)
            .Column("行政村代码", r => r.VillageCode)
            .Column("年度", r => r.Year)
            .Column("金额", r => r.Amount)
            .Column("发放日期", r => r.PaidOn)
            .Column("备注", r => r.Note);

    internal static Results<ExcelSheet<ProjectRow>, ValidationProblem> Projects(
        EcologyDbContext db, string? kind, string? crop, string? township, string? village, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var rows = ProjectsApi.Filtered(db, kind, crop, township, village, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return ExcelExport.Sheet(rows, "生态项目").Audited("ecology-project")
            .Column("项目名称", r => r.Project.Name)
            .Column("类别", r => EcologyNames.Of(r.Project.Kind))
            .Column("品种", r => r.Project.Crop is { } crop ? EcologyNames.Of(crop) : null)
            .Column("行政村代码", r => r.Project.VillageCode)
            .Column("面积（亩）", r => r.Project.AreaMu)
            .Column("实施年度", r => r.Project.Year)
            .Column("经营主体", r => r.Project.Operator)
            .Column("参与农户", r => r.Households);
    }

    internal static async Task<ExcelSheet<HouseholdReachedDto>> HouseholdsAsync(
        EcologyDbContext db, TimeProvider clock, int? year, string? township, string? village, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ExcelExport.Sheet(await HouseholdsApi.FilteredAsync(db, clock, year, township, village, user, cancellationToken), "生态补偿受益户").Audited("ecology-household")
            .Column("户编号", r => r.HouseholdNumber)
            .Column("行政村代码", r => r.VillageCode)
            .Column("护林员岗位", r => r.Ranger)
            .Column("生态补偿金额", r => r.Compensation)
            .Column("参与项目数", r => r.Projects);
}
