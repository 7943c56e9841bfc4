using Platform.Industry.Domain;

namespace Platform.Industry.Tests.Domain;

/// <summary>Market entities, workshops and industry bases.</summary>
public class EntityRulesTests
{
    /// <summary>"new market entities (新型农业经营主体: cooperatives, lead enterprises, family farms)" are counted apart from workshops.</summary>
    [Theory]
    [InlineData(EntityKind.Cooperative, true)]
    [InlineData(EntityKind.LeadEnterprise, true)]
    [InlineData(EntityKind.FamilyFarm, true)]
    [InlineData(EntityKind.Workshop, false)]
    public void Cooperatives_lead_enterprises_and_family_farms_are_the_new_market_entities(EntityKind kind, bool isNew) =>
        Assert.Equal(isNew, EntityRules.IsNewMarketEntity(kind));

    /// <summary>"poverty workshops (扶贫车间/作坊) at central villages and resettlement sites".</summary>
    [Fact]
    public void A_workshop_stands_at_a_central_village_or_a_resettlement_site_and_only_workshops_say_so()
    {
        Assert.True(EntityRules.WorkshopPlace(EntityKind.Workshop, WorkshopSite.CentralVillage, null).Succeeded);
        Assert.True(EntityRules.WorkshopPlace(EntityKind.Workshop, WorkshopSite.ResettlementSite, Guid.NewGuid()).Succeeded);
        Assert.Equal("workshopSite", EntityRules.WorkshopPlace(EntityKind.Workshop, null, null).Field);
        Assert.Equal("workshopSite", EntityRules.WorkshopPlace(EntityKind.Cooperative, WorkshopSite.CentralVillage, null).Field);
        Assert.Equal("siteId", EntityRules.WorkshopPlace(EntityKind.Workshop, WorkshopSite.CentralVillage, Guid.NewGuid()).Field);
    }

    /// <summary>"planted mu and livestock head": a planting base has an area, a livestock base head.</summary>
    [Fact]
    public void A_planting_base_has_an_area_and_a_livestock_base_head()
    {
        Assert.True(EntityRules.Size(Rules.Fungi, 120.5m, null).Succeeded);
        Assert.Equal("areaMu", EntityRules.Size(Rules.Fungi, null, null).Field);
        Assert.Equal("areaMu", EntityRules.Size(Rules.Fungi, 0m, null).Field);
        Assert.Equal("head", EntityRules.Size(Rules.Fungi, 10m, 30).Field);
        Assert.True(EntityRules.Size(Rules.Goats, null, 300).Succeeded);
        Assert.Equal("head", EntityRules.Size(Rules.Goats, null, 0).Field);
        Assert.Equal("areaMu", EntityRules.Size(Rules.Goats, 10m, 300).Field);
    }

    [Fact]
    public void An_entity_says_whether_a_submission_changes_it()
    {
        var submission = new EntitySubmission("C1", EntityKind.Cooperative, "房县神农菌业专业合作社", "420325001001", "edible-fungi", "fungi-park-plus", null, null, null, null);
        var entity = MarketEntity.Create(submission, "tests", Rules.Now);
        Assert.False(entity.DiffersFrom(submission));
        Assert.True(entity.DiffersFrom(submission with { VillageCode = "420325001002" }));
        entity.Apply(submission with { VillageCode = "420325002001" });
        Assert.Equal(("420325002001", "420325002"), (entity.VillageCode, entity.TownshipCode));
    }
}
