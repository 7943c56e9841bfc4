using System.Diagnostics;
using System.Security.Cryptography;
using Google.Protobuf;

namespace Platform.DemoCounty.Tests;

public sealed class DeterminismAndScaleTests
{
    [Fact]
    public void The_same_seed_gives_byte_identical_records()
    {
        var first = Digest(new DemoCountyGenerator(2020, 0.05));
        var second = Digest(new DemoCountyGenerator(2020, 0.05));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Enumerating_twice_gives_the_same_records()
    {
        var generator = new DemoCountyGenerator(7, 0.02);
        Assert.Equal(Digest(generator), Digest(generator));
    }

    [Fact]
    public void Another_seed_gives_other_households_in_the_same_villages()
    {
        Assert.NotEqual(Digest(new DemoCountyGenerator(2020, 0.05)), Digest(new DemoCountyGenerator(2021, 0.05)));
        var a = new DemoCountyGenerator(2020, 0.05).Households().ToList();
        var b = new DemoCountyGenerator(2021, 0.05).Households().ToList();
        Assert.Equal(a.Count, b.Count);
        Assert.Equal(a.Sum(h => h.Members.Count), b.Sum(h => h.Members.Count));
        Assert.NotEqual(a.Select(h => h.Head.Name), b.Select(h => h.Head.Name));
    }

    [Fact]
    public void Scale_one_hundredth_is_proportional_and_keeps_the_county()
    {
        var generator = new DemoCountyGenerator(DemoCountyGenerator.DefaultSeed, 0.01);
        var households = generator.Households().ToList();
        Assert.Equal(482, households.Count);
        Assert.Equal(1413, households.Sum(h => h.Members.Count));
        Assert.Equal(482, generator.HouseholdCount);
        Assert.Equal(1413, generator.PeopleCount);

        var county = DemoCountyGenerator.County();
        Assert.Equal(20, county.Townships.Count);
        Assert.Equal(69, county.PoorVillageCount);
        var villages = households.Select(h => h.VillageCode).ToHashSet();
        Assert.All(county.Villages.Where(v => v.IsPoorVillage), v => Assert.Contains(v.Code, villages));
        Assert.All(county.Townships, t => Assert.Contains(households, h => h.TownshipCode == t.Code));
    }

    [Theory]
    [InlineData(0.5, 24_091, 70_641)]
    [InlineData(0.001, 48, 141)]
    [InlineData(0.00001, 1, 1)]
    public void Other_scales_are_proportional(double scale, int households, int people)
    {
        var generated = new DemoCountyGenerator(1, scale).Households().ToList();
        Assert.Equal(households, generated.Count);
        Assert.Equal(people, generated.Sum(h => h.Members.Count));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Scale_must_be_in_zero_to_one(double scale) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoCountyGenerator(1, scale));

    [Fact]
    public void The_full_county_generates_fast()
    {
        var clock = Stopwatch.StartNew();
        var people = 0;
        foreach (var record in new DemoCountyGenerator().Records())
        {
            people += record.Members.Count;
        }

        clock.Stop();
        Assert.Equal(141_281, people);

        // Well under 2 s in Release on one core; generous here for shared, Debug test machines.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed}");
    }

    private static string Digest(DemoCountyGenerator generator)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var record in generator.Records())
        {
            hash.AppendData(record.ToByteArray());
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
