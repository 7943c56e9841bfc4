namespace Platform.DemoCounty.Tests;

/// <summary>The demo county's ecology data: the seed's figures exactly (8,625 rangers, 4,375 mu afforested, 52,000 mu of orchards).</summary>
public sealed class EcologyTests(FullCountyFixture county) : IClassFixture<FullCountyFixture>
{
    [Fact]
    public void There_are_8625_rangers_one_per_household_each_able_and_from_a_registered_poor_household()
    {
        var ecology = new DemoEcology(county.Generator);

        Assert.Equal(DemoEcology.SeedRangers, ecology.Rangers.Count);
        Assert.Equal(ecology.Rangers.Count, ecology.Rangers.Select(r => r.Household.HouseholdNumber).Distinct().Count());
        Assert.All(ecology.Rangers, r =>
        {
            Assert.Contains(r.Ranger, r.Household.Members);
            Assert.False(r.Household.UnderMonitoring);
            Assert.InRange(DemoEcology.Year - r.Ranger.BirthDate.Year, 18, 60);
            Assert.Contains(r.Ranger.LabourAbility, new[] { Vocabulary.LabourNormal, Vocabulary.LabourWeak });
            Assert.NotEqual(Vocabulary.Serious, r.Ranger.Health);
        });
        Assert.Equal(DemoEcology.SeedRangers, ecology.Quotas().Values.Sum());
        Assert.Equal(20, ecology.Quotas().Count);
        Assert.Equal(DemoEcology.SeedRangers, ecology.Pay().Count());
    }

    [Theory]
    [InlineData(0.01, 86)]
    [InlineData(0.1, 863)]
    public void A_smaller_county_has_its_share_of_rangers(double scale, int rangers)
    {
        var ecology = new DemoEcology(new DemoCountyGenerator(scale: scale));
        Assert.Equal(rangers, ecology.Rangers.Count);
        Assert.Equal(rangers, ecology.Quotas().Values.Sum());
    }

    [Fact]
    public void Projects_afforest_4375_mu_and_plant_52000_mu_of_cherry_and_yellow_peach_orchards_in_poor_villages()
    {
        var projects = DemoEcology.Projects();
        Assert.Equal(DemoEcology.AfforestedMu, projects.Where(p => p.Kind == "afforestation").Sum(p => p.AreaMu));
        Assert.Equal(DemoEcology.OrchardMu, projects.Where(p => p.Kind == "orchard").Sum(p => p.AreaMu));
        Assert.Equal(["cherry", "yellow-peach"], projects.Where(p => p.Kind == "orchard").Select(p => p.Crop!).Distinct().Order().ToArray());
        Assert.Equal(projects.Count, projects.Select(p => (p.VillageCode, p.Name)).Distinct().Count());
        var poor = DemoCountyGenerator.County().Villages.Where(v => v.IsPoorVillage).Select(v => v.Code).ToHashSet();
        Assert.All(projects, p => Assert.Contains(p.VillageCode, poor));
        Assert.All(projects, p => Assert.InRange(p.Year, 2016, 2020));
    }

    [Fact]
    public void Compensation_and_project_incomes_are_paid_once_per_household_kind_and_project_to_a_member_of_the_household()
    {
        var ecology = new DemoEcology(county.Generator);
        var compensation = ecology.Compensation().ToList();
        Assert.InRange(compensation.Count, county.Households.Count * 35 / 100, county.Households.Count * 45 / 100);
        Assert.Equal(compensation.Count, compensation.Select(c => c.ClientRef).Distinct().Count());
        Assert.All(compensation, c => Assert.True(decimal.Parse(c.AreaMu, System.Globalization.CultureInfo.InvariantCulture) > 0));

        var incomes = ecology.ProjectIncomes().ToList();
        Assert.Equal(incomes.Count, incomes.Select(i => (i.Project.Name, i.Project.VillageCode, i.Income.IdNumber, i.Income.Kind)).Distinct().Count());
        var heads = county.Households.ToDictionary(h => h.Head.IdNumber, h => h.VillageCode);
        Assert.All(incomes, i => Assert.Equal(i.Project.VillageCode, heads[i.Income.IdNumber]));
    }

    [Fact]
    public void The_same_seed_gives_the_same_data()
    {
        var first = new DemoEcology(new DemoCountyGenerator(scale: 0.05));
        var second = new DemoEcology(new DemoCountyGenerator(scale: 0.05));
        Assert.Equal(first.Selections().Select(s => s.IdNumber), second.Selections().Select(s => s.IdNumber));
        Assert.Equal(first.Compensation().Select(c => c.AreaMu), second.Compensation().Select(c => c.AreaMu));
    }
}
