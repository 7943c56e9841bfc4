using Platform.Industry.Domain;

namespace Platform.Industry.Tests.Domain;

/// <summary>The configured catalogue of the local start and records for the rules' tests, on a fixed day (29 November 2026).</summary>
internal static class Rules
{
    public static readonly DateOnly Today = new(2026, 11, 29);

    public static readonly DateTimeOffset Now = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);

    public static readonly IndustryDefinition Fungi = new("edible-fungi", "食用菌", Measure.Area, null);

    public static readonly IndustryDefinition Goats = new("goats", "山羊", Measure.Head, "畜牧");

    public static readonly SubsidyPolicy Planting = new("planting", "种植业产业奖补", new HashSet<string>(["edible-fungi", "herbs"], StringComparer.OrdinalIgnoreCase), 300m, 5000m, 1m);

    public static readonly SubsidyPolicy Livestock = new("livestock", "养殖业产业奖补", new HashSet<string>(["goats"], StringComparer.OrdinalIgnoreCase), 200m, 5000m, 5m);

    public static BenefitLink Link(LinkKind kind = LinkKind.Dividend, DateOnly? startedOn = null) => new()
    {
        Id = Guid.NewGuid(),
        EntityId = Guid.NewGuid(),
        HouseholdId = Guid.NewGuid(),
        MemberId = Guid.NewGuid(),
        Kind = kind,
        StartedOn = startedOn ?? new DateOnly(2019, 3, 1),
        CreatedAt = Now,
        CreatedBy = "tests",
    };

    public static MarketEntity Workshop(string village, Guid? siteId = null) => MarketEntity.Create(
        new EntitySubmission("W" + Guid.NewGuid().ToString("N")[..8], EntityKind.Workshop, "扶贫车间", village, "edible-fungi", null,
            siteId is null ? WorkshopSite.CentralVillage : WorkshopSite.ResettlementSite, siteId, null, null),
        "tests",
        Now);

    public static EmploymentSubmission Job(DateOnly startedOn, int months, decimal monthlyWage = 2_500m, EmploymentKind kind = EmploymentKind.TransferredOut) => new(
        kind, kind == EmploymentKind.Workshop ? Guid.NewGuid() : null, kind == EmploymentKind.Workshop ? string.Empty : "宁波某电子厂",
        kind == EmploymentKind.TransferredOut ? "浙江省宁波市" : null, kind == EmploymentKind.TransferredOut ? DestinationScope.OutOfProvince : null,
        startedOn, months, monthlyWage);
}
