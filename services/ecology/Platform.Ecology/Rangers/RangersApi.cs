using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.People;
using Platform.Ecology.Data;
using Platform.Ecology.Domain;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Ecology.Rangers;

/// <summary>生态护林员 for the county portal (through the gateway at /api/ecology/rangers).</summary>
public static class RangersApi
{
    public static IEndpointRouteBuilder MapRangersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/ecology/rangers").WithTags("生态护林员").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/quotas", QuotasAsync).WithSummary("各乡镇年度护林员指标、在岗人数、提前终止人数和空缺（vacant=true 只列有空缺的乡镇）");
        api.MapPut("/quotas/{year:int}/{townshipCode}", SetQuotaAsync).RequireAuthorization(PlatformPolicies.CountyWrite)
            .WithSummary("下达或调整乡镇年度护林员指标（县级）；不能少于在岗人数");
        api.MapGet("/", ListAsync).WithSummary("护林员名单：按年度、乡镇、村、在岗状态（in-post/ended）筛选，分页；身份证号脱敏");
        api.MapPost("/", SelectAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<EcologyDbContext>()
            .WithSummary("选聘生态护林员：建档立卡贫困户中年龄、劳动能力符合条件的成员，一户一岗，不超过乡镇年度指标（支持 Idempotency-Key 重试）");
        api.MapGet("/{id:guid}", GetAsync).WithSummary("一名护林员的岗位、考核、工资");
        api.MapGet("/{id:guid}/patrols", PatrolsAsync).WithSummary("一名护林员的巡护记录，分页");
        api.MapPost("/{id:guid}/patrols", RecordPatrolAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<EcologyDbContext>()
            .WithSummary("巡护记录：在岗期间每天一条，不能晚于今天");
        api.MapPost("/{id:guid}/assessment", AssessAsync).RequireAuthorization(PlatformPolicies.PillarWrite)
            .WithSummary("年度考核（每岗一次，自聘用年度12月1日起）；不合格即解聘，下一年度不得续聘");
        api.MapPost("/{id:guid}/dismissal", DismissAsync).RequireAuthorization(PlatformPolicies.PillarWrite)
            .WithSummary("解聘（dismissed）或辞聘（resigned）：岗位终止，乡镇指标出现空缺");
        api.MapPost("/{id:guid}/pay", PayAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<EcologyDbContext>()
            .WithSummary("发放护林员年度工资（按在岗月数计发，每岗一次），计入该户工资性收入（支持 Idempotency-Key 重试）");
        api.MapGet("/pay", PayListAsync).WithSummary("护林员工资发放名单：按年度、乡镇、村筛选，分页（工资指标的明细）");
        return app;
    }

    internal static async Task<Results<Ok<List<QuotaDto>>, ValidationProblem>> QuotasAsync(
        EcologyDbContext db, TimeProvider clock, int? year, bool? vacant, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var forYear = year ?? await db.DefaultYearAsync(clock, cancellationToken);
        var scope = DataScope.Of(user);
        // A quota belongs to a township: a village cadre sees its township's.
        var township = scope.Code is { Length: >= 9 } code ? code[..9] : null;
        var quotas = db.RangerQuotas.AsNoTracking().Where(q => q.Year == forYear);
        var posts = db.RangerPosts.AsNoTracking().Where(p => p.Year == forYear);
        if (scope.Level is ScopeLevel.Township or ScopeLevel.Village)
        {
            quotas = quotas.Where(q => q.TownshipCode == township);
            posts = posts.Where(p => p.TownshipCode == township);
        }
        else if (scope.Level != ScopeLevel.County)
        {
            return TypedResults.Ok(new List<QuotaDto>());
        }

        var counts = (await posts.GroupBy(p => new { p.TownshipCode, InPost = p.EndedOn == null })
                .Select(g => new { g.Key.TownshipCode, g.Key.InPost, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.TownshipCode, StringComparer.Ordinal);
        var list = (await quotas.OrderBy(q => q.TownshipCode).ToListAsync(cancellationToken))
            .Select(q =>
            {
                var inPost = counts[q.TownshipCode].Where(c => c.InPost).Sum(c => c.Count);
                return new QuotaDto(q.Year, q.TownshipCode, q.Posts, inPost, counts[q.TownshipCode].Where(c => !c.InPost).Sum(c => c.Count), Math.Max(0, q.Posts - inPost));
            })
            .Where(q => vacant != true || q.Vacancies > 0)
            .ToList();
        return TypedResults.Ok(list);
    }

    internal static async Task<Results<Ok<QuotaDto>, ProblemHttpResult>> SetQuotaAsync(
        int year, string townshipCode, [FromBody] QuotaRequest request, RangerCommands commands, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.SetQuotaAsync(year, townshipCode, request, PlatformClaims.Actor(user) ?? "unknown", cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Ok(outcome.Value);
    }

    internal static async Task<Results<Ok<Page<RangerDto>>, ValidationProblem>> ListAsync(
        EcologyDbContext db, TimeProvider clock, int? year, string? township, string? village, string? status, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var posts = await FilteredAsync(db, clock, year, township, village, status, user, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await posts.LongCountAsync(cancellationToken);
        var rows = await posts.PageOf(pageNumber, size).Rows(db).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<RangerDto>(rows.Select(r => r.ToDto()).ToList(), pageNumber, size, total));
    }

    /// <summary>The posts of a list (and of its export) of a year (the latest with quotas by default), in the list's order: the caller's scope and the filters.</summary>
    internal static async Task<IQueryable<RangerPost>> FilteredAsync(
        EcologyDbContext db, TimeProvider clock, int? year, string? township, string? village, string? status, ClaimsPrincipal user, Dictionary<string, string[]> errors,
        CancellationToken cancellationToken)
    {
        var forYear = year ?? await db.DefaultYearAsync(clock, cancellationToken);
        var posts = db.RangerPosts.AsNoTracking().Within(DataScope.Of(user)).Where(p => p.Year == forYear)
            .Narrow(township, village, p => p.TownshipCode, p => p.VillageCode);
        switch (status?.Trim())
        {
            case null or "":
                break;
            case "in-post":
                posts = posts.Where(p => p.EndedOn == null);
                break;
            case "ended":
                posts = posts.Where(p => p.EndedOn != null);
                break;
            default:
                FieldErrors.Add(errors, "status", "在岗状态应为 in-post 或 ended");
                break;
        }

        return posts.OrderBy(p => p.VillageCode).ThenBy(p => p.Id);
    }

    internal static async Task<Results<Created<RangerDto>, ProblemHttpResult>> SelectAsync(
        [FromBody] SelectRangerRequest request, RangerCommands commands, EcologyDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.SelectAsync(request, DataScope.Of(user), PlatformClaims.Actor(user) ?? "unknown", cancellationToken);
        if (outcome.Value is null)
        {
            return outcome.ToProblem();
        }

        return TypedResults.Created($"/api/ecology/rangers/{outcome.Value.Id}", await RowAsync(db, outcome.Value.Id, cancellationToken));
    }

    internal static async Task<Results<Ok<RangerDto>, ProblemHttpResult>> GetAsync(Guid id, EcologyDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await db.RangerPosts.AsNoTracking().Within(DataScope.Of(user)).Where(p => p.Id == id).Rows(db).SingleOrDefaultAsync(cancellationToken) is { } row
            ? TypedResults.Ok(row.ToDto())
            : Problems.NotFound("护林员岗位不存在");

    internal static async Task<Results<Ok<Page<PatrolDto>>, ProblemHttpResult>> PatrolsAsync(
        Guid id, EcologyDbContext db, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Paging.Validate(page, pageSize, out var pageNumber, out var size) is { } errors)
        {
            return new Outcome<PatrolDto>(null, Refusal.Invalid, errors).ToProblem();
        }

        if (!await db.RangerPosts.Within(DataScope.Of(user)).AnyAsync(p => p.Id == id, cancellationToken))
        {
            return Problems.NotFound("护林员岗位不存在");
        }

        var patrols = db.Patrols.AsNoTracking().Where(p => p.PostId == id);
        var total = await patrols.LongCountAsync(cancellationToken);
        var items = await patrols.OrderByDescending(p => p.PatrolledOn).PageOf(pageNumber, size)
            .Select(p => new PatrolDto(p.Id, p.PostId, p.PatrolledOn, p.Hours, p.DistanceKm, p.Findings, p.RecordedAt, p.RecordedBy))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<PatrolDto>(items, pageNumber, size, total));
    }

    internal static async Task<Results<Created<PatrolDto>, ProblemHttpResult>> RecordPatrolAsync(
        Guid id, [FromBody] PatrolRequest request, RangerCommands commands, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.RecordPatrolAsync(id, request, DataScope.Of(user), PlatformClaims.Actor(user) ?? "unknown", cancellationToken);
        return outcome.Value is not { } p
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/ecology/rangers/{id}/patrols", new PatrolDto(p.Id, p.PostId, p.PatrolledOn, p.Hours, p.DistanceKm, p.Findings, p.RecordedAt, p.RecordedBy));
    }

    internal static async Task<Results<Ok<RangerDto>, ProblemHttpResult>> AssessAsync(
        Guid id, [FromBody] AssessmentRequest request, RangerCommands commands, EcologyDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.AssessAsync(id, request, DataScope.Of(user), PlatformClaims.Actor(user) ?? "unknown", cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Ok(await RowAsync(db, id, cancellationToken));
    }

    internal static async Task<Results<Ok<RangerDto>, ProblemHttpResult>> DismissAsync(
        Guid id, [FromBody] DismissalRequest request, RangerCommands commands, EcologyDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.DismissAsync(id, request, DataScope.Of(user), PlatformClaims.Actor(user) ?? "unknown", cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Ok(await RowAsync(db, id, cancellationToken));
    }

    internal static async Task<Results<Created<RangerDto>, ProblemHttpResult>> PayAsync(
        Guid id, [FromBody] PayRequest request, RangerCommands commands, EcologyDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.PayAsync(id, request, DataScope.Of(user), PlatformClaims.Actor(user) ?? "unknown", cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Created($"/api/ecology/rangers/{id}", await RowAsync(db, id, cancellationToken));
    }

    internal static async Task<Results<Ok<Page<RangerPayDto>>, ValidationProblem>> PayListAsync(
        EcologyDbContext db, TimeProvider clock, int? year, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Paging.Validate(page, pageSize, out var pageNumber, out var size) is { } errors)
        {
            return Problems.Validation(errors);
        }

        var paid = await PaidAsync(db, clock, year, township, village, user, cancellationToken);
        var total = await paid.LongCountAsync(cancellationToken);
        var rows = await paid.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<RangerPayDto>(rows, pageNumber, size, total));
    }

    /// <summary>The pay of the list (and of its export), in the list's order: the caller's scope, the year (default: the latest) and the place; ID numbers masked.</summary>
    internal static async Task<IQueryable<RangerPayDto>> PaidAsync(
        EcologyDbContext db, TimeProvider clock, int? year, string? township, string? village, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var forYear = year ?? await db.DefaultYearAsync(clock, cancellationToken);
        return from p in db.RangerPosts.AsNoTracking().Within(DataScope.Of(user)).Where(p => p.Year == forYear).Narrow(township, village, p => p.TownshipCode, p => p.VillageCode)
               join pay in db.RangerPay on p.Id equals pay.PostId
               join m in db.ReplicaMembers on p.MemberId equals m.Id
               join h in db.ReplicaHouseholds on p.HouseholdId equals h.Id
               orderby p.VillageCode, pay.Id
               select new RangerPayDto(
                   pay.Id, p.Id, p.HouseholdId, h.HouseholdNumber, m.Name, ResidentIdNumber.Mask(m.IdNumber), p.TownshipCode, p.VillageCode, pay.Year, pay.Amount, pay.PaidOn, pay.Note);
    }

    private static async Task<RangerDto> RowAsync(EcologyDbContext db, Guid id, CancellationToken cancellationToken) =>
        (await db.RangerPosts.AsNoTracking().Where(p => p.Id == id).Rows(db).SingleAsync(cancellationToken)).ToDto();
}
