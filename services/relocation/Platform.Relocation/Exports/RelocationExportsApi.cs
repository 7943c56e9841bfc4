using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.People;
using Platform.Contracts.Registry;
using Platform.Contracts.Relocation;
using Platform.Relocation.Cases;
using Platform.Relocation.Data;
using Platform.Relocation.Domain;
using Platform.Relocation.Guarantees;
using Platform.Relocation.Housing;
using Platform.Relocation.Sites;
using Platform.Relocation.Water;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Export;
using Platform.ServiceDefaults.Http;

namespace Platform.Relocation.Exports;

/// <summary>A relocation case with its site's name, as the export reads it in one query.</summary>
public sealed record CaseRow(RelocationCase Case, string? SiteName);

/// <summary>导出Excel of the relocation pillar's lists, each from its list's own query (filters, data scope, order), audited.</summary>
public static class RelocationExportsApi
{
    public static IEndpointRouteBuilder MapRelocationExports(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/relocation").WithTags("导出Excel").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/guarantees/export", Guarantees).WithSummary("导出各户住房安全、饮水安全保障情况（筛选条件同列表；记入审计日志）");
        api.MapGet("/cases/export", Cases).WithSummary("导出易地扶贫搬迁档案（筛选条件同列表；记入审计日志）");
        api.MapGet("/housing/made-safe/export", MadeSafeHouses).WithSummary("导出住房安全保障户（by 同列表，必填；身份证号脱敏；记入审计日志）");
        api.MapGet("/housing/appraisals/export", Appraisals).WithSummary("导出房屋安全鉴定（筛选条件同列表；身份证号脱敏；记入审计日志）");
        api.MapGet("/housing/renovations/export", Renovations).WithSummary("导出危房改造项目（筛选条件同列表；身份证号脱敏；记入审计日志）");
        api.MapGet("/housing/toilets/export", Toilets).WithSummary("导出无害化卫生厕所改造（筛选条件同列表；身份证号脱敏；记入审计日志）");
        api.MapGet("/sites/export", SitesAsync).WithSummary("导出安置点（筛选条件同列表；记入审计日志）");
        api.MapGet("/water/projects/export", WaterProjectsAsync).WithSummary("导出供水工程（筛选条件同列表；记入审计日志）");
        return app;
    }

    internal static Results<ExcelSheet<GuaranteeRow>, ValidationProblem> Guarantees(
        RelocationDbContext db, string? guarantee, bool? met, string? township, string? village, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var rows = GuaranteesApi.Filtered(db, guarantee, met, township, village, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return ExcelExport.Sheet(rows, "住房和饮水安全保障").Audited("household-guarantee")
            .Column("户编号", r => r.HouseholdNumber)
            .Column("行政村代码", r => r.VillageCode)
            .Column("保障项目", r => r.State.Guarantee == Guarantee.SafeHousing ? "住房安全有保障" : "饮水安全有保障")
            .Column("是否达标", r => r.State.Met)
            .Column("依据", r => r.State.Reason)
            .Column("依据记录", r => r.State.SourceRecordId)
            .Column("评定时间", r => r.State.AssessedAt);
    }

    internal static Results<ExcelSheet<CaseRow>, ValidationProblem> Cases(
        RelocationDbContext db, string? step, string? mode, Guid? siteId, string? township, string? village, bool? movedIn, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var cases = CasesApi.Filtered(db, step, mode, siteId, township, village, movedIn, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var rows = cases.Select(c => new CaseRow(c, db.Sites.Where(s => s.Id == c.SiteId).Select(s => s.Name).FirstOrDefault()));
        return ExcelExport.Sheet(rows, "易地扶贫搬迁档案").Audited("relocation-case")
            .Column("户编号", r => r.Case.HouseholdNumber)
            .Column("安置方式", r => ModeName(r.Case.Mode))
            .Column("安置点", r => r.SiteName)
            .Column("迁出村代码", r => r.Case.OriginVillageCode)
            .Column("迁入村代码", r => r.Case.DestinationVillageCode)
            .Column("现住村代码", r => r.Case.VillageCode)
            .Column("当前环节", r => r.Case.Step switch
            {
                RelocationStep.Planned => "纳入搬迁计划",
                RelocationStep.HousingAllocated => "已分配安置房",
                RelocationStep.MovedIn => "已搬迁入住",
                _ => "已拆旧复垦",
            })
            .Column("纳入计划日期", r => r.Case.PlannedOn)
            .Column("分配安置房日期", r => r.Case.AllocatedOn)
            .Column("房号", r => r.Case.HousingUnit)
            .Column("住房面积（平方米）", r => r.Case.FloorArea)
            .Column("入住日期", r => r.Case.MovedInOn)
            .Column("搬迁人数", r => r.Case.People)
            .Column("拆旧复垦日期", r => r.Case.DemolishedOn)
            .Column("复垦面积（亩）", r => r.Case.ReclaimedMu);
    }

    internal static Results<ExcelSheet<MadeSafeHouse>, ValidationProblem> MadeSafeHouses(RelocationDbContext db, string? by, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var houses = HousingApi.FilteredMadeSafe(db, by, user, errors);
        return houses is null || errors.Count > 0
            ? Problems.Validation(errors)
            : ExcelExport.Sheet(houses, "住房安全保障户").Audited("made-safe")
                .Column("保障方式", h => h.By switch
                {
                    MadeSafeBy.Relocation => "易地搬迁（集中安置）",
                    MadeSafeBy.ScatteredResettlement => "易地搬迁（分散安置）",
                    MadeSafeBy.NonDifferentiatedRenovation => "无差别危房改造",
                    _ => "此前危房改造",
                })
                .Column("户编号", h => h.HouseholdNumber)
                .Column("户主", h => h.OwnerName)
                .Column("身份证号", h => h.OwnerIdNumber is null ? null : ResidentIdNumber.Mask(h.OwnerIdNumber))
                .Column("建档立卡户", h => h.HouseholdId is not null)
                .Column("行政村代码", h => h.VillageCode)
                .Column("日期", h => h.On);
    }

    internal static Results<ExcelSheet<HousingAppraisal>, ValidationProblem> Appraisals(
        RelocationDbContext db, string? grade, string? township, string? village, bool? registered, bool? latest, Guid? householdId, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var rows = HousingApi.FilteredAppraisals(db, grade, township, village, registered, latest, householdId, user, errors);
        return errors.Count > 0
            ? Problems.Validation(errors)
            : Owners(ExcelExport.Sheet(rows, "房屋安全鉴定").Audited("housing-appraisal"))
                .Column("鉴定等级", r => r.Grade.ToString() + "级")
                .Column("安全", r => HousingAppraisal.IsSafe(r.Grade))
                .Column("鉴定日期", r => r.AppraisedOn)
                .Column("鉴定机构", r => r.Agency)
                .Column("报告编号", r => r.ReportNumber);
    }

    internal static Results<ExcelSheet<RenovationProject>, ValidationProblem> Renovations(
        RelocationDbContext db, string? programme, bool? accepted, string? township, string? village, bool? registered, Guid? householdId, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var rows = HousingApi.FilteredRenovations(db, programme, accepted, township, village, registered, householdId, user, errors);
        return errors.Count > 0
            ? Problems.Validation(errors)
            : Owners(ExcelExport.Sheet(rows, "危房改造项目").Audited("renovation-project"))
                .Column("项目编号", r => r.ProjectNumber)
                .Column("改造类别", r => r.Programme == RenovationProgramme.NonDifferentiated ? "无差别危房改造" : "农村危房改造")
                .Column("改造方式", r => r.Method == RenovationMethod.Rebuild ? "拆除重建" : "加固改造")
                .Column("开工日期", r => r.StartedOn)
                .Column("验收日期", r => r.AcceptedOn)
                .Column("验收人", r => r.AcceptedBy);
    }

    internal static Results<ExcelSheet<ToiletRenovation>, ValidationProblem> Toilets(
        RelocationDbContext db, string? type, string? township, string? village, bool? registered, Guid? householdId, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var rows = HousingApi.FilteredToilets(db, type, township, village, registered, householdId, user, errors);
        return errors.Count > 0
            ? Problems.Validation(errors)
            : Owners(ExcelExport.Sheet(rows, "无害化卫生厕所改造").Audited("toilet-renovation"))
                .Column("厕所类型", r => r.Type switch
                {
                    ToiletType.ThreeCompartment => "三格化粪池式",
                    ToiletType.DoubleUrn => "双瓮漏斗式",
                    ToiletType.Biogas => "三联通沼气池式",
                    _ => "完整下水道水冲式",
                })
                .Column("完工日期", r => r.CompletedOn);
    }

    // A county's sites and water projects are tens to hundreds: their exports read the list whole, as the list reads a page.
    internal static async Task<Results<ExcelSheet<SiteDto>, ValidationProblem>> SitesAsync(
        RelocationDbContext db, string? mode, string? township, string? village, bool? equipped, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = SitesApi.FilteredSites(db, mode, township, village, equipped, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var sites = await SitesApi.DtosAsync(db, await query.ToListAsync(cancellationToken), cancellationToken);
        return ExcelExport.Sheet(sites, "安置点").Audited("resettlement-site")
            .Column("安置点编号", s => s.Code)
            .Column("名称", s => s.Name)
            .Column("安置方式", s => ModeName(s.Mode))
            .Column("行政村代码", s => s.VillageCode)
            .Column("规划安置户数", s => s.CapacityHouseholds)
            .Column("已分配户数", s => s.AllocatedHouseholds)
            .Column("已入住户数", s => s.MovedInHouseholds)
            .Column("竣工日期", s => s.CompletedOn)
            .Column("七个一配套到位", s => s.FullyEquipped)
            .Column("缺少的配套", s => string.Join("、", s.MissingFacilities.Select(SiteFacilities.NameOf)));
    }

    internal static async Task<Results<ExcelSheet<WaterProjectDto>, ValidationProblem>> WaterProjectsAsync(
        RelocationDbContext db, Microsoft.Extensions.Options.IOptions<WaterStandards> standards, string? kind, string? township, string? village, string? tested,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = WaterApi.Filtered(db, kind, township, village, tested, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var projects = await WaterApi.DtosAsync(db, await query.ToListAsync(cancellationToken), standards.Value, cancellationToken);
        return ExcelExport.Sheet(projects, "供水工程").Audited("water-project")
            .Column("工程编号", p => p.Code)
            .Column("名称", p => p.Name)
            .Column("供水方式", p => p.Kind == WaterProjectKind.Centralised ? "集中供水" : "分散供水")
            .Column("所在村代码", p => p.VillageCode)
            .Column("受益村", p => string.Join("、", p.ServedVillages))
            .Column("受益户数", p => p.ServedHouseholds)
            .Column("人均日供水量（升）", p => p.LitresPerPersonPerDay)
            .Column("往返取水时间（分钟）", p => p.RoundTripMinutes)
            .Column("供水保证率（%）", p => p.GuaranteeRatePercent)
            .Column("竣工日期", p => p.CompletedOn)
            .Column("最近检测日期", p => p.LatestTestOn)
            .Column("最近检测达标", p => p.LatestTestPassed)
            .Column("未达标之处", p => string.Join("；", p.Shortfalls));
    }

    private static string ModeName(ResettlementMode mode) => mode switch
    {
        ResettlementMode.TownOrCounty => "进城进镇",
        ResettlementMode.CentralVillage => "进中心村",
        ResettlementMode.WelfareHome => "进中心福利院",
        _ => "分散安置",
    };

    /// <summary>The house's owner as the housing lists show them (decision 0008: the masked number).</summary>
    private static ExcelSheet<T> Owners<T>(ExcelSheet<T> sheet)
        where T : IHouseRecord =>
        sheet
            .Column("户主", r => AppraisalDto.OwnerOf(r).Name)
            .Column("身份证号", r => AppraisalDto.OwnerOf(r).IdNumber)
            .Column("建档立卡户", r => r.HouseholdId is not null)
            .Column("行政村代码", r => r.VillageCode);
}
