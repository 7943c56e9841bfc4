using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Industry.Common;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Industry.Households;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Industry.Entities;

/// <summary>A market entity or workshop, with its open benefit links and (workshops) current workers among the caller's households.</summary>
public sealed record EntityDto(
    Guid Id, string Code, EntityKind Kind, string Name, string TownshipCode, string VillageCode, string Industry, string IndustryName, string? Model, string? ModelName,
    WorkshopSite? WorkshopSite, Guid? SiteId, string? SiteName, DateOnly? FoundedOn, int OpenLinks, int Workers);

/// <summary>An industry base with its size and the caller's households linked to it (households working on it).</summary>
public sealed record BaseDto(
    Guid Id, string Code, string Name, string Industry, string IndustryName, string Unit, string TownshipCode, string VillageCode, decimal? AreaMu, long? Head,
    Guid? EntityId, string? Model, int Households);

/// <summary>A base with its linked households, as the list and its export read it in one query.</summary>
public sealed class BaseRow
{
    public required IndustryBase Base { get; init; }

    public required int Households { get; init; }
}

/// <summary>新型农业经营主体、扶贫车间 and 产业基地 for the county portal (through the gateway at /api/industry).</summary>
public static class EntitiesApi
{
    public static IEndpointRouteBuilder MapEntitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/industry").WithTags("经营主体与产业基地").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/entities", ListEntitiesAsync)
            .WithSummary("经营主体（合作社、龙头企业、家庭农场）和扶贫车间：按类型、产业、模式、选址、乡镇、村筛选，分页；“新型经营主体”“扶贫车间”指标的明细");
        api.MapGet("/entities/{id:guid}", EntityAsync).WithSummary("一个经营主体或扶贫车间");
        api.MapPost("/entities", CreateEntityAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<IndustryDbContext>()
            .WithSummary("登记经营主体或扶贫车间（本人数据范围内的村；代码唯一；支持 Idempotency-Key 重试）");
        api.MapGet("/bases", ListBasesAsync).WithSummary("产业基地：按产业、乡镇、村筛选，分页；“基地面积”“畜禽存栏”指标的明细");
        api.MapGet("/bases/{id:guid}/households", BaseHouseholdsAsync).WithSummary("在该基地有利益联结（务工、流转、分红、订单）的建档立卡户，分页");
        api.MapPost("/bases", CreateBaseAsync).RequireAuthorization(PlatformPolicies.PillarWrite).WithIdempotency<IndustryDbContext>()
            .WithSummary("登记产业基地：种植业填面积（亩），养殖业填存栏（头）；支持 Idempotency-Key 重试");
        return app;
    }

    internal static async Task<Results<Ok<Page<EntityDto>>, ValidationProblem>> ListEntitiesAsync(
        IndustryDbContext db, IndustryCatalogue catalogue, string? kind, string? industry, string? model, string? workshopSite, string? township, string? village,
        bool? newMarketEntity, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var scope = DataScope.Of(user);
        var query = FilteredEntities(db, kind, industry, model, workshopSite, township, village, newMarketEntity, scope, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        var items = await DtosAsync(db, catalogue, scope, rows, cancellationToken);
        return TypedResults.Ok(new Page<EntityDto>(items, pageNumber, size, total));
    }

    /// <summary>The entities of a list (and of its export), in the list's order: the caller's scope and the filters.</summary>
    internal static IQueryable<MarketEntity> FilteredEntities(
        IndustryDbContext db, string? kind, string? industry, string? model, string? workshopSite, string? township, string? village, bool? newMarketEntity,
        DataScope scope, Dictionary<string, string[]> errors)
    {
        var query = db.Entities.AsNoTracking().Within(scope);
        if (Input.OptionalCode<EntityKind>(kind, "kind", "主体类型", errors) is { } k)
        {
            query = query.Where(e => e.Kind == k);
        }

        if (Input.OptionalCode<WorkshopSite>(workshopSite, "workshopSite", "车间选址", errors) is { } site)
        {
            query = query.Where(e => e.WorkshopSite == site);
        }

        if (newMarketEntity is { } isNew)
        {
            query = isNew ? query.Where(e => e.Kind != EntityKind.Workshop) : query.Where(e => e.Kind == EntityKind.Workshop);
        }

        query = query.InPlace(township, village);
        if (!string.IsNullOrWhiteSpace(industry))
        {
            query = query.Where(e => e.Industry == industry.Trim());
        }

        if (!string.IsNullOrWhiteSpace(model))
        {
            query = query.Where(e => e.Model == model.Trim());
        }

        return query.OrderBy(e => e.VillageCode).ThenBy(e => e.Kind).ThenBy(e => e.Code);
    }

    internal static async Task<Results<Ok<EntityDto>, ProblemHttpResult>> EntityAsync(
        Guid id, IndustryDbContext db, IndustryCatalogue catalogue, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var entity = await db.Entities.AsNoTracking().Within(scope).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        return entity is null
            ? Problems.NotFound("经营主体不存在")
            : TypedResults.Ok((await DtosAsync(db, catalogue, scope, [entity], cancellationToken))[0]);
    }

    internal static async Task<Results<Created<EntityDto>, ProblemHttpResult>> CreateEntityAsync(
        [FromBody] EntityRequest request, EntityCommands commands, IndustryDbContext db, IndustryCatalogue catalogue, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var outcome = await commands.CreateAsync(request, scope, PlatformClaims.Actor(user) ?? "unknown", cancellationToken);
        return outcome.Value is null
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/industry/entities/{outcome.Value.Id}", (await DtosAsync(db, catalogue, scope, [outcome.Value], cancellationToken))[0]);
    }

    internal static async Task<Results<Ok<Page<BaseDto>>, ValidationProblem>> ListBasesAsync(
        IndustryDbContext db, IndustryCatalogue catalogue, string? industry, string? township, string? village, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size);
        if (errors is not null)
        {
            return Problems.Validation(errors);
        }

        var query = FilteredBases(db, industry, township, village, user);
        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<BaseDto>(rows.Select(r => Dto(r.Base, catalogue, r.Households)).ToList(), pageNumber, size, total));
    }

    /// <summary>The bases of the list (and of its export), in the list's order: the caller's scope and the filters, each with its linked households within the scope.</summary>
    internal static IQueryable<BaseRow> FilteredBases(IndustryDbContext db, string? industry, string? township, string? village, ClaimsPrincipal user)
    {
        var scope = DataScope.Of(user);
        var query = db.Bases.AsNoTracking().Within(scope).InPlace(township, village);
        if (!string.IsNullOrWhiteSpace(industry))
        {
            query = query.Where(b => b.Industry == industry.Trim());
        }

        var links = db.Links.AsNoTracking().OfHouseholdsWithin(db, scope);
        return query.OrderBy(b => b.VillageCode).ThenBy(b => b.Code)
            .Select(b => new BaseRow { Base = b, Households = links.Where(l => l.BaseId == b.Id).Select(l => l.HouseholdId).Distinct().Count() });
    }

    internal static async Task<Results<Ok<Page<HouseholdView>>, ProblemHttpResult, ValidationProblem>> BaseHouseholdsAsync(
        Guid id, IndustryDbContext db, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size);
        if (errors is not null)
        {
            return Problems.Validation(errors);
        }

        var scope = DataScope.Of(user);
        if (!await db.Bases.Within(scope).AnyAsync(b => b.Id == id, cancellationToken))
        {
            return Problems.NotFound("产业基地不存在");
        }

        var linked = db.Links.Where(l => l.BaseId == id).Select(l => l.HouseholdId);
        var query = db.HouseholdsWithin(scope).AsNoTracking().Where(h => linked.Contains(h.Id));
        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.OrderBy(h => h.VillageCode).ThenBy(h => h.HouseholdNumber).PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<HouseholdView>(rows.Select(HouseholdView.From).ToList(), pageNumber, size, total));
    }

    internal static async Task<Results<Created<BaseDto>, ProblemHttpResult>> CreateBaseAsync(
        [FromBody] BaseRequest request, EntityCommands commands, IndustryCatalogue catalogue, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.CreateAsync(request, DataScope.Of(user), PlatformClaims.Actor(user) ?? "unknown", cancellationToken);
        return outcome.Value is null
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/industry/bases?village={outcome.Value.VillageCode}", Dto(outcome.Value, catalogue, 0));
    }

    /// <summary>Rows of a township or village, when the caller narrows the list to one.</summary>
    internal static IQueryable<T> InPlace<T>(this IQueryable<T> rows, string? township, string? village)
        where T : class, IPlaced
    {
        if (!string.IsNullOrWhiteSpace(township))
        {
            var code = township.Trim();
            rows = rows.Where(r => r.TownshipCode == code);
        }

        if (!string.IsNullOrWhiteSpace(village))
        {
            var code = village.Trim();
            rows = rows.Where(r => r.VillageCode == code);
        }

        return rows;
    }

    private static async Task<List<EntityDto>> DtosAsync(IndustryDbContext db, IndustryCatalogue catalogue, DataScope scope, IReadOnlyList<MarketEntity> entities, CancellationToken cancellationToken)
    {
        var ids = entities.Select(e => e.Id).ToList();
        var links = await db.Links.AsNoTracking().OfHouseholdsWithin(db, scope)
            .Where(l => ids.Contains(l.EntityId) && l.EndedOn == null)
            .GroupBy(l => l.EntityId).Select(g => new { Entity = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Entity, x => x.Count, cancellationToken);
        var workers = await db.Employment.AsNoTracking().OfHouseholdsWithin(db, scope)
            .Where(r => r.WorkshopId != null && ids.Contains(r.WorkshopId.Value) && r.EndedOn == null)
            .GroupBy(r => r.WorkshopId!.Value).Select(g => new { Entity = g.Key, Count = g.Select(r => r.MemberId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Entity, x => x.Count, cancellationToken);
        return entities.Select(e => new EntityDto(
            e.Id, e.Code, e.Kind, e.Name, e.TownshipCode, e.VillageCode, e.Industry, catalogue.Industry(e.Industry)?.Name ?? e.Industry, e.Model, catalogue.Model(e.Model)?.Name,
            e.WorkshopSite, e.SiteId, e.SiteName, e.FoundedOn, links.GetValueOrDefault(e.Id), workers.GetValueOrDefault(e.Id))).ToList();
    }

    private static BaseDto Dto(IndustryBase b, IndustryCatalogue catalogue, int households)
    {
        var industry = catalogue.Industry(b.Industry);
        return new BaseDto(b.Id, b.Code, b.Name, b.Industry, industry?.Name ?? b.Industry, industry?.Unit ?? string.Empty, b.TownshipCode, b.VillageCode, b.AreaMu, b.Head, b.EntityId, b.Model, households);
    }
}
