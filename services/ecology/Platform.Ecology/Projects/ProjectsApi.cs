using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Ecology.Data;
using Platform.Ecology.Domain;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Ecology.Projects;

public sealed record ProjectRequest(string? Name, string? Kind, string? Crop, string? VillageCode, decimal? AreaMu, int? Year, string? Operator);

public sealed record ProjectIncomeRequest(Guid? HouseholdId, Guid? MemberId, string? Kind, int? Year, decimal? Amount, string? Note);

public sealed record ProjectDto(
    Guid Id, string Name, ProjectKind Kind, string KindName, OrchardCrop? Crop, string? CropName, string TownshipCode, string VillageCode, decimal AreaMu, int Year, string? Operator, int Households);

public sealed record ProjectIncomeDto(Guid Id, Guid ProjectId, Guid HouseholdId, Guid? MemberId, ProjectIncomeKind Kind, int Year, decimal Amount, string? Note);

/// <summary>A project with the number of households in it, as the list and its export read it in one query.</summary>
public sealed class ProjectRow
{
    public required EcologyProject Project { get; init; }

    public required int Households { get; init; }
}

/// <summary>A household of the caller's scope working on a project or holding shares in it, with what it earned.</summary>
public sealed record ProjectHouseholdDto(Guid HouseholdId, string HouseholdNumber, string VillageCode, DateTimeOffset JoinedAt, decimal Wages, decimal Dividends);

/// <summary>精准灭荒 and 林果基地 for the county portal (through the gateway at /api/ecology/projects).</summary>
public static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/ecology/projects").WithTags("生态项目").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/", ListAsync).WithSummary("精准灭荒、林果基地项目：按类别、品种、乡镇、村筛选，分页（面积指标的明细）");
        api.MapPost("/", CreateAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<EcologyDbContext>()
            .WithSummary("登记项目（村、面积、实施年度；林果基地注明品种）");
        api.MapGet("/{id:guid}", GetAsync).WithSummary("一个项目");
        api.MapGet("/{id:guid}/households", HouseholdsAsync).WithSummary("参与项目的农户（调用者数据范围内）及其务工工资、分红，分页");
        api.MapPost("/{id:guid}/incomes", RecordIncomeAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<EcologyDbContext>()
            .WithSummary("登记农户在项目中的年度务工工资（wage）或分红（dividend），每户每类每年一次，计入该户工资性或财产性收入");
        return app;
    }

    internal static async Task<Results<Ok<Page<ProjectDto>>, ValidationProblem>> ListAsync(
        EcologyDbContext db, string? kind, string? crop, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var projects = Filtered(db, kind, crop, township, village, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await projects.LongCountAsync(cancellationToken);
        var rows = await projects.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<ProjectDto>(rows.Select(r => Dto(r.Project, r.Households)).ToList(), pageNumber, size, total));
    }

    /// <summary>The projects of the list (and of its export), in the list's order: the caller's scope and the filters, each with its households.</summary>
    internal static IQueryable<ProjectRow> Filtered(
        EcologyDbContext db, string? kind, string? crop, string? township, string? village, ClaimsPrincipal user, Dictionary<string, string[]> errors)
    {
        var projects = db.Projects.AsNoTracking().Within(DataScope.Of(user)).Narrow(township, village, p => p.TownshipCode, p => p.VillageCode);
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (Codes.TryParse<ProjectKind>(kind, out var k))
            {
                projects = projects.Where(p => p.Kind == k);
            }
            else
            {
                FieldErrors.Add(errors, "kind", $"项目类别应为：{Codes.List<ProjectKind>()}");
            }
        }

        if (!string.IsNullOrWhiteSpace(crop))
        {
            if (Codes.TryParse<OrchardCrop>(crop, out var c))
            {
                projects = projects.Where(p => p.Crop == c);
            }
            else
            {
                FieldErrors.Add(errors, "crop", $"林果品种应为：{Codes.List<OrchardCrop>()}");
            }
        }

        return projects.OrderBy(p => p.VillageCode).ThenBy(p => p.Name).ThenBy(p => p.Id)
            .Select(p => new ProjectRow { Project = p, Households = db.ProjectHouseholds.Count(l => l.ProjectId == p.Id) });
    }

    internal static async Task<Results<Ok<ProjectDto>, ProblemHttpResult>> GetAsync(Guid id, EcologyDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await db.Projects.AsNoTracking().Within(DataScope.Of(user)).Where(p => p.Id == id)
            .Select(p => new { Project = p, Households = db.ProjectHouseholds.Count(l => l.ProjectId == p.Id) })
            .SingleOrDefaultAsync(cancellationToken) is { } row
            ? TypedResults.Ok(Dto(row.Project, row.Households))
            : Problems.NotFound("项目不存在");

    internal static async Task<Results<Created<ProjectDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        [FromBody] ProjectRequest request, EcologyDbContext db, TimeProvider clock, Rangers.RangerLedger rangers, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > 100)
        {
            FieldErrors.Add(errors, "name", "请填写项目名称（不超过100字）");
        }

        if (string.IsNullOrWhiteSpace(request.Kind) || !Codes.TryParse<ProjectKind>(request.Kind, out var kind))
        {
            FieldErrors.Add(errors, "kind", $"项目类别应为：{Codes.List<ProjectKind>()}");
            kind = default;
        }

        OrchardCrop? crop = null;
        if (!string.IsNullOrWhiteSpace(request.Crop))
        {
            if (Codes.TryParse<OrchardCrop>(request.Crop, out var c))
            {
                crop = c;
            }
            else
            {
                FieldErrors.Add(errors, "crop", $"林果品种应为：{Codes.List<OrchardCrop>()}");
            }
        }

        var village = request.VillageCode?.Trim();
        if (!Places.IsCode(village, 12))
        {
            FieldErrors.Add(errors, "villageCode", "村代码应为12位数字");
        }

        if (request.AreaMu is null)
        {
            FieldErrors.Add(errors, "areaMu", "请填写面积（亩）");
        }

        if (request.Year is null)
        {
            FieldErrors.Add(errors, "year", "请填写实施年度");
        }

        var @operator = FreeText.Optional(request.Operator, 100, "operator", errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var check = EcologyProject.Check(kind, crop, request.AreaMu!.Value, request.Year!.Value, rangers.Policy.FirstYear, clock.Today());
        if (!check.Succeeded)
        {
            return Problems.Validation(check.Field!, check.Error!);
        }

        // A place is written into: outside the caller's scope it is forbidden, not "not found".
        if (!DataScope.Of(user).Covers(village!))
        {
            return new Outcome<ProjectDto>(null, Refusal.Forbidden, new Dictionary<string, string[]> { ["villageCode"] = ["该村不在您的数据范围内"] }).ToProblem();
        }

        var project = EcologyProject.Create(name, kind, crop, village![..9], village, request.AreaMu.Value, request.Year.Value, @operator, PlatformClaims.Actor(user) ?? "unknown", clock.GetUtcNow());
        db.Projects.Add(project);
        var saved = await db.SaveAsOutcomeAsync(project, ("name", "项目刚被他人修改，请刷新后重试"), _ => ("name", $"该村已有名为“{name}”的项目"), cancellationToken);
        return saved.Value is null ? saved.ToProblem() : TypedResults.Created($"/api/ecology/projects/{project.Id}", Dto(project, 0));
    }

    internal static async Task<Results<Ok<Page<ProjectHouseholdDto>>, ValidationProblem, ProblemHttpResult>> HouseholdsAsync(
        Guid id, EcologyDbContext db, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Paging.Validate(page, pageSize, out var pageNumber, out var size) is { } errors)
        {
            return Problems.Validation(errors);
        }

        var scope = DataScope.Of(user);
        if (!await db.Projects.Within(scope).AnyAsync(p => p.Id == id, cancellationToken))
        {
            return Problems.NotFound("项目不存在");
        }

        var rows = from l in db.ProjectHouseholds.Where(l => l.ProjectId == id)
                   join h in db.ReplicaHouseholds.Within(scope) on l.HouseholdId equals h.Id
                   select new
                   {
                       l.HouseholdId,
                       h.HouseholdNumber,
                       h.VillageCode,
                       l.JoinedAt,
                       Wages = db.ProjectIncomes.Where(i => i.ProjectId == id && i.HouseholdId == l.HouseholdId && i.Kind == ProjectIncomeKind.Wage).Sum(i => (decimal?)i.Amount) ?? 0m,
                       Dividends = db.ProjectIncomes.Where(i => i.ProjectId == id && i.HouseholdId == l.HouseholdId && i.Kind == ProjectIncomeKind.Dividend).Sum(i => (decimal?)i.Amount) ?? 0m,
                   };
        var total = await rows.LongCountAsync(cancellationToken);
        var items = await rows.OrderBy(r => r.HouseholdNumber).PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<ProjectHouseholdDto>(
            items.Select(r => new ProjectHouseholdDto(r.HouseholdId, r.HouseholdNumber, r.VillageCode, r.JoinedAt, r.Wages, r.Dividends)).ToList(), pageNumber, size, total));
    }

    internal static async Task<Results<Created<ProjectIncomeDto>, ValidationProblem, ProblemHttpResult>> RecordIncomeAsync(
        Guid id, [FromBody] ProjectIncomeRequest request, EcologyDbContext db, ProjectLedger ledger, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (request.HouseholdId is null || request.HouseholdId == Guid.Empty)
        {
            FieldErrors.Add(errors, "householdId", "请指定建档立卡户");
        }

        if (string.IsNullOrWhiteSpace(request.Kind) || !Codes.TryParse<ProjectIncomeKind>(request.Kind, out var kind))
        {
            FieldErrors.Add(errors, "kind", $"收益类别应为：{Codes.List<ProjectIncomeKind>()}");
            kind = default;
        }

        if (request.Year is null)
        {
            FieldErrors.Add(errors, "year", "请填写收益年度");
        }

        if (request.Amount is null)
        {
            FieldErrors.Add(errors, "amount", "请填写金额");
        }

        var note = FreeText.Optional(request.Note, 200, "note", errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var scope = DataScope.Of(user);
        var project = await db.Projects.AsNoTracking().Within(scope).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null)
        {
            return Problems.NotFound("项目不存在");
        }

        if (!await db.ReplicaHouseholds.Within(scope).AnyAsync(h => h.Id == request.HouseholdId, cancellationToken))
        {
            return Problems.NotFound("建档立卡户不存在");
        }

        var householdId = request.HouseholdId!.Value;
        if (request.MemberId is { } member && !await db.ReplicaMembers.AnyAsync(m => m.Id == member && m.HouseholdId == householdId, cancellationToken))
        {
            return Problems.Validation("memberId", "该成员不属于此户");
        }

        var year = request.Year!.Value;
        if (await db.ProjectIncomes.AnyAsync(i => i.ProjectId == id && i.HouseholdId == householdId && i.Kind == kind && i.Year == year, cancellationToken))
        {
            return Problems.Conflict("kind", ProjectLedger.AlreadyRecorded(kind, year));
        }

        var joined = await db.ProjectHouseholds.AnyAsync(l => l.ProjectId == id && l.HouseholdId == householdId, cancellationToken);
        var result = ledger.TryRecord(project, householdId, request.MemberId, joined, kind, year, request.Amount!.Value, note, PlatformClaims.Actor(user) ?? "unknown", out var income);
        if (!result.Succeeded)
        {
            return Problems.Validation(result.Field!, result.Error!);
        }

        var saved = await db.SaveAsOutcomeAsync(income!, ("kind", "该户项目收益刚被他人修改，请刷新后重试"), _ => ("kind", ProjectLedger.AlreadyRecorded(kind, year)), cancellationToken);
        return saved.Value is not { } i
            ? saved.ToProblem()
            : TypedResults.Created($"/api/ecology/projects/{id}/households", new ProjectIncomeDto(i.Id, i.ProjectId, i.HouseholdId, i.MemberId, i.Kind, i.Year, i.Amount, i.Note));
    }

    private static ProjectDto Dto(EcologyProject p, int households) =>
        new(p.Id, p.Name, p.Kind, EcologyNames.Of(p.Kind), p.Crop, p.Crop is { } c ? EcologyNames.Of(c) : null, p.TownshipCode, p.VillageCode, p.AreaMu, p.Year, p.Operator, households);
}
