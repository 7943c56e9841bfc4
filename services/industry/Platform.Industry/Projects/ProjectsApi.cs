using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Industry.Households;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Industry.Projects;

public sealed record ProjectDto(
    Guid Id, Guid HouseholdId, MemberView Member, string Industry, string IndustryName, string Unit, string? Model, string Description, decimal Scale, int Year,
    string Policy, string PolicyName, decimal Subsidy, bool SubsidyCountsTowardExit, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>产业到户 and 产业奖补 for the county portal (through the gateway at /api/industry/projects).</summary>
public static class ProjectsApi
{
    private const string AlreadySubsidised = "该户本年度已按该政策登记产业项目并享受奖补";

    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/industry/projects").WithTags("产业到户").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/", ListAsync).WithSummary("产业到户项目：按产业、模式、年度、户筛选，分页");
        api.MapPost("/", CreateAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<IndustryDbContext>()
            .WithSummary("登记产业到户项目并按配置的政策计算奖补（转移性收入，不计入稳定脱贫收入）；每户每项政策每年一次；支持 Idempotency-Key 重试");
        return app;
    }

    internal static async Task<Results<Ok<Page<ProjectDto>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        IndustryDbContext db, IndustryCatalogue catalogue, string? industry, string? model, int? year, Guid? household, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size);
        if (errors is not null)
        {
            return Problems.Validation(errors);
        }

        var (query, problem) = await FilteredAsync(db, industry, model, year, household, DataScope.Of(user), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<ProjectDto>(await DtosAsync(db, catalogue, rows, cancellationToken), pageNumber, size, total));
    }

    /// <summary>The projects of the list (and of its export), newest year first: the caller's households and the filters; a household outside the scope is not found.</summary>
    internal static async Task<(IQueryable<IndustryProject> Query, ProblemHttpResult? Problem)> FilteredAsync(
        IndustryDbContext db, string? industry, string? model, int? year, Guid? household, DataScope scope, CancellationToken cancellationToken)
    {
        var query = db.Projects.AsNoTracking().OfHouseholdsWithin(db, scope);
        if (!string.IsNullOrWhiteSpace(industry))
        {
            query = query.Where(p => p.Industry == industry.Trim());
        }

        if (!string.IsNullOrWhiteSpace(model))
        {
            query = query.Where(p => p.Model == model.Trim());
        }

        if (year is { } y)
        {
            query = query.Where(p => p.Year == y);
        }

        if (household is { } h)
        {
            if (!await db.SeesHouseholdAsync(scope, h, cancellationToken))
            {
                return (query, HouseholdScope.HouseholdNotFound());
            }

            query = query.Where(p => p.HouseholdId == h);
        }

        return (query.OrderByDescending(p => p.Year).ThenBy(p => p.HouseholdId).ThenBy(p => p.Id), null);
    }

    internal static async Task<Results<Created<ProjectDto>, ProblemHttpResult>> CreateAsync(
        [FromBody] ProjectRequest request, ProjectLedger ledger, IndustryDbContext db, IndustryCatalogue catalogue, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.MemberId is null)
        {
            FieldErrors.Add(errors, "memberId", "请指定建档立卡户成员");
        }

        var submission = ledger.Validate(request, errors);
        if (submission is null || errors.Count > 0)
        {
            return Outcome<IndustryProject>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var member = await db.MembersWithin(DataScope.Of(user)).SingleOrDefaultAsync(m => m.Id == request.MemberId, cancellationToken);
        if (member is null)
        {
            return Problems.NotFound("成员不存在");
        }

        if (member.LeftAt is not null)
        {
            return Outcome<IndustryProject>.Refused(Refusal.Invalid, "memberId", "该成员已不在建档立卡户中").ToProblem();
        }

        if (await db.Projects.AnyAsync(p => p.HouseholdId == member.HouseholdId && p.Policy == submission.Policy.Code && p.Year == submission.Year, cancellationToken))
        {
            return Outcome<IndustryProject>.Refused(Refusal.Conflict, "policy", AlreadySubsidised).ToProblem();
        }

        var project = ledger.Create(member.HouseholdId, member.Id, submission, PlatformClaims.Actor(user) ?? "unknown", out _);
        var outcome = await db.SaveAsOutcomeAsync(project, ("policy", "请重试"), _ => ("policy", AlreadySubsidised), cancellationToken);
        return outcome.Value is null
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/industry/projects?household={project.HouseholdId}", (await DtosAsync(db, catalogue, [project], cancellationToken))[0]);
    }

    private static async Task<List<ProjectDto>> DtosAsync(IndustryDbContext db, IndustryCatalogue catalogue, IReadOnlyList<IndustryProject> projects, CancellationToken cancellationToken)
    {
        var memberIds = projects.Select(p => p.MemberId).Distinct().ToList();
        var members = await db.ReplicaMembers.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        return projects.Select(p =>
        {
            var industry = catalogue.Industry(p.Industry);
            return new ProjectDto(
                p.Id, p.HouseholdId, MemberView.From(members[p.MemberId]), p.Industry, industry?.Name ?? p.Industry, industry?.Unit ?? string.Empty, p.Model, p.Description,
                p.Scale, p.Year, p.Policy, catalogue.Policy(p.Policy)?.Name ?? p.Policy, p.Subsidy, IncomeRules.Of(IncomeSource.ProjectSubsidy).CountsTowardExit, p.CreatedAt, p.CreatedBy);
        }).ToList();
    }
}
