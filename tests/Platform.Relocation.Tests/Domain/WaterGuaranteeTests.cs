using Platform.Contracts.Registry;
using Platform.Relocation.Domain;

namespace Platform.Relocation.Tests.Domain;

/// <summary>"safe drinking water (enough water, close enough, reliable, of tested quality)".</summary>
public class WaterGuaranteeTests
{
    private static readonly WaterStandards Standards = new();

    [Fact]
    public void Water_that_is_enough_close_reliable_and_tested_good_is_safe()
    {
        var supply = Given.Supply();
        var verdict = SafeWater.Assess([supply], Standards);
        Assert.True(verdict.Met);
        Assert.Equal("water-project:" + supply.ProjectId, verdict.SourceRecordId);
    }

    [Theory]
    [InlineData(34, 0, 95, true, "水量不足")]
    [InlineData(60, 21, 95, true, "取水往返")]
    [InlineData(60, 0, 94, true, "供水保证率")]
    [InlineData(60, 0, 95, false, "水质检测不合格")]
    [InlineData(60, 0, 95, null, "尚无水质检测")]
    public void Each_of_the_four_failing_alone_makes_the_water_unsafe_and_the_reason_says_which(int litres, int minutes, int rate, bool? passed, string reason)
    {
        var verdict = SafeWater.Assess([Given.Supply(litres, minutes, rate, passed)], Standards);
        Assert.False(verdict.Met);
        Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_standards_are_configuration_a_water_scarce_area_asks_less()
    {
        var scarce = new WaterStandards { MinLitresPerPersonPerDay = 20, MinGuaranteeRatePercent = 90 };
        Assert.False(SafeWater.Assess([Given.Supply(litres: 25, rate: 92)], Standards).Met);
        Assert.True(SafeWater.Assess([Given.Supply(litres: 25, rate: 92)], scarce).Met);
    }

    [Fact]
    public void A_project_not_yet_built_serves_nobody_and_no_project_at_all_is_not_met()
    {
        Assert.False(SafeWater.Assess([Given.Supply(completed: false)], Standards).Met);
        var none = SafeWater.Assess([], Standards);
        Assert.False(none.Met);
        Assert.Equal(SafeWater.NotServed, none.Reason);
    }

    [Fact]
    public void One_good_supply_is_enough_when_another_falls_short()
    {
        var failing = Given.Supply(passed: false);
        var good = Given.Supply(kind: WaterProjectKind.Scattered);
        var verdict = SafeWater.Assess([failing, good], Standards);
        Assert.True(verdict.Met);
        Assert.Equal("water-project:" + good.ProjectId, verdict.SourceRecordId);
    }

    [Fact]
    public void The_latest_test_decides_a_test_sampled_earlier_changes_nothing()
    {
        var project = new WaterProject
        {
            Id = Guid.NewGuid(), Code = "GS-1", Name = "城关水厂", Kind = WaterProjectKind.Centralised, VillageCode = "420325001001", TownshipCode = "420325001", CreatedAt = Given.Now,
        };
        Assert.True(project.Tested(Test(project, new DateOnly(2026, 6, 1), passed: false)));
        Assert.True(project.Tested(Test(project, new DateOnly(2026, 9, 1), passed: true)));
        Assert.False(project.Tested(Test(project, new DateOnly(2026, 7, 1), passed: false)));
        Assert.Equal((true, new DateOnly(2026, 9, 1)), (project.LatestTestPassed!.Value, project.LatestTestOn!.Value));
    }

    [Fact]
    public void The_registry_hears_the_water_guarantee_from_its_owner_the_relocation_pillar()
    {
        Assert.Equal(Pillar.Relocation, GuaranteeOwners.OwnerOf(Guarantee.SafeDrinkingWater));
        Assert.Contains(Guarantee.SafeDrinkingWater, GuaranteeState.Owned);
        Assert.Contains(Guarantee.SafeHousing, GuaranteeState.Owned);
    }

    private static WaterQualityTest Test(WaterProject project, DateOnly sampled, bool passed) => new()
    {
        Id = Guid.NewGuid(), ProjectId = project.Id, SampledOn = sampled, Passed = passed, Laboratory = "县疾控中心", ReportNumber = "SZ-" + sampled.DayNumber,
        RecordedAt = Given.Now, RecordedBy = "tests",
    };
}
