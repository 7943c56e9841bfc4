using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Households.Common;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.Households.Registry;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Households.Monitoring;

/// <summary>防返贫监测: flags in three categories, their reviews and removal, assistance measures.</summary>
public static class MonitoringApi
{
    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households").WithTags("防返贫监测").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/monitoring/flags", ListAsync).WithSummary("监测对象：按类别、状态（open/removed/all）、乡镇、村、户、信息来源筛选，分页（监测数字的明细）");
        api.MapGet("/monitoring/flags/{flagId:guid}", GetAsync).WithSummary("一个监测标识：来源、回访、帮扶措施、相关报告");
        api.MapPost("/monitoring/flags", RaiseAsync).RequireAuthorization(PlatformPolicies.RegistryWrite).WithIdempotency<HouseholdsDbContext>()
            .Audited("monitoring-flag").WithSummary("纳入监测（干部走访、农户申报、部门数据）：已脱贫户为脱贫不稳定户（支持 Idempotency-Key 重试）");
        api.MapPost("/monitoring/households", EnterAsync).RequireAuthorization(PlatformPolicies.RegistryWrite).WithIdempotency<HouseholdsDbContext>()
            .Audited("monitoring-flag").WithSummary("未建档立卡的边缘易致贫户或突发严重困难户纳入监测：登记户及成员并标识（支持 Idempotency-Key 重试）");
        api.MapPost("/monitoring/flags/{flagId:guid}/reviews", ReviewAsync).RequireAuthorization(PlatformPolicies.RegistryWrite).WithIdempotency<HouseholdsDbContext>()
            .Audited("monitoring-flag", "flagId").WithSummary("帮扶回访：人均纯收入（不填则按登记的收入计算）与监测线比较，风险是否消除（支持 Idempotency-Key 重试）");
        api.MapPost("/monitoring/flags/{flagId:guid}/removal", RemoveAsync).RequireAuthorization(PlatformPolicies.RegistryWrite)
            .Audited("monitoring-flag", "flagId").WithSummary("风险消除：风险已消除且收入稳定超过监测线满规定月数（默认6个月）方可消除，记录保留");
        api.MapPost("/monitoring/income-checks", IncomeCheckAsync).RequireAuthorization(PlatformPolicies.RegistryWrite)
            .Audited("monitoring-flag").WithSummary("年度收入监测：人均纯收入低于当年监测线的已脱贫户纳入监测");
        api.MapGet("/{id:guid}/measures", MeasuresAsync).WithSummary("该户的帮扶措施");
        api.MapPost("/{id:guid}/measures", AddMeasureAsync).RequireAuthorization(PlatformPolicies.RegistryWrite).WithIdempotency<HouseholdsDbContext>()
            .Audited("household").WithSummary("记录帮扶措施（可关联监测标识；支持 Idempotency-Key 重试）");
        return app;
    }

    internal static async Task<Results<Ok<Page<FlagListItem>>, ProblemHttpResult>> ListAsync(
        [AsParameters] FlagFilter filter, int? page, int? pageSize, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var joined = Filtered(db, filter, user, errors);
        if (errors.Count > 0)
        {
            return Outcome<Page<FlagListItem>>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var total = await joined.LongCountAsync(cancellationToken);
        var items = await joined.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<FlagListItem>(items, pageNumber, size, total));
    }

    /// <summary>The flags of a list (and of its export), in the list's order: the caller's scope and the filters.</summary>
    internal static IQueryable<FlagListItem> Filtered(HouseholdsDbContext db, FlagFilter filter, ClaimsPrincipal user, Dictionary<string, string[]> errors)
    {
        var parsedCategory = Requests.Optional<MonitoringCategory>(filter.Category, "category", "监测类别", errors);
        var parsedTrigger = Requests.Optional<MonitoringTrigger>(filter.Trigger, "trigger", "信息来源", errors);
        if (filter.State is not (null or "" or "open" or "removed" or "all"))
        {
            FieldErrors.Add(errors, "state", "状态应为：open、removed 或 all");
        }

        var households = db.Households.Within(DataScope.Of(user));
        if (!string.IsNullOrWhiteSpace(filter.Township))
        {
            households = households.Where(h => h.Village!.Township!.Code == filter.Township);
        }

        if (!string.IsNullOrWhiteSpace(filter.Village))
        {
            households = households.Where(h => h.Village!.Code == filter.Village);
        }

        if (filter.Household is { } household)
        {
            households = households.Where(h => h.Id == household);
        }

        var query = MonitoringQueries.Flags(db.MonitoringFlags.AsNoTracking(), string.IsNullOrEmpty(filter.State) ? "open" : filter.State, parsedCategory)
            .Where(f => parsedTrigger == null || f.Trigger == parsedTrigger);
        return query.Join(households, f => f.HouseholdId, h => h.Id, (f, h) => new { Flag = f, Household = h })
            .OrderByDescending(x => x.Flag.RaisedOn).ThenBy(x => x.Household.HouseholdNumber)
            .Select(x => new FlagListItem(
                x.Flag.Id, x.Household.Id, x.Household.HouseholdNumber, x.Household.Village!.Code, x.Household.Village.Name, x.Household.Status,
                x.Flag.Category, x.Flag.Trigger, x.Flag.Reason, x.Flag.RaisedOn, x.Flag.StableSince, x.Flag.CauseResolved, x.Flag.RemovedOn));
    }

    internal static async Task<Results<Ok<FlagDetail>, ProblemHttpResult>> GetAsync(Guid flagId, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var detail = await DetailAsync(db, flagId, DataScope.Of(user), cancellationToken);
        return detail is null ? Problems.NotFound("监测标识不存在") : TypedResults.Ok(detail);
    }

    internal static async Task<Results<Created<FlagDetail>, ProblemHttpResult>> RaiseAsync(
        [FromBody] RaiseFlagRequest request, MonitoringCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await CreatedAsync(db, user, await commands.RaiseAsync(request, Requests.Actor(user), DataScope.Of(user), cancellationToken), cancellationToken);

    internal static async Task<Results<Created<FlagDetail>, ProblemHttpResult>> EnterAsync(
        [FromBody] MonitoredHouseholdRequest request, MonitoringCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await CreatedAsync(db, user, await commands.EnterHouseholdAsync(request, Requests.Actor(user), DataScope.Of(user), cancellationToken), cancellationToken);

    internal static async Task<Results<Created<FlagDetail>, ProblemHttpResult>> ReviewAsync(
        Guid flagId, [FromBody] ReviewRequest request, MonitoringCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var outcome = await commands.ReviewAsync(flagId, request, Requests.Actor(user), scope, cancellationToken);
        return outcome.Value is null
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/households/monitoring/flags/{flagId}", await DetailAsync(db, flagId, scope, cancellationToken));
    }

    internal static async Task<Results<Ok<FlagDetail>, ProblemHttpResult>> RemoveAsync(
        Guid flagId, [FromBody] RemovalRequest request, MonitoringCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var outcome = await commands.RemoveAsync(flagId, request, Requests.Actor(user), scope, cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Ok((await DetailAsync(db, flagId, scope, cancellationToken))!);
    }

    internal static async Task<Results<Ok<IncomeCheckResult>, ProblemHttpResult>> IncomeCheckAsync(
        [FromBody] IncomeCheckRequest request, MonitoringCommands commands, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.CheckIncomeAsync(request, Requests.Actor(user), DataScope.Of(user), cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Ok(outcome.Value);
    }

    internal static async Task<Results<Ok<List<MeasureDto>>, ProblemHttpResult>> MeasuresAsync(Guid id, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await db.Households.Within(DataScope.Of(user)).AnyAsync(h => h.Id == id, cancellationToken))
        {
            return Problems.NotFound("户不存在");
        }

        return TypedResults.Ok(await db.AssistanceMeasures.AsNoTracking().Where(m => m.HouseholdId == id).OrderBy(m => m.StartedOn)
            .Select(m => new MeasureDto(m.Id, m.FlagId, m.Category, m.Description, m.StartedOn, m.By)).ToListAsync(cancellationToken));
    }

    internal static async Task<Results<Created<MeasureDto>, ProblemHttpResult>> AddMeasureAsync(
        Guid id, [FromBody] MeasureRequest request, MonitoringCommands commands, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.AddMeasureAsync(id, request, Requests.Actor(user), DataScope.Of(user), cancellationToken);
        return outcome.Value is not { } m
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/households/{id}/measures", new MeasureDto(m.Id, m.FlagId, m.Category, m.Description, m.StartedOn, m.By));
    }

    private static async Task<Results<Created<FlagDetail>, ProblemHttpResult>> CreatedAsync(
        HouseholdsDbContext db, ClaimsPrincipal user, Outcome<MonitoringFlag> outcome, CancellationToken cancellationToken) =>
        outcome.Value is null
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/households/monitoring/flags/{outcome.Value.Id}", await DetailAsync(db, outcome.Value.Id, DataScope.Of(user), cancellationToken));

    private static async Task<FlagDetail?> DetailAsync(HouseholdsDbContext db, Guid flagId, DataScope scope, CancellationToken cancellationToken)
    {
        var row = await db.MonitoringFlags.AsNoTracking().Include(f => f.Reviews).Where(f => f.Id == flagId)
            .Join(db.Households.Within(scope), f => f.HouseholdId, h => h.Id, (f, h) => new
            {
                Flag = f, h.HouseholdNumber, VillageCode = h.Village!.Code, VillageName = h.Village.Name, h.Status,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var f = row.Flag;
        var signals = await db.MonitoringSignals.AsNoTracking().Where(s => s.FlagId == flagId).OrderBy(s => s.On)
            .Select(s => new SignalDto(s.Trigger, s.Source, s.SourceRecordId, s.ExpenseKind, s.Amount, s.AboveThreshold, s.On, s.Description))
            .ToListAsync(cancellationToken);
        var measures = await db.AssistanceMeasures.AsNoTracking().Where(m => m.FlagId == flagId).OrderBy(m => m.StartedOn)
            .Select(m => new MeasureDto(m.Id, m.FlagId, m.Category, m.Description, m.StartedOn, m.By)).ToListAsync(cancellationToken);
        return new FlagDetail(
            new FlagListItem(f.Id, f.HouseholdId, row.HouseholdNumber, row.VillageCode, row.VillageName, row.Status, f.Category, f.Trigger, f.Reason, f.RaisedOn, f.StableSince, f.CauseResolved, f.RemovedOn),
            f.RaisedBy,
            f.RemovedBy,
            f.RemovalReason,
            f.Ending,
            f.Reviews.OrderBy(r => r.On).ThenBy(r => r.RecordedAt)
                .Select(r => new ReviewDto(r.On, r.By, r.PerCapitaIncome, r.MonitoringLine, r.AboveLine, r.CauseResolved, r.Note)).ToList(),
            signals,
            measures);
    }
}

/// <summary>The one definition of the monitoring figures' sets, shared by the figures and their drill-down.</summary>
internal static class MonitoringQueries
{
    public static IQueryable<MonitoringFlag> Flags(IQueryable<MonitoringFlag> flags, string state, MonitoringCategory? category)
    {
        flags = state switch
        {
            "removed" => flags.Where(f => f.RemovedOn != null),
            "all" => flags,
            _ => flags.Where(f => f.RemovedOn == null),
        };
        return category is null ? flags : flags.Where(f => f.Category == category);
    }
}
