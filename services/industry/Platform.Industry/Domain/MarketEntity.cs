using Platform.Contracts;

namespace Platform.Industry.Domain;

/// <summary>
/// A market entity (新型农业经营主体: cooperative, lead enterprise, family farm) or a poverty workshop (扶贫车间),
/// keyed by its code (统一社会信用代码 or the agriculture bureau's code), placed in a village.
/// </summary>
public sealed class MarketEntity : IPlaced
{
    public required Guid Id { get; init; }

    public required string Code { get; init; }

    public required EntityKind Kind { get; set; }

    public required string Name { get; set; }

    public required string VillageCode { get; set; }

    public required string TownshipCode { get; set; }

    public required string Industry { get; set; }

    public string? Model { get; set; }

    public WorkshopSite? WorkshopSite { get; set; }

    /// <summary>The relocation pillar's resettlement site (集中安置点) a workshop stands at.</summary>
    public Guid? SiteId { get; set; }

    public string? SiteName { get; set; }

    public DateOnly? FoundedOn { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    /// <summary>Whether the entity is one of the new market entities the county counts (新型农业经营主体): not a workshop.</summary>
    public bool IsNewMarketEntity => EntityRules.IsNewMarketEntity(Kind);

    /// <summary>Whether <paramref name="submission"/> says anything different from what is kept.</summary>
    public bool DiffersFrom(EntitySubmission submission) =>
        Kind != submission.Kind || Name != submission.Name || VillageCode != submission.VillageCode || Industry != submission.Industry
        || Model != submission.Model || WorkshopSite != submission.WorkshopSite || SiteId != submission.SiteId || SiteName != submission.SiteName
        || FoundedOn != submission.FoundedOn;

    public void Apply(EntitySubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        Kind = submission.Kind;
        Name = submission.Name;
        VillageCode = submission.VillageCode;
        TownshipCode = submission.VillageCode[..9];
        Industry = submission.Industry;
        Model = submission.Model;
        WorkshopSite = submission.WorkshopSite;
        SiteId = submission.SiteId;
        SiteName = submission.SiteName;
        FoundedOn = submission.FoundedOn;
    }

    public static MarketEntity Create(EntitySubmission submission, string createdBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var entity = new MarketEntity
        {
            Id = Guid.CreateVersion7(now),
            Code = submission.Code,
            Kind = submission.Kind,
            Name = submission.Name,
            VillageCode = submission.VillageCode,
            TownshipCode = submission.VillageCode[..9],
            Industry = submission.Industry,
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        entity.Apply(submission);
        return entity;
    }
}

/// <summary>A market entity as the portal or the agriculture bureau describes it, checked by <see cref="EntityRules.Validate"/>.</summary>
public sealed record EntitySubmission(
    string Code, EntityKind Kind, string Name, string VillageCode, string Industry, string? Model, WorkshopSite? WorkshopSite, Guid? SiteId, string? SiteName, DateOnly? FoundedOn);

/// <summary>An industry base (产业基地) in a village: planted area for a planting industry, head for livestock.</summary>
public sealed class IndustryBase : IPlaced
{
    public required Guid Id { get; init; }

    public required string Code { get; init; }

    public required string Name { get; set; }

    public required string Industry { get; set; }

    public required string VillageCode { get; set; }

    public required string TownshipCode { get; set; }

    /// <summary>种植面积（亩）, for a planting industry.</summary>
    public decimal? AreaMu { get; set; }

    /// <summary>存栏（头/只）, for livestock.</summary>
    public long? Head { get; set; }

    /// <summary>The entity running the base, if any.</summary>
    public Guid? EntityId { get; set; }

    public string? Model { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public bool DiffersFrom(BaseSubmission submission, Guid? entityId) =>
        Name != submission.Name || Industry != submission.Industry || VillageCode != submission.VillageCode || AreaMu != submission.AreaMu
        || Head != submission.Head || EntityId != entityId || Model != submission.Model;

    public void Apply(BaseSubmission submission, Guid? entityId)
    {
        ArgumentNullException.ThrowIfNull(submission);
        Name = submission.Name;
        Industry = submission.Industry;
        VillageCode = submission.VillageCode;
        TownshipCode = submission.VillageCode[..9];
        AreaMu = submission.AreaMu;
        Head = submission.Head;
        EntityId = entityId;
        Model = submission.Model;
    }

    public static IndustryBase Create(BaseSubmission submission, Guid? entityId, string createdBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var created = new IndustryBase
        {
            Id = Guid.CreateVersion7(now),
            Code = submission.Code,
            Name = submission.Name,
            Industry = submission.Industry,
            VillageCode = submission.VillageCode,
            TownshipCode = submission.VillageCode[..9],
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        created.Apply(submission, entityId);
        return created;
    }
}

/// <summary>A base as submitted, checked by <see cref="EntityRules.ValidateBase"/>.</summary>
public sealed record BaseSubmission(string Code, string Name, string Industry, string VillageCode, decimal? AreaMu, long? Head, string? Model);

public static class EntityRules
{
    public const int MaxCodeLength = 30;
    public const int MaxNameLength = 100;

    /// <summary>
    /// "new market entities (新型农业经营主体: cooperatives, lead enterprises, family farms)" — the county's 3,493 —
    /// are counted apart from its 607 poverty workshops.
    /// </summary>
    public static bool IsNewMarketEntity(EntityKind kind) => kind is EntityKind.Cooperative or EntityKind.LeadEnterprise or EntityKind.FamilyFarm;

    /// <summary>
    /// "poverty workshops (扶贫车间/作坊) at central villages and resettlement sites": a workshop says which, and a
    /// site id only at a resettlement site; the other kinds have no workshop site.
    /// </summary>
    public static RuleResult WorkshopPlace(EntityKind kind, WorkshopSite? site, Guid? siteId)
    {
        if (kind == EntityKind.Workshop && site is null)
        {
            return RuleResult.Fail("workshopSite", "扶贫车间须写明选址：中心村（central-village）或集中安置点（resettlement-site）");
        }

        if (kind != EntityKind.Workshop && site is not null)
        {
            return RuleResult.Fail("workshopSite", "只有扶贫车间填写车间选址");
        }

        return siteId is not null && site != Domain.WorkshopSite.ResettlementSite
            ? RuleResult.Fail("siteId", "只有设在集中安置点的扶贫车间填写安置点")
            : RuleResult.Ok;
    }

    /// <summary>
    /// "planted mu and livestock head": a base of a planting industry has an area (more than 0 mu) and no head;
    /// a livestock base has head (more than 0) and no area.
    /// </summary>
    public static RuleResult Size(IndustryDefinition industry, decimal? areaMu, long? head)
    {
        ArgumentNullException.ThrowIfNull(industry);
        if (industry.Measure == Measure.Area)
        {
            if (areaMu is not > 0m || decimal.Round(areaMu.Value, 2) != areaMu.Value)
            {
                return RuleResult.Fail("areaMu", $"{industry.Name}基地须填写种植面积（大于0亩，至多两位小数）");
            }

            return head is > 0 ? RuleResult.Fail("head", $"{industry.Name}是种植业，基地不填存栏") : RuleResult.Ok;
        }

        if (head is not > 0)
        {
            return RuleResult.Fail("head", $"{industry.Name}基地须填写存栏（大于0头/只）");
        }

        return areaMu is > 0m ? RuleResult.Fail("areaMu", $"{industry.Name}是养殖业，基地填存栏而不填面积") : RuleResult.Ok;
    }

    /// <summary>A code, a name and a 12-digit village code: the fields every entity and base has.</summary>
    public static void Identity(string? code, string? name, string? villageCode, IDictionary<string, string[]> errors, out string cleanCode, out string cleanName, out string cleanVillage)
    {
        cleanCode = code?.Trim() ?? string.Empty;
        cleanName = name?.Trim() ?? string.Empty;
        cleanVillage = villageCode?.Trim() ?? string.Empty;
        if (cleanCode.Length is 0 or > MaxCodeLength)
        {
            FieldErrors.Add(errors, "code", $"请填写代码（统一社会信用代码或部门编码，不超过{MaxCodeLength}个字符）");
        }

        if (cleanName.Length is 0 or > MaxNameLength)
        {
            FieldErrors.Add(errors, "name", $"请填写名称（不超过{MaxNameLength}字）");
        }

        if (!Places.IsVillageCode(cleanVillage))
        {
            FieldErrors.Add(errors, "villageCode", "所在村代码应为12位数字");
        }
    }
}

/// <summary>Administrative codes as the registry writes them.</summary>
public static class Places
{
    public static bool IsVillageCode(string? code) => code is { Length: 12 } && code.All(char.IsAsciiDigit);
}
