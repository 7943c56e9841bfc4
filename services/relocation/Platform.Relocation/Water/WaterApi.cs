using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Relocation.Data;
using Platform.Relocation.Domain;
using Platform.Relocation.Households;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Relocation.Water;

public sealed record WaterProjectRequest(
    string? Code, string? Name, string? Kind, string? VillageCode, IReadOnlyList<string>? ServedVillages,
    int? LitresPerPersonPerDay, int? RoundTripMinutes, int? GuaranteeRatePercent, DateOnly? CompletedOn);

public sealed record ServeRequest(Guid? HouseholdId);

public sealed record WaterTestRequest(DateOnly? SampledOn, bool? Passed, string? FailedIndicators, string? Laboratory, string? ReportNumber);

public sealed record WaterProjectDto(
    Guid Id, string Code, string Name, WaterProjectKind Kind, string VillageCode, IReadOnlyList<string> ServedVillages, int ServedHouseholds,
    int LitresPerPersonPerDay, int RoundTripMinutes, int GuaranteeRatePercent, DateOnly? CompletedOn, DateOnly? LatestTestOn, bool? LatestTestPassed,
    IReadOnlyList<string> Shortfalls)
{
    public static WaterProjectDto From(WaterProject p, int households, WaterStandards standards) => new(
        p.Id, p.Code, p.Name, p.Kind, p.VillageCode, p.ServedVillages, households, p.LitresPerPersonPerDay, p.RoundTripMinutes, p.GuaranteeRatePercent,
        p.CompletedOn, p.LatestTestOn, p.LatestTestPassed, SafeWater.Shortfalls(p.ToSupply(), standards));
}

public sealed record WaterTestDto(Guid Id, Guid ProjectId, DateOnly SampledOn, bool Passed, string? FailedIndicators, string Laboratory, string ReportNumber, string RecordedBy)
{
    public static WaterTestDto From(WaterQualityTest t) => new(t.Id, t.ProjectId, t.SampledOn, t.Passed, t.FailedIndicators, t.Laboratory, t.ReportNumber, t.RecordedBy);
}

/// <summary>饮水安全: water projects and quality tests for the county portal (through the gateway at /api/relocation/water).</summary>
public static class WaterApi
{
    public static IEndpointRouteBuilder MapWaterApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/relocation/water").WithTags("饮水安全").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/projects", ListAsync).WithSummary("供水工程：按集中/分散、乡镇、村、最近一次水质检测结果（passed、failed、none）筛选，分页；每项列出未达标之处");
        api.MapGet("/projects/{id:guid}", GetAsync).WithSummary("供水工程详情");
        api.MapPost("/projects", CreateAsync).RequireAuthorization(PlatformPolicies.CountyWrite).WithIdempotency<RelocationDbContext>()
            .WithSummary("登记供水工程（县级；工程编号唯一；集中供水写受益村）");
        api.MapPost("/projects/{id:guid}/households", ServeAsync).RequireAuthorization(PlatformPolicies.PillarWrite)
            .WithSummary("分散供水工程登记一户受益的建档立卡户");
        api.MapGet("/projects/{id:guid}/tests", TestsAsync).WithSummary("一个工程的水质检测记录，分页");
        api.MapPost("/projects/{id:guid}/tests", TestAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<RelocationDbContext>()
            .WithSummary("登记水质检测（报告编号唯一）：最近一次检测决定受益户的水质是否达标");
        return app;
    }

    internal static async Task<Results<Ok<Page<WaterProjectDto>>, ValidationProblem>> ListAsync(
        RelocationDbContext db, Microsoft.Extensions.Options.IOptions<WaterStandards> standards, string? kind, string? township, string? village, string? tested,
        int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var query = Filtered(db, kind, township, village, tested, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<WaterProjectDto>(await DtosAsync(db, rows, standards.Value, cancellationToken), pageNumber, size, total));
    }

    /// <summary>The water projects of the list (and of its export), by code: the caller's scope and the filters (a village: the projects standing in it or serving it).</summary>
    internal static IQueryable<WaterProject> Filtered(
        RelocationDbContext db, string? kind, string? township, string? village, string? tested, ClaimsPrincipal user, Dictionary<string, string[]> errors)
    {
        var query = db.WaterProjects.AsNoTracking().Within(DataScope.Of(user));
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (Codes.TryParse<WaterProjectKind>(kind, out var k))
            {
                query = query.Where(p => p.Kind == k);
            }
            else
            {
                FieldErrors.Add(errors, "kind", $"供水方式应为：{Codes.List<WaterProjectKind>()}");
            }
        }

        switch (tested?.Trim().ToLowerInvariant())
        {
            case null or "":
                break;
            case "passed":
                query = query.Where(p => p.LatestTestPassed == true);
                break;
            case "failed":
                query = query.Where(p => p.LatestTestPassed == false);
                break;
            case "none":
                query = query.Where(p => p.LatestTestPassed == null);
                break;
            default:
                FieldErrors.Add(errors, "tested", "应为 passed、failed 或 none");
                break;
        }

        if (!string.IsNullOrWhiteSpace(township))
        {
            query = query.Where(p => p.TownshipCode == township.Trim());
        }

        if (!string.IsNullOrWhiteSpace(village))
        {
            var code = village.Trim();
            query = query.Where(p => p.VillageCode == code || p.ServedVillages.Contains(code));
        }

        return query.OrderBy(p => p.Code);
    }

    /// <summary>The projects as the list shows them: the households served and what falls short of the standards.</summary>
    internal static async Task<List<WaterProjectDto>> DtosAsync(RelocationDbContext db, IReadOnlyList<WaterProject> projects, WaterStandards standards, CancellationToken cancellationToken)
    {
        var counts = await HouseholdsAsync(db, projects.Select(r => r.Id).ToList(), cancellationToken);
        return projects.Select(p => WaterProjectDto.From(p, counts.GetValueOrDefault(p.Id), standards)).ToList();
    }

    internal static async Task<Results<Ok<WaterProjectDto>, ProblemHttpResult>> GetAsync(
        Guid id, RelocationDbContext db, Microsoft.Extensions.Options.IOptions<WaterStandards> standards, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var project = await db.WaterProjects.AsNoTracking().Within(DataScope.Of(user)).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return project is null
            ? Problems.NotFound("供水工程不存在")
            : TypedResults.Ok(WaterProjectDto.From(project, (await HouseholdsAsync(db, [id], cancellationToken)).GetValueOrDefault(id), standards.Value));
    }

    internal static async Task<Results<Created<WaterProjectDto>, ProblemHttpResult>> CreateAsync(
        [FromBody] WaterProjectRequest request, RelocationDbContext db, WaterWrites writes, Microsoft.Extensions.Options.IOptions<WaterStandards> standards,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var code = request.Code?.Trim() ?? string.Empty;
        if (code.Length is 0 or > 30)
        {
            FieldErrors.Add(errors, "code", "请填写工程编号（不超过30字）");
        }

        var name = request.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > 100)
        {
            FieldErrors.Add(errors, "name", "请填写工程名称（不超过100字）");
        }

        if (!Codes.TryParse<WaterProjectKind>(request.Kind, out var kind))
        {
            FieldErrors.Add(errors, "kind", $"供水方式应为：{Codes.List<WaterProjectKind>()}");
        }

        var village = request.VillageCode?.Trim() ?? string.Empty;
        var served = (request.ServedVillages ?? []).Select(v => v?.Trim() ?? string.Empty).ToList();
        if (!Rules.IsVillageCode(village) || served.Any(v => !Rules.IsVillageCode(v)))
        {
            FieldErrors.Add(errors, "villageCode", "村代码应为12位数字");
        }

        if (request.CompletedOn is { } completed && Rules.CheckDate(completed, clock.Today(), "completedOn") is { Succeeded: false } late)
        {
            FieldErrors.Add(errors, "completedOn", late.Error!);
        }

        var input = new WaterProjectInput(code, name, kind, village, served, [], request.LitresPerPersonPerDay ?? 0, request.RoundTripMinutes ?? -1, request.GuaranteeRatePercent ?? 0, request.CompletedOn);
        if (errors.Count == 0 && WaterWrites.Check(input) is { Succeeded: false } wrong)
        {
            FieldErrors.Add(errors, wrong.Field!, wrong.Error!);
        }

        if (errors.Count > 0)
        {
            return Outcome<WaterProject>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        if (await db.WaterProjects.AnyAsync(p => p.Code == code, cancellationToken))
        {
            return Outcome<WaterProject>.Refused(Refusal.Conflict, "code", "工程编号已存在").ToProblem();
        }

        var (project, _, _) = await writes.SaveAsync(null, input, cancellationToken);
        var saved = await db.SaveAsOutcomeAsync(project!, ("code", "请重试"), _ => ("code", "工程编号已存在"), cancellationToken);
        return saved.Value is null ? saved.ToProblem() : TypedResults.Created($"/api/relocation/water/projects/{project!.Id}", WaterProjectDto.From(project, 0, standards.Value));
    }

    internal static async Task<Results<Ok<WaterProjectDto>, ProblemHttpResult>> ServeAsync(
        Guid id, [FromBody] ServeRequest request, RelocationDbContext db, WaterWrites writes, Microsoft.Extensions.Options.IOptions<WaterStandards> standards,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var project = await db.WaterProjects.Within(scope).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null)
        {
            return Problems.NotFound("供水工程不存在");
        }

        if (request.HouseholdId is not { } householdId || (await db.FactsAsync([householdId], scope, cancellationToken)).Count == 0)
        {
            return Outcome<WaterProject>.Refused(Refusal.NotFound, "householdId", "建档立卡户不存在").ToProblem();
        }

        if (project.Kind != WaterProjectKind.Scattered)
        {
            return Outcome<WaterProject>.Refused(Refusal.Invalid, "householdId", "集中供水工程按村覆盖，不逐户登记").ToProblem();
        }

        var (_, result, _) = await writes.SaveAsync(project, new WaterProjectInput(
            project.Code, project.Name, project.Kind, project.VillageCode, project.ServedVillages, [householdId],
            project.LitresPerPersonPerDay, project.RoundTripMinutes, project.GuaranteeRatePercent, project.CompletedOn), cancellationToken);
        if (!result.Succeeded)
        {
            return Outcome<WaterProject>.Refused(Refusal.Invalid, result.Field!, result.Error!).ToProblem();
        }

        var saved = await db.SaveAsOutcomeAsync(project, ("project", "该工程刚被他人修改，请刷新后重试"), _ => ("householdId", "该户已登记为受益户"), cancellationToken);
        return saved.Value is null ? saved.ToProblem() : TypedResults.Ok(WaterProjectDto.From(project, (await HouseholdsAsync(db, [id], cancellationToken)).GetValueOrDefault(id), standards.Value));
    }

    internal static async Task<Results<Ok<Page<WaterTestDto>>, ProblemHttpResult>> TestsAsync(
        Guid id, RelocationDbContext db, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Paging.Validate(page, pageSize, out var pageNumber, out var size) is { } errors)
        {
            return Outcome<WaterQualityTest>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        if (!await db.WaterProjects.Within(DataScope.Of(user)).AnyAsync(p => p.Id == id, cancellationToken))
        {
            return Problems.NotFound("供水工程不存在");
        }

        var tests = db.WaterTests.AsNoTracking().Where(t => t.ProjectId == id);
        var rows = await tests.OrderByDescending(t => t.SampledOn).ThenByDescending(t => t.RecordedAt).PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<WaterTestDto>(rows.Select(WaterTestDto.From).ToList(), pageNumber, size, await tests.LongCountAsync(cancellationToken)));
    }

    internal static async Task<Results<Created<WaterTestDto>, ProblemHttpResult>> TestAsync(
        Guid id, [FromBody] WaterTestRequest request, RelocationDbContext db, WaterWrites writes, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var project = await db.WaterProjects.Within(DataScope.Of(user)).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null)
        {
            return Problems.NotFound("供水工程不存在");
        }

        var errors = new Dictionary<string, string[]>();
        if (request.SampledOn is not { } sampled || Rules.CheckDate(sampled, clock.Today(), "sampledOn") is { Succeeded: false })
        {
            FieldErrors.Add(errors, "sampledOn", "请填写取样日期（不晚于今天）");
        }

        if (request.Passed is null)
        {
            FieldErrors.Add(errors, "passed", "请写明是否合格");
        }

        var failed = request.FailedIndicators?.Trim();
        if (request.Passed == false && (string.IsNullOrEmpty(failed) || failed.Length > 200))
        {
            FieldErrors.Add(errors, "failedIndicators", "不合格时请写明超标指标（不超过200字）");
        }

        var laboratory = request.Laboratory?.Trim() ?? string.Empty;
        if (laboratory.Length is 0 or > 100)
        {
            FieldErrors.Add(errors, "laboratory", "请填写检测机构（不超过100字）");
        }

        var report = request.ReportNumber?.Trim() ?? string.Empty;
        if (report.Length is 0 or > 40)
        {
            FieldErrors.Add(errors, "reportNumber", "请填写检测报告编号（不超过40字）");
        }

        if (errors.Count > 0)
        {
            return Outcome<WaterQualityTest>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        if (await db.WaterTests.AnyAsync(t => t.ReportNumber == report, cancellationToken))
        {
            return Outcome<WaterQualityTest>.Refused(Refusal.Conflict, "reportNumber", "该检测报告编号已登记").ToProblem();
        }

        var test = await writes.TestAsync(project, new WaterTestInput(request.SampledOn!.Value, request.Passed!.Value, failed, laboratory, report), PlatformClaims.Actor(user) ?? "unknown", cancellationToken);
        var saved = await db.SaveAsOutcomeAsync(test, ("project", "请重试"), _ => ("reportNumber", "该检测报告编号已登记"), cancellationToken);
        return saved.Value is null ? saved.ToProblem() : TypedResults.Created($"/api/relocation/water/projects/{id}/tests", WaterTestDto.From(test));
    }

    private static async Task<Dictionary<Guid, int>> HouseholdsAsync(RelocationDbContext db, List<Guid> projectIds, CancellationToken cancellationToken) =>
        await db.WaterProjectHouseholds.AsNoTracking().Where(s => projectIds.Contains(s.ProjectId))
            .GroupBy(s => s.ProjectId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
