namespace Platform.DemoCounty.Tests;

public sealed class CountyTests
{
    private static readonly string[] FangxianTownships =
    [
        "城关镇", "军店镇", "化龙堰镇", "土城镇", "大木厂镇", "青峰镇", "门古寺镇", "白鹤镇", "窑淮镇", "尹吉甫镇",
        "野人谷镇", "红塔镇", "姚坪乡", "沙河乡", "中坝乡", "九道乡", "上龛乡", "万峪河乡", "五台乡", "榔口乡",
    ];

    private readonly County county = DemoCountyGenerator.County();

    [Fact]
    public void Has_the_twenty_townships_of_Fangxian_with_their_codes()
    {
        Assert.Equal("420325", county.Code);
        Assert.Equal("房县", county.Name);
        Assert.Equal(FangxianTownships, county.Townships.Select(t => t.Name));
        Assert.Equal(
            Enumerable.Range(1, 20).Select(i => $"420325{i:000}"),
            county.Townships.Select(t => t.Code));
    }

    [Fact]
    public void Has_about_three_hundred_villages_with_twelve_digit_codes_under_their_township()
    {
        var villages = county.Villages.ToList();
        Assert.InRange(villages.Count, 280, 320);
        foreach (var township in county.Townships)
        {
            Assert.InRange(township.Villages.Count, 10, 20);
            foreach (var village in township.Villages)
            {
                Assert.Equal(12, village.Code.Length);
                Assert.True(village.Code.All(char.IsAsciiDigit));
                Assert.StartsWith(township.Code, village.Code, StringComparison.Ordinal);
                Assert.Equal(township.Code, village.TownshipCode);
                Assert.EndsWith("村", village.Name, StringComparison.Ordinal);
                Assert.InRange(village.Name.Length, 3, 5);
            }
        }

        Assert.Equal(villages.Count, villages.Select(v => v.Code).Distinct().Count());
        Assert.Equal(villages.Count, villages.Select(v => v.Name).Distinct().Count());
    }

    [Fact]
    public void Has_exactly_69_poor_villages_and_a_rural_population_of_about_400000()
    {
        Assert.Equal(69, county.PoorVillageCount);
        Assert.Equal(69, county.Villages.Count(v => v.IsPoorVillage));
        Assert.InRange(county.RuralPopulation, 380_000, 420_000);
        Assert.All(county.Villages, v => Assert.True(v.RuralPopulation > 0));
    }

    [Fact]
    public void Is_the_same_object_for_every_caller()
    {
        Assert.Same(county, DemoCountyGenerator.County());
        Assert.NotNull(county.FindVillage(county.Villages.First().Code));
        Assert.Null(county.FindVillage("420325999999"));
    }
}
