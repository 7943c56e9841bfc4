using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.People;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.Households.Exit;
using Platform.Households.Monitoring;
using Platform.Households.Registry;
using Platform.Households.Villages;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Export;
using Platform.ServiceDefaults.Http;

namespace Platform.Households.Exports;

/// <summary>
/// 导出Excel of the registry's lists: each export reads its list's own query (filters, the caller's data
/// scope, order) through the building block, so a sheet holds exactly the rows the list pages through,
/// with ID numbers masked as the list masks them, and each export is in the audit log.
/// </summary>
public static class RegistryExportsApi
{
    public static IEndpointRouteBuilder MapRegistryExports(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households").WithTags("导出Excel").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/export", Households).WithSummary("导出建档立卡户列表（筛选条件同列表；身份证号脱敏；记入审计日志）");
        api.MapGet("/exits/export", Exited).WithSummary("导出已脱贫户列表（筛选条件同列表；记入审计日志）");
        api.MapGet("/monitoring/flags/export", Flags).WithSummary("导出防返贫监测对象列表（筛选条件同列表；记入审计日志）");
        api.MapGet("/villages/incidence/export", VillagesAsync).WithSummary("导出各村贫困发生率（筛选条件同列表；记入审计日志）");
        api.MapGet("/exit-batches/export", BatchesAsync).WithSummary("导出退出批次列表（筛选条件同列表；记入审计日志）");
        return app;
    }

    internal static Results<ExcelSheet<HouseholdExportRow>, ValidationProblem> Households(
        HouseholdsDbContext db, [AsParameters] HouseholdFilter filter, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var households = HouseholdsApi.Filtered(db, filter, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var rows = households.OrderBy(h => h.HouseholdNumber).Select(h => new HouseholdExportRow(
            h.HouseholdNumber,
            h.Village!.Township!.Name,
            h.Village.Name,
            h.Members.Where(m => m.RemovedAt == null && m.Relation == MemberRegistration.HeadRelation).Select(m => m.Name).FirstOrDefault(),
            h.Members.Where(m => m.RemovedAt == null && m.Relation == MemberRegistration.HeadRelation).Select(m => m.IdNumber).FirstOrDefault(),
            h.Members.Count(m => m.RemovedAt == null),
            h.Status,
            h.MainCause,
            h.RegisteredYear,
            h.ExitYear));
        return ExcelExport.Sheet(rows, "建档立卡户").Audited("household")
            .Column("户编号", r => r.HouseholdNumber)
            .Column("乡镇", r => r.Township)
            .Column("行政村", r => r.Village)
            .Column("户主", r => r.HeadName)
            .Column("户主身份证号", r => r.HeadIdNumber is null ? null : ResidentIdNumber.Mask(r.HeadIdNumber))
            .Column("家庭人口", r => r.Size)
            .Column("户状态", r => ExportLabels.Of(r.Status))
            .Column("主要致贫原因", r => ExportLabels.Of(r.MainCause))
            .Column("识别年度", r => r.RegisteredYear)
            .Column("脱贫年度", r => r.ExitYear);
    }

    internal static ExcelSheet<ExitedHousehold> Exited(HouseholdsDbContext db, int? year, string? township, string? village, ClaimsPrincipal user) =>
        ExcelExport.Sheet(ExitApi.Exited(db, year, township, village, user), year is null ? "已脱贫户" : $"{year}年脱贫户").Audited("household")
            .Column("户编号", r => r.HouseholdNumber)
            .Column("行政村", r => r.VillageName)
            .Column("户主", r => r.HeadName)
            .Column("人口", r => r.People)
            .Column("脱贫年度", r => r.ExitYear)
            .Column("首次脱贫年度", r => r.FirstExitYear);

    internal static Results<ExcelSheet<FlagListItem>, ValidationProblem> Flags(
        HouseholdsDbContext db, [AsParameters] FlagFilter filter, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var flags = MonitoringApi.Filtered(db, filter, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return ExcelExport.Sheet(flags, "防返贫监测对象").Audited("monitoring-flag")
            .Column("户编号", r => r.HouseholdNumber)
            .Column("行政村", r => r.VillageName)
            .Column("户状态", r => ExportLabels.Of(r.HouseholdStatus))
            .Column("监测类别", r => ExportLabels.Of(r.Category))
            .Column("信息来源", r => ExportLabels.Of(r.Trigger))
            .Column("原因", r => r.Reason)
            .Column("纳入日期", r => r.RaisedOn)
            .Column("收入稳定自", r => r.StableSince)
            .Column("风险原因消除", r => r.CauseResolved)
            .Column("风险消除日期", r => r.RemovedOn);
    }

    internal static async Task<ExcelSheet<VillageIncidence>> VillagesAsync(
        HouseholdsDbContext db, string? township, bool? poor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var villages = (await VillageExitApi.IncidenceAsync(db, DataScope.Of(user), cancellationToken))
            .Where(v => (township == null || v.TownshipCode == township) && (poor == null || v.IsPoorVillage == poor)).ToList();
        return ExcelExport.Sheet(villages, "行政村贫困发生率").Audited("village")
            .Column("行政村代码", r => r.Code)
            .Column("行政村", r => r.Name)
            .Column("乡镇", r => r.TownshipName)
            .Column("贫困村", r => r.IsPoorVillage)
            .Column("出列年度", r => r.ExitYear)
            .Column("农村人口", r => r.RuralPopulation)
            .Column("贫困人口", r => r.PoorPeople)
            .Column("贫困发生率", r => r.PovertyIncidence);
    }

    internal static async Task<ExcelSheet<ExitBatchSummary>> BatchesAsync(
        HouseholdsDbContext db, string? township, string? village, int? year, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var ids = await ExitApi.BatchIds(db, township, village, year, user).Take(ExcelExport.DefaultMaxRows + 1).ToListAsync(cancellationToken);
        return ExcelExport.Sheet(await ExitApi.SummariesInOrderAsync(db, ids, cancellationToken), "退出批次").Audited("exit-batch")
            .Column("批次", r => r.Name)
            .Column("行政村", r => r.VillageName)
            .Column("年度", r => r.Year)
            .Column("户数", r => r.Cases)
            .Column("办理中", r => r.Active)
            .Column("已退出", r => r.Exited)
            .Column("退回", r => r.Returned)
            .Column("民主评议", r => r.ReviewedOn)
            .Column("公示开始", r => r.NoticeFrom)
            .Column("公示截止", r => r.NoticeUntil)
            .Column("公告", r => r.AnnouncedOn)
            .Column("退出销号", r => r.ExitedOn);
    }
}

/// <summary>A household as its sheet shows it; the head's ID number is masked when the cell is written.</summary>
public sealed record HouseholdExportRow(
    string HouseholdNumber, string Township, string Village, string? HeadName, string? HeadIdNumber, int Size,
    Contracts.Households.HouseholdStatus Status, PovertyCause MainCause, int RegisteredYear, int? ExitYear);
