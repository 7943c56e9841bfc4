using Platform.Contracts.Relocation;
using Platform.Relocation.Domain;

namespace Platform.Relocation.Tests.Domain;

/// <summary>"relocation cases per household: planned → housing allocated → moved in → old house demolished and land reclaimed (拆旧复垦), each step dated with who".</summary>
public class CaseRulesTests
{
    private static readonly DateOnly Allocated = new(2018, 3, 1);
    private static readonly DateOnly MovedIn = new(2018, 9, 1);

    [Fact]
    public void Centralised_resettlement_needs_a_site_of_its_mode_and_scattered_resettlement_none()
    {
        var site = Given.Site(ResettlementMode.CentralVillage);
        Assert.Equal("siteId", RelocationCase.CanPlan(ResettlementMode.TownOrCounty, null, Given.Today, "王主任", Given.Today).Field);
        Assert.Equal("mode", RelocationCase.CanPlan(ResettlementMode.TownOrCounty, site, Given.Today, "王主任", Given.Today).Field);
        Assert.Equal("siteId", RelocationCase.CanPlan(ResettlementMode.Scattered, site, Given.Today, "王主任", Given.Today).Field);
        Assert.True(RelocationCase.CanPlan(ResettlementMode.CentralVillage, site, Given.Today, "王主任", Given.Today).Succeeded);
        Assert.True(RelocationCase.CanPlan(ResettlementMode.Scattered, null, Given.Today, "王主任", Given.Today).Succeeded);
    }

    [Fact]
    public void Every_step_names_who_recorded_it_and_is_not_dated_in_the_future()
    {
        var site = Given.Site(completed: new DateOnly(2018, 1, 1));
        Assert.Equal("plannedBy", RelocationCase.CanPlan(site.Mode, site, Given.Today, " ", Given.Today).Field);
        Assert.Equal("plannedOn", RelocationCase.CanPlan(site.Mode, site, Given.Today.AddDays(1), "王主任", Given.Today).Field);
        var relocation = Given.Case(site);
        Assert.Equal("allocatedBy", relocation.AllocateHousing(Allocated, null, null, null, 3, site, Given.Today).Field);
        Assert.Equal("allocatedOn", relocation.AllocateHousing(Given.Today.AddDays(1), "王主任", null, null, 3, site, Given.Today).Field);
        Assert.Equal(RelocationStep.Planned, relocation.Step);
    }

    [Fact]
    public void The_steps_go_in_their_only_order_each_dated_on_or_after_the_one_before()
    {
        var site = Given.Site(completed: new DateOnly(2018, 1, 1));
        var relocation = Given.Case(site);
        Assert.Equal("movedInOn", relocation.MoveIn(MovedIn, "李干部", 3, site, Given.Today).Field);
        Assert.Equal("demolishedOn", relocation.DemolishOldHouse(MovedIn, "李干部", 0.3m, Given.Today).Field);
        Assert.Equal("allocatedOn", relocation.AllocateHousing(relocation.PlannedOn.AddDays(-1), "王主任", null, null, 3, site, Given.Today).Field);

        Assert.True(relocation.AllocateHousing(Allocated, "王主任", "3栋2单元101", 75, 3, site, Given.Today).Succeeded);
        Assert.Equal("movedInOn", relocation.MoveIn(Allocated.AddDays(-1), "李干部", 3, site, Given.Today).Field);
        Assert.True(relocation.MoveIn(MovedIn, "李干部", 3, site, Given.Today).Succeeded);
        Assert.Equal("movedInOn", relocation.MoveIn(MovedIn, "李干部", 3, site, Given.Today).Field); // never twice
        Assert.True(relocation.DemolishOldHouse(MovedIn.AddMonths(6), "张镇长", 0.35m, Given.Today).Succeeded);
        Assert.Equal(RelocationStep.OldHouseDemolished, relocation.Step);
        Assert.Equal((3, "李干部", "张镇长"), (relocation.People, relocation.MovedInBy, relocation.DemolishedBy));
    }

    [Fact]
    public void Housing_is_at_most_25_square_metres_a_person()
    {
        // 人均住房建设面积不超过25平方米.
        var site = Given.Site();
        var relocation = Given.Case(site);
        Assert.Equal("floorArea", relocation.AllocateHousing(Allocated, "王主任", null, 76, 3, site, Given.Today).Field);
        Assert.Equal(0, site.AllocatedHouseholds);
        Assert.True(relocation.AllocateHousing(Allocated, "王主任", null, 75, 3, site, Given.Today).Succeeded);
    }

    [Fact]
    public void Housing_allocated_counts_against_the_site_s_capacity()
    {
        var site = Given.Site(capacity: 1);
        Assert.True(Given.Case(site).AllocateHousing(Allocated, "王主任", null, null, 3, site, Given.Today).Succeeded);
        var second = Given.Case(site);
        Assert.Equal("siteId", second.AllocateHousing(Allocated, "王主任", null, null, 3, site, Given.Today).Field);
        Assert.Equal(RelocationStep.Planned, second.Step);
    }

    [Fact]
    public void Nobody_moves_into_a_site_before_it_is_completed()
    {
        var site = Given.Site(completed: new DateOnly(2018, 10, 1));
        var relocation = Given.Case(site);
        Assert.True(relocation.AllocateHousing(Allocated, "王主任", null, null, 3, site, Given.Today).Succeeded);
        Assert.Equal("movedInOn", relocation.MoveIn(MovedIn, "李干部", 3, site, Given.Today).Field);
        Assert.True(relocation.MoveIn(new DateOnly(2018, 10, 1), "李干部", 3, site, Given.Today).Succeeded);
    }

    [Fact]
    public void The_reclaimed_land_is_a_positive_area_of_at_most_ten_mu_with_two_decimals()
    {
        var relocation = Given.Case(null, ResettlementMode.Scattered);
        Assert.True(relocation.AllocateHousing(Allocated, "王主任", null, null, 3, null, Given.Today).Succeeded);
        Assert.True(relocation.MoveIn(MovedIn, "李干部", 3, null, Given.Today).Succeeded);
        Assert.Equal("reclaimedMu", relocation.DemolishOldHouse(MovedIn, "张镇长", 0m, Given.Today).Field);
        Assert.Equal("reclaimedMu", relocation.DemolishOldHouse(MovedIn, "张镇长", 10.5m, Given.Today).Field);
        Assert.Equal("reclaimedMu", relocation.DemolishOldHouse(MovedIn, "张镇长", 0.355m, Given.Today).Field);
        Assert.True(relocation.DemolishOldHouse(MovedIn, "张镇长", 0.35m, Given.Today).Succeeded);
    }
}
