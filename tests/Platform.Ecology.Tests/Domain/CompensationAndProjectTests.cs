using Platform.Ecology.Domain;

namespace Platform.Ecology.Tests.Domain;

/// <summary>
/// "Compensation payments (公益林补偿, 退耕还林补助) per household by area and rate (rates in configuration)"
/// and "projects: afforestation (精准灭荒) and orchard bases (樱桃, 黄桃 …) by village with area".
/// </summary>
public class CompensationAndProjectTests
{
    private static readonly CompensationStandard Forest = new(
        CompensationKind.PublicWelfareForest, "公益林生态效益补偿", new Dictionary<int, decimal> { [2014] = 15m, [2017] = 15.75m }, 3000m);

    [Theory]
    [InlineData(2014, 15)]
    [InlineData(2016, 15)]
    [InlineData(2017, 15.75)]
    [InlineData(2020, 15.75)]
    public void A_year_s_rate_is_the_one_that_took_effect_last_on_or_before_it(int year, decimal rate) => Assert.Equal(rate, Forest.RateFor(year));

    [Fact]
    public void A_year_before_the_first_rate_or_in_the_future_is_refused()
    {
        Assert.Contains("2013年的补偿标准未配置", CompensationRules.Year(Forest, 2013, Rules.Today).Error, StringComparison.Ordinal);
        Assert.Equal("year", CompensationRules.Year(Forest, 2027, Rules.Today).Field);
        Assert.True(CompensationRules.Year(Forest, 2026, Rules.Today).Succeeded);
    }

    [Fact]
    public void The_amount_is_area_times_the_year_s_rate_rounded_to_the_fen()
    {
        Assert.True(CompensationRules.Amount(Forest, 2020, 12.5m, null, out var rate, out var amount).Succeeded);
        Assert.Equal((15.75m, 196.88m), (rate, amount));
        Assert.True(CompensationRules.Amount(Forest, 2016, 12.5m, 187.50m, out _, out amount).Succeeded);
        Assert.Equal(187.50m, amount);
    }

    [Fact]
    public void A_sender_s_amount_must_match_and_the_area_must_be_positive_in_hundredths_and_within_the_limit()
    {
        Assert.Contains("12.5亩×15.75元/亩=196.88元", CompensationRules.Amount(Forest, 2020, 12.5m, 200m, out _, out _).Error, StringComparison.Ordinal);
        Assert.Equal("areaMu", CompensationRules.Amount(Forest, 2020, 0m, null, out _, out _).Field);
        Assert.Equal("areaMu", CompensationRules.Amount(Forest, 2020, 1.234m, null, out _, out _).Field);
        Assert.Contains("不能超过每户3000亩", CompensationRules.Amount(Forest, 2020, 3000.01m, null, out _, out _).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_orchard_names_its_crop_and_afforestation_none_with_an_area_and_a_year_up_to_this_one()
    {
        Assert.True(EcologyProject.Check(ProjectKind.Orchard, OrchardCrop.Cherry, 500m, 2018, 2014, Rules.Today).Succeeded);
        Assert.True(EcologyProject.Check(ProjectKind.Afforestation, null, 175m, 2017, 2014, Rules.Today).Succeeded);
        Assert.Equal("crop", EcologyProject.Check(ProjectKind.Orchard, null, 500m, 2018, 2014, Rules.Today).Field);
        Assert.Equal("crop", EcologyProject.Check(ProjectKind.Afforestation, OrchardCrop.YellowPeach, 500m, 2018, 2014, Rules.Today).Field);
        Assert.Equal("areaMu", EcologyProject.Check(ProjectKind.Afforestation, null, 0m, 2018, 2014, Rules.Today).Field);
        Assert.Equal("year", EcologyProject.Check(ProjectKind.Afforestation, null, 10m, 2027, 2014, Rules.Today).Field);
    }

    [Fact]
    public void Project_income_is_for_a_year_from_the_project_s_own_and_a_positive_amount_in_fen()
    {
        var cherries = EcologyProject.Create("东城村樱桃基地", ProjectKind.Orchard, OrchardCrop.Cherry, "420325001", "420325001001", 800m, 2018, "东城樱桃合作社", "tests", Rules.Now);
        Assert.True(ProjectIncome.Check(cherries, 2020, 3200m, Rules.Today).Succeeded);
        Assert.Contains("项目实施年度2018年", ProjectIncome.Check(cherries, 2017, 3200m, Rules.Today).Error, StringComparison.Ordinal);
        Assert.Equal("amount", ProjectIncome.Check(cherries, 2020, -1m, Rules.Today).Field);
        Assert.Equal("amount", ProjectIncome.Check(cherries, 2020, 0.001m, Rules.Today).Field);
    }
}
