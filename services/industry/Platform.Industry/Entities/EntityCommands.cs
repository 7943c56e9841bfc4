using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Industry.Common;
using Platform.Industry.Data;
using Platform.Industry.Households;
using Platform.Industry.Domain;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;

namespace Platform.Industry.Entities;

/// <summary>A market entity or workshop as the portal sends it (the feed's records are read into the same shape).</summary>
public sealed record EntityRequest(
    string? Code, string? Kind, string? Name, string? VillageCode, string? Industry, string? Model, string? WorkshopSite, string? SiteId, string? SiteName, string? FoundedOn);

/// <summary>An industry base as the portal sends it (and the feed's records).</summary>
public sealed record BaseRequest(string? Code, string? Name, string? Industry, string? VillageCode, decimal? AreaMu, long? Head, string? EntityCode, string? Model);

/// <summary>
/// Checks entities and bases (the rules of <see cref="EntityRules"/> with the configured industries and models) and
/// registers them from the portal. The agriculture bureau's feed reads its records into the same requests.
/// </summary>
public sealed class EntityCommands(IndustryDbContext db, IndustryCatalogue catalogue, TimeProvider clock)
{
    public EntitySubmission? Validate(EntityRequest request, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        EntityRules.Identity(request.Code, request.Name, request.VillageCode, errors, out var code, out var name, out var village);
        var kind = Input.Code<EntityKind>(request.Kind, "kind", "主体类型", errors);

        var industry = catalogue.RequireIndustry(request.Industry, "industry", errors);
        var model = catalogue.OptionalModel(request.Model, "model", errors);
        var site = Input.OptionalCode<WorkshopSite>(request.WorkshopSite, "workshopSite", "车间选址", errors);

        Guid? siteId = null;
        if (!string.IsNullOrWhiteSpace(request.SiteId))
        {
            if (Guid.TryParse(request.SiteId, out var id))
            {
                siteId = id;
            }
            else
            {
                FieldErrors.Add(errors, "siteId", "安置点编号应为易地扶贫搬迁档案中的安置点 id（UUID）");
            }
        }

        var siteName = Input.Text(request.SiteName, 100, "siteName", errors);
        var foundedOn = Input.Date(request.FoundedOn, "foundedOn", errors);
        if (foundedOn > clock.Today())
        {
            FieldErrors.Add(errors, "foundedOn", "成立日期不能晚于今天");
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var place = EntityRules.WorkshopPlace(kind, site, siteId);
        if (!place.Succeeded)
        {
            FieldErrors.Add(errors, place.Field!, place.Error!);
            return null;
        }

        return new EntitySubmission(code, kind, name, village, industry!.Code, model, site, siteId, siteName, foundedOn);
    }

    public BaseSubmission? Validate(BaseRequest request, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        EntityRules.Identity(request.Code, request.Name, request.VillageCode, errors, out var code, out var name, out var village);
        var industry = catalogue.RequireIndustry(request.Industry, "industry", errors);
        var model = catalogue.OptionalModel(request.Model, "model", errors);
        if (industry is not null)
        {
            var size = EntityRules.Size(industry, request.AreaMu, request.Head);
            if (!size.Succeeded)
            {
                FieldErrors.Add(errors, size.Field!, size.Error!);
            }
        }

        return errors.Count > 0
            ? null
            : new BaseSubmission(code, name, industry!.Code, village, industry.Measure == Measure.Area ? request.AreaMu : null, industry.Measure == Measure.Head ? request.Head : null, model);
    }

    /// <summary>The portal's registration of an entity: valid, in the caller's scope, a code not registered yet.</summary>
    public async Task<Outcome<MarketEntity>> CreateAsync(EntityRequest request, DataScope scope, string actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (Validate(request, errors) is not { } submission)
        {
            return Outcome<MarketEntity>.Refused(Refusal.Invalid, errors);
        }

        if (!scope.Covers(submission.VillageCode))
        {
            return Outcome<MarketEntity>.Refused(Refusal.Forbidden, "villageCode", "只能登记本人数据范围内的村的经营主体");
        }

        if (await db.Entities.AnyAsync(e => e.Code == submission.Code, cancellationToken))
        {
            return Outcome<MarketEntity>.Refused(Refusal.Conflict, "code", "该代码的经营主体已登记");
        }

        var entity = MarketEntity.Create(submission, actor, clock.GetUtcNow());
        db.Entities.Add(entity);
        return await db.SaveAsOutcomeAsync(entity, ("code", "请重试"), _ => ("code", "该代码的经营主体已登记"), cancellationToken);
    }

    /// <summary>The portal's registration of a base: valid, in the caller's scope, its entity (if any) in scope too.</summary>
    public async Task<Outcome<IndustryBase>> CreateAsync(BaseRequest request, DataScope scope, string actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (Validate(request, errors) is not { } submission)
        {
            return Outcome<IndustryBase>.Refused(Refusal.Invalid, errors);
        }

        if (!scope.Covers(submission.VillageCode))
        {
            return Outcome<IndustryBase>.Refused(Refusal.Forbidden, "villageCode", "只能登记本人数据范围内的村的产业基地");
        }

        Guid? entityId = null;
        if (!string.IsNullOrWhiteSpace(request.EntityCode))
        {
            var code = request.EntityCode.Trim();
            entityId = await db.Entities.Within(scope).Where(e => e.Code == code).Select(e => (Guid?)e.Id).SingleOrDefaultAsync(cancellationToken);
            if (entityId is null)
            {
                return Outcome<IndustryBase>.Refused(Refusal.NotFound, "entityCode", "经营主体不存在");
            }
        }

        if (await db.Bases.AnyAsync(b => b.Code == submission.Code, cancellationToken))
        {
            return Outcome<IndustryBase>.Refused(Refusal.Conflict, "code", "该代码的产业基地已登记");
        }

        var created = IndustryBase.Create(submission, entityId, actor, clock.GetUtcNow());
        db.Bases.Add(created);
        return await db.SaveAsOutcomeAsync(created, ("code", "请重试"), _ => ("code", "该代码的产业基地已登记"), cancellationToken);
    }
}
