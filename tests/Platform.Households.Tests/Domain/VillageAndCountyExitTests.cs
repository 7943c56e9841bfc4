using Platform.Households.Domain;
using static Platform.Households.Tests.Domain.DomainFactory;

namespace Platform.Households.Tests.Domain;

public class VillageAndCountyExitTests
{
    private static readonly VillageConditions AllInPlace = new(true, true, true, true, true, true, true, true);

    private static Village PoorVillage() => new() { Code = "420325001001", Name = "测试村", RuralPopulation = 1000, IsPoorVillage = true };

    [Fact]
    public void A_village_exits_below_two_percent_with_its_services_in_place_after_a_week_of_notice()
    {
        // domain.md: "Village exit (贫困村出列): poverty incidence (贫困发生率) below 2% … with the village's infrastructure and services in place."
        var village = PoorVillage();
        var (exit, proposed) = VillageExit.Propose(village, 2019, new DateOnly(2019, 10, 1), "乡镇", Today, Now);
        Assert.True(proposed.Succeeded);
        Assert.Contains("未降至2%以下", exit!.Check(20, 1000, AllInPlace, 0.02m, new DateOnly(2019, 10, 5), "县", Today, Now).Error, StringComparison.Ordinal);
        Assert.Contains("无标准化卫生室", exit.Check(19, 1000, AllInPlace with { Clinic = false }, 0.02m, new DateOnly(2019, 10, 5), "县", Today, Now).Error, StringComparison.Ordinal);
        Assert.False(exit.MarkExited(village, new DateOnly(2019, 10, 6), "县", Today, Now).Succeeded); // no skipping

        Assert.True(exit.Check(19, 1000, AllInPlace, 0.02m, new DateOnly(2019, 10, 5), "县", Today, Now).Succeeded);
        Assert.Equal(0.019m, exit.PovertyIncidence);
        Assert.False(exit.PublishNotice(new DateOnly(2019, 10, 6), new DateOnly(2019, 10, 12), "县", Today, Now).Succeeded);
        Assert.True(exit.PublishNotice(new DateOnly(2019, 10, 6), new DateOnly(2019, 10, 13), "县", Today, Now).Succeeded);
        Assert.False(exit.MarkExited(village, new DateOnly(2019, 10, 13), "县", Today, Now).Succeeded);
        Assert.True(exit.MarkExited(village, new DateOnly(2019, 10, 20), "县", Today, Now).Succeeded);
        Assert.Equal(2019, village.ExitYear);
        Assert.False(VillageExit.Propose(village, 2020, new DateOnly(2020, 10, 1), "乡镇", Today, Now).Result.Succeeded);
    }

    [Fact]
    public void The_three_rates_and_recognition_are_computed_as_the_inspectors_define_them()
    {
        // domain.md: 综合贫困发生率 = (remaining poor + missed + wrongly exited) ÷ rural population, below 2%;
        // 错退率 = wrongly exited ÷ exited, in the sampled households, below 2%; 漏评率 = missed poor ÷
        // non-registered rural population of the sampled villages, below 2%; 认可度 = approving ÷ surveyed, at least 90%.
        var rates = CountyExit.Compute(
            new CountyExitCounts(RuralPopulation: 400_000, RemainingPoorPeople: 2_000, SampledExitedHouseholdsVisited: 500, WronglyExitedHouseholds: 5,
                WronglyExitedPeople: 15, MissedPoorPeople: 6, NonRegisteredPopulationOfSampledVillages: 30_000, SurveyedHouseholds: 600, ApprovingHouseholds: 570),
            CountyExitLimits.National);
        Assert.Equal(0.005053m, rates.ComprehensiveIncidence.Value); // (2,000 + 6 + 15) ÷ 400,000
        Assert.Equal(0.01m, rates.WrongExitRate.Value);
        Assert.Equal(0.0002m, rates.MissedRate.Value);
        Assert.Equal(0.95m, rates.Recognition.Value);
        Assert.True(rates.Passes);

        var failing = CountyExit.Compute(
            new CountyExitCounts(400_000, 2_000, 500, 10, 30, 6, 30_000, 600, 539), CountyExitLimits.National);
        Assert.False(failing.WrongExitRate.Passes); // 2% is not below 2%
        Assert.False(failing.Recognition.Passes); // 89.8%
        Assert.False(failing.Passes);
    }

    [Fact]
    public void Nothing_visited_proves_nothing()
    {
        var rates = CountyExit.Compute(new CountyExitCounts(400_000, 0, 0, 0, 0, 0, 0, 0, 0), CountyExitLimits.National);
        Assert.True(rates.ComprehensiveIncidence.Passes);
        Assert.False(rates.WrongExitRate.Passes);
        Assert.False(rates.Recognition.Passes);
    }

    [Fact]
    public void The_sample_is_reproducible_from_its_seed_whatever_the_order_of_the_registry()
    {
        var villages = Enumerable.Range(1, 300).Select(i => $"420325{i:000000}").ToList();
        var first = InspectionSampling.Draw("2019-省第三方评估", villages, v => v, 20);
        var shuffled = villages.OrderBy(_ => Guid.NewGuid()).ToList();
        Assert.Equal(first, InspectionSampling.Draw("2019-省第三方评估", shuffled, v => v, 20));
        Assert.NotEqual(first, InspectionSampling.Draw("another seed", villages, v => v, 20));
        Assert.Equal(20, first.Distinct().Count());
    }
}
