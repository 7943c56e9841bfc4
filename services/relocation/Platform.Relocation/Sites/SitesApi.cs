using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Relocation;
using Platform.Relocation.Data;
using Platform.Relocation.Domain;
using Platform.Relocation.Households;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Relocation.Sites;

public sealed record SiteRequest(string? Code, string? Name, string? Mode, string? VillageCode, int? CapacityHouseholds, DateOnly? CompletedOn, IReadOnlyList<string>? Facilities);

public sealed record FacilityRequest(string? Facility, DateOnly? InPlaceOn);

public sealed record CompletionRequest(DateOnly? CompletedOn);

public sealed record FacilityDto(SiteFacility Facility, string Name, DateOnly InPlaceOn);

/// <summary>A site with its seven-facilities checklist (七个一配套): what is in place, what is missing.</summary>
public sealed record SiteDto(
    Guid Id, string Code, string Name, ResettlementMode Mode, string VillageCode, string TownshipCode, int CapacityHouseholds, int AllocatedHouseholds,
    int MovedInHouseholds, DateOnly? CompletedOn, IReadOnlyList<FacilityDto> Facilities, IReadOnlyList<SiteFacility> MissingFacilities, bool FullyEquipped)
{
    public static SiteDto From(ResettlementSite s, int movedIn) => new(
        s.Id, s.Code, s.Name, s.Mode, s.VillageCode, s.TownshipCode, s.CapacityHouseholds, s.AllocatedHouseholds, movedIn, s.CompletedOn,
        s.Facilities.OrderBy(f => f.Facility).Select(f => new FacilityDto(f.Facility, SiteFacilities.NameOf(f.Facility), f.InPlaceOn)).ToList(),
        Enum.GetValues<SiteFacility>().Where(f => s.Facilities.All(p => p.Facility != f)).ToList(),
        s.FullyEquipped);
}

/// <summary>The names of the seven facilities, as county staff say them.</summary>
public static class SiteFacilities
{
    public static string NameOf(SiteFacility facility) => facility switch
    {
        SiteFacility.ServiceCentre => "党群服务中心",
        SiteFacility.Clinic => "卫生室",
        SiteFacility.School => "幼儿园或学校",
        SiteFacility.CultureSquare => "文化活动广场",
        SiteFacility.Workshop => "扶贫车间",
        SiteFacility.Shop => "便民超市",
        _ => "污水垃圾处理设施",
    };
}

/// <summary>集中安置点 for the county portal (through the gateway at /api/relocation/sites).</summary>
public static class SitesApi
{
    public static IEndpointRouteBuilder MapSitesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/relocation/sites").WithTags("集中安置点").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/", ListAsync).WithSummary("安置点列表：按安置方式、乡镇、村、七个一配套是否到位筛选，分页");
        api.MapGet("/{id:guid}", GetAsync).WithSummary("安置点详情：设计安置户数、已分配和已入住户数、七个一配套清单");
        api.MapPost("/", CreateAsync).RequireAuthorization(PlatformPolicies.CountyWrite).WithIdempotency<RelocationDbContext>()
            .WithSummary("登记安置点（县级；安置点编号唯一；支持 Idempotency-Key 重试）");
        api.MapPost("/{id:guid}/facilities", FacilityAsync).RequireAuthorization(PlatformPolicies.CountyWrite).WithSummary("登记一项七个一配套设施到位");
        api.MapPost("/{id:guid}/completion", CompleteAsync).RequireAuthorization(PlatformPolicies.CountyWrite).WithSummary("登记安置点竣工（竣工后方可入住）");
        return app;
    }

    internal static async Task<Results<Ok<Page<SiteDto>>, ValidationProblem>> ListAsync(
        RelocationDbContext db, string? mode, string? township, string? village, bool? equipped, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var query = FilteredSites(db, mode, township, village, equipped, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<SiteDto>(await DtosAsync(db, rows, cancellationToken), pageNumber, size, total));
    }

    /// <summary>The sites of the list (and of its export), by code: the caller's scope and the filters.</summary>
    internal static IQueryable<ResettlementSite> FilteredSites(
        RelocationDbContext db, string? mode, string? township, string? village, bool? equipped, ClaimsPrincipal user, Dictionary<string, string[]> errors)
    {
        var query = db.Sites.AsNoTracking().Include(s => s.Facilities).Within(DataScope.Of(user));
        if (!string.IsNullOrWhiteSpace(mode))
        {
            if (Codes.TryParse<ResettlementMode>(mode, out var m) && m != ResettlementMode.Scattered)
            {
                query = query.Where(s => s.Mode == m);
            }
            else
            {
                FieldErrors.Add(errors, "mode", "安置方式应为：town-or-county、central-village、welfare-home");
            }
        }

        query = Filter(query, township, village);
        if (equipped is { } wanted)
        {
            var all = Enum.GetValues<SiteFacility>().Length;
            query = query.Where(s => (s.Facilities.Count == all) == wanted);
        }

        return query.OrderBy(s => s.Code);
    }

    /// <summary>The sites as the list shows them, with the households moved in.</summary>
    internal static async Task<List<SiteDto>> DtosAsync(RelocationDbContext db, IReadOnlyList<ResettlementSite> sites, CancellationToken cancellationToken)
    {
        var movedIn = await MovedInAsync(db, sites.Select(s => s.Id).ToList(), cancellationToken);
        return sites.Select(s => SiteDto.From(s, movedIn.GetValueOrDefault(s.Id))).ToList();
    }

    internal static async Task<Results<Ok<SiteDto>, ProblemHttpResult>> GetAsync(Guid id, RelocationDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var site = await db.Sites.AsNoTracking().Include(s => s.Facilities).Within(DataScope.Of(user)).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return site is null
            ? Problems.NotFound("安置点不存在")
            : TypedResults.Ok(SiteDto.From(site, (await MovedInAsync(db, [id], cancellationToken)).GetValueOrDefault(id)));
    }

    internal static async Task<Results<Created<SiteDto>, ProblemHttpResult>> CreateAsync(
        [FromBody] SiteRequest request, RelocationDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var code = request.Code?.Trim() ?? string.Empty;
        if (code.Length is 0 or > 30)
        {
            FieldErrors.Add(errors, "code", "请填写安置点编号（不超过30字）");
        }

        var name = request.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > 100)
        {
            FieldErrors.Add(errors, "name", "请填写安置点名称（不超过100字）");
        }

        if (!Codes.TryParse<ResettlementMode>(request.Mode, out var mode) || !ResettlementSite.CheckMode(mode).Succeeded)
        {
            FieldErrors.Add(errors, "mode", "安置方式应为：town-or-county、central-village、welfare-home");
        }

        var village = request.VillageCode?.Trim() ?? string.Empty;
        if (!Rules.IsVillageCode(village))
        {
            FieldErrors.Add(errors, "villageCode", "所在村代码应为12位数字");
        }

        var facilities = new List<SiteFacility>();
        foreach (var text in request.Facilities ?? [])
        {
            if (Codes.TryParse<SiteFacility>(text, out var facility))
            {
                facilities.Add(facility);
            }
            else
            {
                FieldErrors.Add(errors, "facilities", $"七个一配套设施应为：{Codes.List<SiteFacility>()}");
            }
        }

        if (errors.Count > 0)
        {
            return Outcome<ResettlementSite>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var (site, result) = SiteWrites.Create(
            new SiteInput(code, name, mode, village, request.CapacityHouseholds ?? 0, request.CompletedOn, facilities), clock.Today(), clock.GetUtcNow(), PlatformClaims.Actor(user) ?? "unknown");
        if (site is null)
        {
            return Outcome<ResettlementSite>.Refused(Refusal.Invalid, result.Field!, result.Error!).ToProblem();
        }

        db.Sites.Add(site);
        var saved = await db.SaveAsOutcomeAsync(site, ("code", "请重试"), _ => ("code", "安置点编号已存在"), cancellationToken);
        return saved.Value is null ? saved.ToProblem() : TypedResults.Created($"/api/relocation/sites/{site.Id}", SiteDto.From(site, 0));
    }

    internal static Task<Results<Ok<SiteDto>, ProblemHttpResult>> FacilityAsync(
        Guid id, [FromBody] FacilityRequest request, RelocationDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(id, db, user, cancellationToken, site =>
        {
            if (!Codes.TryParse<SiteFacility>(request.Facility, out var facility))
            {
                return RuleResult.Fail("facility", $"七个一配套设施应为：{Codes.List<SiteFacility>()}");
            }

            var on = request.InPlaceOn ?? clock.Today();
            var date = Rules.CheckDate(on, clock.Today(), "inPlaceOn");
            if (date.Succeeded)
            {
                site.PutInPlace(facility, on);
            }

            return date;
        });

    internal static Task<Results<Ok<SiteDto>, ProblemHttpResult>> CompleteAsync(
        Guid id, [FromBody] CompletionRequest request, RelocationDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(id, db, user, cancellationToken, site =>
            request.CompletedOn is { } on ? site.Complete(on, clock.Today()) : RuleResult.Fail("completedOn", "请填写竣工日期"));

    private static async Task<Results<Ok<SiteDto>, ProblemHttpResult>> ChangeAsync(
        Guid id, RelocationDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken, Func<ResettlementSite, RuleResult> change)
    {
        var site = await db.Sites.Include(s => s.Facilities).Within(DataScope.Of(user)).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (site is null)
        {
            return Problems.NotFound("安置点不存在");
        }

        var result = change(site);
        if (!result.Succeeded)
        {
            return Outcome<ResettlementSite>.Refused(Refusal.Invalid, result.Field!, result.Error!).ToProblem();
        }

        var saved = await db.SaveAsOutcomeAsync(site, ("site", "该安置点刚被他人修改，请刷新后重试"), _ => ("site", "请重试"), cancellationToken);
        return saved.Value is null ? saved.ToProblem() : TypedResults.Ok(SiteDto.From(site, (await MovedInAsync(db, [id], cancellationToken)).GetValueOrDefault(id)));
    }

    internal static IQueryable<ResettlementSite> Filter(IQueryable<ResettlementSite> query, string? township, string? village)
    {
        if (!string.IsNullOrWhiteSpace(township))
        {
            query = query.Where(s => s.TownshipCode == township.Trim());
        }

        return string.IsNullOrWhiteSpace(village) ? query : query.Where(s => s.VillageCode == village.Trim());
    }

    private static async Task<Dictionary<Guid, int>> MovedInAsync(RelocationDbContext db, List<Guid> siteIds, CancellationToken cancellationToken) =>
        await db.Cases.AsNoTracking()
            .Where(c => c.SiteId != null && siteIds.Contains(c.SiteId.Value) && c.MovedInOn != null)
            .GroupBy(c => c.SiteId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
