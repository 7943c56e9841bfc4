using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Industry.Common;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Industry.Income;
using Platform.Industry.Jobs;
using Platform.Industry.Links;
using Platform.Messaging.Households;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;

namespace Platform.Industry.Households;

/// <summary>A household's place in the coverage figures: covered (a project or a link), lifted by industry, and how.</summary>
public sealed record HouseholdCoverageDto(HouseholdView Household, bool Covered, bool LiftedByIndustry, int Links, int Projects, decimal CountedIndustryIncome);

public sealed record IncomeDto(Guid SourceRecordId, IncomeSource Source, Guid HouseholdId, Guid? MemberId, int Year, IncomeKind Kind, decimal Amount, bool CountsTowardExit, string Description, DateTimeOffset RecordedAt)
{
    public static IncomeDto From(IndustryIncome i) => new(i.SourceRecordId, i.Source, i.HouseholdId, i.MemberId, i.Year, i.Kind, i.Amount, i.CountsTowardExit, i.Description, i.RecordedAt);
}

public sealed record WorkListDto(Guid FlagId, HouseholdView? Household, Guid HouseholdId, MonitoringCategory Category, MonitoringTrigger Trigger, DateOnly RaisedOn, string Reason, DateOnly? RemovedOn, bool Covered);

/// <summary>Everything the pillar holds on one household (产业就业帮扶档案).</summary>
public sealed record HouseholdFileDto(
    HouseholdView Household, IReadOnlyList<MemberView> Members, bool Covered, bool LiftedByIndustry, IReadOnlyList<LinkDto> Links, IReadOnlyList<IncomeDto> Income,
    IReadOnlyList<EmploymentDto> Employment, IReadOnlyList<WorkListDto> WorkList);

/// <summary>A household of the coverage list with what it counts, as the list and its export read it in one query.</summary>
public sealed class CoverageRow
{
    public required ReplicaHousehold Household { get; init; }

    public required int Links { get; init; }

    public required int Projects { get; init; }

    public required decimal Income { get; init; }
}

/// <summary>A work-list entry with its household and coverage, as the list and its export read it in one query.</summary>
public sealed class WorkListRow
{
    public required WorkListEntry Entry { get; init; }

    public required ReplicaHousehold? Household { get; init; }

    public required bool Covered { get; init; }
}

/// <summary>Households as the industry pillar sees them: their file, the coverage drill-down, the work list, the income it reported.</summary>
public static class HouseholdsApi
{
    public static IEndpointRouteBuilder MapHouseholdsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/industry").WithTags("建档立卡户的产业就业帮扶").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/households/{id:guid}", FileAsync).WithSummary("一户的产业就业帮扶档案：利益联结、收入记录、就业、监测预警；身份证号脱敏");
        api.MapGet("/households", CoverageAsync)
            .WithSummary("建档立卡户的产业覆盖：按是否覆盖（有产业项目或利益联结）、是否产业带动脱贫、乡镇、村筛选，分页；“产业覆盖率”“产业带动脱贫户”指标的明细");
        api.MapGet("/work-list", WorkListAsync).WithSummary("产业帮扶工作清单：纳入防返贫监测的户（监测预警触发），按是否仍在监测、类别筛选，分页");
        api.MapGet("/income", IncomeAsync)
            .WithSummary("本支柱报送建档立卡系统的收入记录：按收入类型、来源、年度、户、是否计入稳定收入筛选，分页；“收入（按类型）”指标的明细");
        return app;
    }

    internal static async Task<Results<Ok<HouseholdFileDto>, ProblemHttpResult>> FileAsync(Guid id, IndustryDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var household = await db.HouseholdsWithin(DataScope.Of(user)).AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return HouseholdScope.HouseholdNotFound();
        }

        var members = await db.ReplicaMembers.AsNoTracking().Where(m => m.HouseholdId == id).OrderBy(m => m.LeftAt != null).ThenBy(m => m.BirthDate).ToListAsync(cancellationToken);
        var links = await db.Links.AsNoTracking().Where(l => l.HouseholdId == id).OrderBy(l => l.StartedOn).ToListAsync(cancellationToken);
        var income = await db.Income.AsNoTracking().Where(i => i.HouseholdId == id).OrderByDescending(i => i.Year).ThenBy(i => i.RecordedAt).ToListAsync(cancellationToken);
        var employment = await db.Employment.AsNoTracking().Where(r => r.HouseholdId == id).OrderByDescending(r => r.Year).ToListAsync(cancellationToken);
        var flags = await db.WorkList.AsNoTracking().Where(w => w.HouseholdId == id).OrderByDescending(w => w.RaisedOn).ToListAsync(cancellationToken);
        var covered = links.Count > 0 || await db.Projects.AnyAsync(p => p.HouseholdId == id, cancellationToken);
        var lifted = CoverageRules.IsLiftedByIndustry(household.Status, income.Any(IncomeRules.IsCounted));
        return TypedResults.Ok(new HouseholdFileDto(
            HouseholdView.From(household),
            members.Select(MemberView.From).ToList(),
            covered,
            lifted,
            await LinksApi.DtosAsync(db, links, cancellationToken),
            income.Select(IncomeDto.From).ToList(),
            await EmploymentApi.DtosAsync(db, employment, cancellationToken),
            flags.Select(f => WorkList(f, household, covered)).ToList()));
    }

    internal static async Task<Results<Ok<Page<HouseholdCoverageDto>>, ValidationProblem>> CoverageAsync(
        IndustryDbContext db, bool? covered, bool? lifted, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size);
        if (errors is not null)
        {
            return Problems.Validation(errors);
        }

        var query = FilteredCoverage(db, covered, lifted, township, village, user);
        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<HouseholdCoverageDto>(
            rows.Select(r => new HouseholdCoverageDto(
                HouseholdView.From(r.Household),
                CoverageRules.IsCovered(r.Projects > 0, r.Links > 0),
                CoverageRules.IsLiftedByIndustry(r.Household.Status, r.Income > 0),
                r.Links,
                r.Projects,
                r.Income)).ToList(),
            pageNumber,
            size,
            total));
    }

    /// <summary>The households of the coverage list (and of its export), in the list's order: the caller's scope and the filters, each with its links, projects and counted income.</summary>
    internal static IQueryable<CoverageRow> FilteredCoverage(IndustryDbContext db, bool? covered, bool? lifted, string? township, string? village, ClaimsPrincipal user)
    {
        var query = db.HouseholdsWithin(DataScope.Of(user)).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(township))
        {
            query = query.Where(h => h.TownshipCode == township.Trim());
        }

        if (!string.IsNullOrWhiteSpace(village))
        {
            query = query.Where(h => h.VillageCode == village.Trim());
        }

        if (covered is { } isCovered)
        {
            query = isCovered ? query.Covered(db) : query.Where(h => !db.Links.Any(l => l.HouseholdId == h.Id) && !db.Projects.Any(p => p.HouseholdId == h.Id));
        }

        if (lifted is { } isLifted)
        {
            query = isLifted ? query.LiftedByIndustry(db) : query.Except(query.LiftedByIndustry(db));
        }

        return query.OrderBy(h => h.VillageCode).ThenBy(h => h.HouseholdNumber)
            .Select(h => new CoverageRow
            {
                Household = h,
                Links = db.Links.Count(l => l.HouseholdId == h.Id),
                Projects = db.Projects.Count(p => p.HouseholdId == h.Id),
                Income = db.Income.Where(IncomeRules.IsCountedIndustryIncome).Where(i => i.HouseholdId == h.Id).Sum(i => (decimal?)i.Amount) ?? 0m,
            });
    }

    internal static async Task<Results<Ok<Page<WorkListDto>>, ValidationProblem>> WorkListAsync(
        IndustryDbContext db, bool? open, string? category, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var query = FilteredWorkList(db, open, category, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<WorkListDto>(rows.Select(r => WorkList(r.Entry, r.Household, r.Covered)).ToList(), pageNumber, size, total));
    }

    /// <summary>The work list (and its export), newest first: the flags of the caller's households, the filters, each with its household and coverage.</summary>
    internal static IQueryable<WorkListRow> FilteredWorkList(IndustryDbContext db, bool? open, string? category, ClaimsPrincipal user, Dictionary<string, string[]> errors)
    {
        var query = db.WorkList.AsNoTracking().OfHouseholdsWithin(db, DataScope.Of(user));
        if (Input.OptionalCode<MonitoringCategory>(category, "category", "监测类别", errors) is { } c)
        {
            query = query.Where(w => w.Category == c);
        }

        if (open is { } isOpen)
        {
            query = isOpen ? query.Where(w => w.RemovedOn == null) : query.Where(w => w.RemovedOn != null);
        }

        return query.OrderByDescending(w => w.RaisedOn).ThenBy(w => w.FlagId)
            .Select(w => new WorkListRow
            {
                Entry = w,
                Household = db.ReplicaHouseholds.SingleOrDefault(h => h.Id == w.HouseholdId),
                Covered = db.Links.Any(l => l.HouseholdId == w.HouseholdId) || db.Projects.Any(p => p.HouseholdId == w.HouseholdId),
            });
    }

    internal static async Task<Results<Ok<Page<IncomeDto>>, ValidationProblem, ProblemHttpResult>> IncomeAsync(
        IndustryDbContext db, string? kind, string? source, int? year, Guid? household, bool? countsTowardExit, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var (query, problem) = await FilteredIncomeAsync(db, kind, source, year, household, countsTowardExit, DataScope.Of(user), errors, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<IncomeDto>(rows.Select(IncomeDto.From).ToList(), pageNumber, size, total));
    }

    /// <summary>The income records of the list (and of its export), newest year first: the caller's households and the filters; a household outside the scope is not found.</summary>
    internal static async Task<(IQueryable<IndustryIncome> Query, ProblemHttpResult? Problem)> FilteredIncomeAsync(
        IndustryDbContext db, string? kind, string? source, int? year, Guid? household, bool? countsTowardExit, DataScope scope, Dictionary<string, string[]> errors,
        CancellationToken cancellationToken)
    {
        var query = db.Income.AsNoTracking().OfHouseholdsWithin(db, scope);
        if (Input.OptionalCode<IncomeKind>(kind, "kind", "收入类型", errors) is { } k)
        {
            query = query.Where(i => i.Kind == k);
        }

        if (Input.OptionalCode<IncomeSource>(source, "source", "收入来源", errors) is { } s)
        {
            query = query.Where(i => i.Source == s);
        }

        if (year is { } y)
        {
            query = query.Where(i => i.Year == y);
        }

        if (household is { } h)
        {
            if (!await db.SeesHouseholdAsync(scope, h, cancellationToken))
            {
                return (query, HouseholdScope.HouseholdNotFound());
            }

            query = query.Where(i => i.HouseholdId == h);
        }

        if (countsTowardExit is { } counts)
        {
            query = query.Where(i => i.CountsTowardExit == counts);
        }

        return (query.OrderByDescending(i => i.Year).ThenBy(i => i.HouseholdId).ThenBy(i => i.SourceRecordId), null);
    }

    /// <summary>Households with a project or a benefit link (产业覆盖).</summary>
    internal static IQueryable<ReplicaHousehold> Covered(this IQueryable<ReplicaHousehold> households, IndustryDbContext db) =>
        households.Where(h => db.Links.Any(l => l.HouseholdId == h.Id) || db.Projects.Any(p => p.HouseholdId == h.Id));

    /// <summary>Exited households whose industry (links' payments, sales' shares) brought income counted toward stable income (产业带动脱贫).</summary>
    internal static IQueryable<ReplicaHousehold> LiftedByIndustry(this IQueryable<ReplicaHousehold> households, IndustryDbContext db) =>
        households.Where(h => h.Status == HouseholdStatus.Exited && db.Income.Where(IncomeRules.IsCountedIndustryIncome).Any(i => i.HouseholdId == h.Id));

    private static WorkListDto WorkList(WorkListEntry w, ReplicaHousehold? household, bool covered) =>
        new(w.FlagId, household is null ? null : HouseholdView.From(household), w.HouseholdId, w.Category, w.Trigger, w.RaisedOn, w.Reason, w.RemovedOn, covered);
}
