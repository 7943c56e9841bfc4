using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.People;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Industry.Catalogue;
using Platform.Industry.Consumption;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Industry.Entities;
using Platform.Industry.Households;
using Platform.Industry.Jobs;
using Platform.Industry.Projects;
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

/// <summary>A household project with its member and household, as the export reads it in one query.</summary>
public sealed class ProjectRow
{
    public required IndustryProject Project { get; init; }

    public required ReplicaMember Member { get; init; }

    public required ReplicaHousehold Household { get; init; }
}

/// <summary>An income record with its household's number, as the export reads it in one query.</summary>
public sealed class IncomeRow
{
    public required IndustryIncome Income { get; init; }

    public required string? HouseholdNumber { get; init; }
}

/// <summary>A sale with what the caller's households had of it, as the export reads it in one query.</summary>
public sealed class SaleRow
{
    public required ConsumptionSale Sale { get; init; }

    public required int Households { get; init; }

    public required decimal Shares { get; init; }
}

/// <summary>A job seeker with their trades and last completion, as the export reads them in one query.</summary>
public sealed class CandidateRow
{
    public required ReplicaMember Member { get; init; }

    public required string Trades { get; init; }

    public required DateOnly LastCompletedOn { get; init; }
}

/// <summary>导出Excel of the industry pillar's lists, each from its list's own query (filters, data scope, order; ID numbers masked), audited.</summary>
public static class IndustryExportsApi
{
    public static IEndpointRouteBuilder MapIndustryExports(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/industry").WithTags("导出Excel").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/entities/export", Entities).WithSummary("导出经营主体与扶贫车间（筛选条件同列表；记入审计日志）");
        api.MapGet("/job-matching/tasks/export", MatchingTasks).WithSummary("导出搬迁户就业帮扶任务（筛选条件同列表；记入审计日志）");
        api.MapGet("/job-matching/candidates/export", Candidates).WithSummary("导出就业匹配名单（筛选条件同列表；身份证号脱敏；记入审计日志）");
        api.MapGet("/employment/export", EmploymentAsync).WithSummary("导出就业扶贫记录（筛选条件同列表；身份证号脱敏；记入审计日志）");
        api.MapGet("/bases/export", Bases).WithSummary("导出产业基地（筛选条件同列表；记入审计日志）");
        api.MapGet("/households/export", Coverage).WithSummary("导出建档立卡户的产业覆盖（筛选条件同列表；记入审计日志）");
        api.MapGet("/work-list/export", WorkList).WithSummary("导出产业帮扶工作清单（筛选条件同列表；记入审计日志）");
        api.MapGet("/income/export", IncomeAsync).WithSummary("导出本支柱报送的收入记录（筛选条件同列表；记入审计日志）");
        api.MapGet("/projects/export", ProjectsAsync).WithSummary("导出产业到户项目（筛选条件同列表；身份证号脱敏；记入审计日志）");
        api.MapGet("/sales/export", Sales).WithSummary("导出消费扶贫销售（筛选条件同列表；受益户与收益只计本人数据范围内的户；记入审计日志）");
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

    internal static ExcelSheet<CandidateRow> Candidates(IndustryDbContext db, TimeProvider clock, string? township, string? village, string? trade, ClaimsPrincipal user)
    {
        // The trades of every training completed, as the list shows them (the trade filter picks members, not their trades).
        var rows = JobMatchingApi.FilteredCandidates(db, clock, township, village, trade, user).Select(m => new CandidateRow
        {
            Member = m,
            Trades = string.Join("、", db.Skills.Where(s => s.MemberId == m.Id).Select(s => s.Trade).Distinct()),
            LastCompletedOn = db.Skills.Where(s => s.MemberId == m.Id).Max(s => s.CompletedOn),
        });

        return Person(ExcelExport.Sheet(rows, "培训结业待就业人员").Audited("job-seeker"), r => r.Member)
            .Column("乡镇代码", r => r.Member.TownshipCode)
            .Column("行政村代码", r => r.Member.VillageCode)
            .Column("培训工种", r => r.Trades)
            .Column("最近结业", r => r.LastCompletedOn);
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

        return Person(ExcelExport.Sheet(rows, "就业扶贫").Audited("employment"), r => r.Member)
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

    internal static ExcelSheet<BaseRow> Bases(IndustryDbContext db, IndustryCatalogue catalogue, string? industry, string? township, string? village, ClaimsPrincipal user) =>
        ExcelExport.Sheet(EntitiesApi.FilteredBases(db, industry, township, village, user), "产业基地").Audited("industry-base")
            .Column("基地代码", r => r.Base.Code)
            .Column("名称", r => r.Base.Name)
            .Column("产业", r => catalogue.Industry(r.Base.Industry)?.Name ?? r.Base.Industry)
            .Column("扶贫模式", r => r.Base.Model is { } model ? catalogue.Model(model)?.Name ?? model : null)
            .Column("行政村代码", r => r.Base.VillageCode)
            .Column("面积（亩）", r => r.Base.AreaMu)
            .Column("存栏（头）", r => r.Base.Head)
            .Column("联结建档立卡户", r => r.Households);

    internal static ExcelSheet<CoverageRow> Coverage(IndustryDbContext db, bool? covered, bool? lifted, string? township, string? village, ClaimsPrincipal user) =>
        ExcelExport.Sheet(HouseholdsApi.FilteredCoverage(db, covered, lifted, township, village, user), "产业覆盖").Audited("industry-coverage")
            .Column("户编号", r => r.Household.HouseholdNumber)
            .Column("行政村代码", r => r.Household.VillageCode)
            .Column("已覆盖", r => CoverageRules.IsCovered(r.Projects > 0, r.Links > 0))
            .Column("产业带动脱贫", r => CoverageRules.IsLiftedByIndustry(r.Household.Status, r.Income > 0))
            .Column("利益联结数", r => r.Links)
            .Column("产业项目数", r => r.Projects)
            .Column("计入稳定收入的产业收入", r => r.Income);

    internal static Results<ExcelSheet<WorkListRow>, ValidationProblem> WorkList(IndustryDbContext db, bool? open, string? category, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var rows = HouseholdsApi.FilteredWorkList(db, open, category, user, errors);
        return errors.Count > 0
            ? Problems.Validation(errors)
            : ExcelExport.Sheet(rows, "产业帮扶工作清单").Audited("industry-work-list")
                .Column("户编号", r => r.Household?.HouseholdNumber)
                .Column("行政村代码", r => r.Household?.VillageCode)
                .Column("监测类别", r => MonitoringLabels.Of(r.Entry.Category))
                .Column("触发方式", r => MonitoringLabels.Of(r.Entry.Trigger))
                .Column("预警日期", r => r.Entry.RaisedOn)
                .Column("原因", r => r.Entry.Reason)
                .Column("解除日期", r => r.Entry.RemovedOn)
                .Column("已有产业帮扶", r => r.Covered);
    }

    internal static async Task<Results<ExcelSheet<IncomeRow>, ValidationProblem, ProblemHttpResult>> IncomeAsync(
        IndustryDbContext db, string? kind, string? source, int? year, Guid? household, bool? countsTowardExit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (records, problem) = await HouseholdsApi.FilteredIncomeAsync(db, kind, source, year, household, countsTowardExit, DataScope.Of(user), errors, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var rows = records.Select(i => new IncomeRow { Income = i, HouseholdNumber = db.ReplicaHouseholds.Where(h => h.Id == i.HouseholdId).Select(h => h.HouseholdNumber).FirstOrDefault() });
        return ExcelExport.Sheet(rows, "产业就业收入记录").Audited("industry-income")
            .Column("户编号", r => r.HouseholdNumber)
            .Column("年度", r => r.Income.Year)
            .Column("收入类型", r => IncomeKindLabels.Of(r.Income.Kind))
            .Column("来源", r => r.Income.Source switch
            {
                IncomeSource.LinkPayment => "利益联结收益",
                IncomeSource.ProjectSubsidy => "产业奖补",
                IncomeSource.Employment => "就业工资",
                _ => "消费扶贫",
            })
            .Column("金额", r => r.Income.Amount)
            .Column("计入稳定收入", r => r.Income.CountsTowardExit)
            .Column("说明", r => r.Income.Description)
            .Column("报送时间", r => r.Income.RecordedAt);
    }

    internal static async Task<Results<ExcelSheet<ProjectRow>, ProblemHttpResult>> ProjectsAsync(
        IndustryDbContext db, IndustryCatalogue catalogue, string? industry, string? model, int? year, Guid? household, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (projects, problem) = await ProjectsApi.FilteredAsync(db, industry, model, year, household, DataScope.Of(user), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var rows = projects.Select(p => new ProjectRow
        {
            Project = p,
            Member = db.ReplicaMembers.First(m => m.Id == p.MemberId),
            Household = db.ReplicaHouseholds.First(h => h.Id == p.HouseholdId),
        });

        // As the list answers (decision 0008): the masked number and the birth year, never the date.
        return ExcelExport.Sheet(rows, "产业到户项目").Audited("industry-project")
            .Column("户编号", r => r.Household.HouseholdNumber)
            .Column("行政村代码", r => r.Household.VillageCode)
            .Column("成员", r => r.Member.Name)
            .Column("身份证号", r => ResidentIdNumber.Mask(r.Member.IdNumber))
            .Column("出生年份", r => r.Member.BirthDate.Year)
            .Column("产业", r => catalogue.Industry(r.Project.Industry)?.Name ?? r.Project.Industry)
            .Column("扶贫模式", r => r.Project.Model is { } model ? catalogue.Model(model)?.Name ?? model : null)
            .Column("项目内容", r => r.Project.Description)
            .Column("规模", r => r.Project.Scale)
            .Column("年度", r => r.Project.Year)
            .Column("奖补政策", r => catalogue.Policy(r.Project.Policy)?.Name ?? r.Project.Policy)
            .Column("奖补金额", r => r.Project.Subsidy);
    }

    internal static Results<ExcelSheet<SaleRow>, ValidationProblem> Sales(IndustryDbContext db, string? channel, int? year, ClaimsPrincipal user)
    {
        var errors = new Dictionary<string, string[]>();
        var (sales, shares) = SalesApi.Filtered(db, channel, year, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var rows = sales.Select(s => new SaleRow
        {
            Sale = s,
            Households = shares.Where(x => x.SaleId == s.Id).Select(x => x.HouseholdId).Distinct().Count(),
            Shares = shares.Where(x => x.SaleId == s.Id).Sum(x => (decimal?)x.Amount) ?? 0m,
        });
        return ExcelExport.Sheet(rows, "消费扶贫销售").Audited("consumption-sale")
            .Column("产品", r => r.Sale.Product)
            .Column("渠道", r => Names.Of(r.Sale.Channel))
            .Column("购买方", r => r.Sale.Buyer)
            .Column("销售日期", r => r.Sale.SoldOn)
            .Column("销售额", r => r.Sale.Amount)
            .Column("受益户（本人范围内）", r => r.Households)
            .Column("受益户收益合计", r => r.Shares);
    }

    /// <summary>A member as the lists answer (decision 0008): the name, the masked number and the birth year, never the date.</summary>
    private static ExcelSheet<T> Person<T>(ExcelSheet<T> sheet, Func<T, ReplicaMember> member) =>
        sheet
            .Column("姓名", r => member(r).Name)
            .Column("身份证号", r => ResidentIdNumber.Mask(member(r).IdNumber))
            .Column("出生年份", r => member(r).BirthDate.Year);
}
