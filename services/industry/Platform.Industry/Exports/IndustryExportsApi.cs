using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.People;
using Platform.Industry.Catalogue;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Industry.Entities;
using Platform.Industry.Jobs;
using Platform.Messaging.Households;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Export;
using Platform.ServiceDefaults.Http;

namespace Platform.Industry.Exports;

/// <summary>A job with the person holding it and their household, as the export reads it in one query.</summary>
public sealed class EmploymentRow
{
    public required EmploymentRecord Record { get; init; }

    public required ReplicaMember Member { get; init; }

    public required ReplicaHousehold Household { get; init; }
}

/// <summary>A job-matching task with its household's number, as the export reads it in one query.</summary>
public sealed class MatchingTaskRow
{
    public required JobMatchingTask Task { get; init; }

    public required string? HouseholdNumber { get; init; }
}

/// <summary>导出Excel of the industry pillar's lists, each from its list's own query (filters, data scope, order; ID numbers masked), audited.</summary>
public static class IndustryExportsApi
{
    public static IEndpointRouteBuilder MapIndustryExports(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/industry").WithTags("导出Excel").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/entities/export", Entities).WithSummary("导出经营主体与扶贫车间（筛选条件同列表；记入审计日志）");
        api.MapGet("/job-matching/tasks/export", MatchingTasks).WithSummary("导出搬迁户就业帮扶任务（筛选条件同列表；记入审计日志）");
        api.MapGet("/employment/export", EmploymentAsync).WithSummary("导出就业扶贫记录（筛选条件同列表；身份证号脱敏；记入审计日志）");
        return app;
    }

    internal static ExcelSheet<MatchingTaskRow> MatchingTasks(IndustryDbContext db, bool? open, ClaimsPrincipal user)
    {
        var rows = JobMatchingApi.FilteredTasks(db, open, user)
            .Select(t => new MatchingTaskRow { Task = t, HouseholdNumber = db.ReplicaHouseholds.Where(h => h.Id == t.HouseholdId).Select(h => h.HouseholdNumber).FirstOrDefault() });
        return ExcelExport.Sheet(rows, "搬迁户就业帮扶任务").Audited("job-matching-task")
            .Column("户编号", r => r.HouseholdNumber)
            .Column("行政村代码", r => r.Task.VillageCode)
            .Column("安置点", r => r.Task.SiteName)
            .Column("入住日期", r => r.Task.MovedInOn)
            .Column("任务生成时间", r => r.Task.OpenedAt)
            .Column("任务结束时间", r => r.Task.ClosedAt)
            .Column("结果", r => r.Task.Outcome switch
            {
                MatchingOutcome.Employed => "已就业",
                MatchingOutcome.NoJobWanted => "无就业意愿",
                MatchingOutcome.Other => "其他",
                _ => "未完成",
            })
            .Column("说明", r => r.Task.Note);
    }

    internal static Results<ExcelSheet<MarketEntity>, ValidationProblem> Entities(
        IndustryDbContext db, IndustryCatalogue catalogue, string? kind, string? industry, string? model, string? workshopSite, string? township, string? village,
        bool? newMarketEntity, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var entities = EntitiesApi.FilteredEntities(db, kind, industry, model, workshopSite, township, village, newMarketEntity, DataScope.Of(user), errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return ExcelExport.Sheet(entities, "经营主体与扶贫车间").Audited("market-entity")
            .Column("名称", e => e.Name)
            .Column("统一社会信用代码", e => e.Code)
            .Column("类型", e => Names.Of(e.Kind))
            .Column("产业", e => catalogue.Industry(e.Industry)?.Name ?? e.Industry)
            .Column("扶贫模式", e => catalogue.Model(e.Model)?.Name)
            .Column("行政村代码", e => e.VillageCode)
            .Column("车间选址", e => e.WorkshopSite switch
            {
                WorkshopSite.CentralVillage => "中心村",
                WorkshopSite.ResettlementSite => "易地搬迁安置点",
                _ => null,
            })
            .Column("安置点", e => e.SiteName)
            .Column("成立日期", e => e.FoundedOn);
    }

    internal static async Task<Results<ExcelSheet<EmploymentRow>, ValidationProblem, ProblemHttpResult>> EmploymentAsync(
        IndustryDbContext db, string? kind, int? year, Guid? workshop, bool? current, Guid? household, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (records, problem) = await EmploymentApi.FilteredAsync(db, kind, year, workshop, current, household, DataScope.Of(user), errors, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // The person and household beside each record, the list's order kept (a projection of the ordered records).
        var rows = records.Select(r => new EmploymentRow
        {
            Record = r,
            Member = db.ReplicaMembers.First(m => m.Id == r.MemberId),
            Household = db.ReplicaHouseholds.First(h => h.Id == r.HouseholdId),
        });

        // As the list answers (decision 0008): the masked number and the birth year, never the date.
        return ExcelExport.Sheet(rows, "就业扶贫").Audited("employment")
            .Column("姓名", r => r.Member.Name)
            .Column("身份证号", r => ResidentIdNumber.Mask(r.Member.IdNumber))
            .Column("出生年份", r => r.Member.BirthDate.Year)
            .Column("户编号", r => r.Household.HouseholdNumber)
            .Column("行政村代码", r => r.Household.VillageCode)
            .Column("就业类型", r => Names.Of(r.Record.Kind))
            .Column("用工单位（岗位）", r => r.Record.Employer)
            .Column("去向", r => r.Record.Destination)
            .Column("去向范围", r => r.Record.DestinationScope switch
            {
                DestinationScope.InProvince => "县外省内",
                DestinationScope.OutOfProvince => "省外",
                _ => null,
            })
            .Column("上岗日期", r => r.Record.StartedOn)
            .Column("年度", r => r.Record.Year)
            .Column("月数", r => r.Record.Months)
            .Column("月工资", r => r.Record.MonthlyWage)
            .Column("工资", r => r.Record.Wage)
            .Column("离岗日期", r => r.Record.EndedOn);
    }
}
