using Platform.Contracts.Relocation;
using Platform.Relocation.Domain;

namespace Platform.Relocation.Tests.Domain;

public class SiteRulesTests
{
    [Fact]
    public void A_site_is_for_centralised_resettlement_only_scattered_resettlement_has_none()
    {
        // "resettlement sites (集中安置点: 进城, 进镇, 进中心村, 进福利院)"
        Assert.False(ResettlementSite.CheckMode(ResettlementMode.Scattered).Succeeded);
        Assert.All([ResettlementMode.TownOrCounty, ResettlementMode.CentralVillage, ResettlementMode.WelfareHome], m => Assert.True(ResettlementSite.CheckMode(m).Succeeded));
    }

    [Fact]
    public void The_capacity_is_never_exceeded_nor_lowered_below_the_households_already_given_housing()
    {
        var site = Given.Site(capacity: 2);
        Assert.True(site.Allocate().Succeeded);
        Assert.True(site.Allocate().Succeeded);
        Assert.Equal("siteId", site.Allocate().Field);
        Assert.Equal(2, site.AllocatedHouseholds);

        Assert.Equal("capacityHouseholds", site.SetCapacity(1).Field);
        Assert.Equal("capacityHouseholds", site.SetCapacity(ResettlementSite.MaxCapacity + 1).Field);
        Assert.True(site.SetCapacity(3).Succeeded);
    }

    [Fact]
    public void Completion_is_dated_not_in_the_future_and_not_moved_once_recorded()
    {
        var site = Given.Site();
        Assert.Equal("completedOn", site.Complete(Given.Today.AddDays(1), Given.Today).Field);
        Assert.True(site.Complete(new DateOnly(2018, 5, 1), Given.Today).Succeeded);
        Assert.True(site.Complete(new DateOnly(2018, 5, 1), Given.Today).Succeeded);
        Assert.Equal("completedOn", site.Complete(new DateOnly(2018, 6, 1), Given.Today).Field);
        Assert.False(site.IsCompleteOn(new DateOnly(2018, 4, 30)));
        Assert.True(site.IsCompleteOn(new DateOnly(2018, 5, 1)));
    }

    [Fact]
    public void The_seven_facilities_are_in_place_only_when_all_seven_are_and_one_in_place_stays()
    {
        // 七个一配套: the seven facilities a site must have.
        var site = Given.Site();
        var all = Enum.GetValues<SiteFacility>();
        Assert.Equal(7, all.Length);
        foreach (var facility in all.SkipLast(1))
        {
            Assert.True(site.PutInPlace(facility, Given.Today));
        }

        Assert.False(site.FullyEquipped);
        Assert.False(site.PutInPlace(all[0], Given.Today));
        Assert.True(site.PutInPlace(all[^1], Given.Today));
        Assert.True(site.FullyEquipped);
    }
}
