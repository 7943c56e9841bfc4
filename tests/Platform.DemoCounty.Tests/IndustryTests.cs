using System.Globalization;

namespace Platform.DemoCounty.Tests;

/// <summary>The demo county's industry data: the seed's figures exactly, and records the pillar's rules accept.</summary>
public sealed class IndustryTests(FullCountyFixture county) : IClassFixture<FullCountyFixture>
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    [Fact]
    public void Bases_hold_1_35_million_mu_and_1_87_million_head_and_there_are_3493_new_market_entities_and_607_workshops_under_eight_models()
    {
        var industry = new DemoIndustry(county.Generator);
        var bases = industry.Bases();
        Assert.Equal(1_350_000m, bases.Where(b => b.AreaMu.Length > 0).Sum(b => decimal.Parse(b.AreaMu, C)));
        Assert.Equal(1_870_000L, bases.Sum(b => b.Head));
        Assert.All(bases, b => Assert.True(b.AreaMu.Length > 0 ^ b.Head > 0));
        Assert.Equal(bases.Count, bases.Select(b => b.Code).Distinct().Count());
        Assert.Equal(new[] { "beef-cattle", "goats", "pigs" }, bases.Where(b => b.Head > 0).Select(b => b.Industry).Distinct().Order());

        var entities = industry.Entities();
        Assert.Equal(3_493, entities.Count(e => e.Kind != "workshop"));
        Assert.Equal(607, entities.Count(e => e.Kind == "workshop"));
        Assert.Equal(entities.Count, entities.Select(e => e.Code).Distinct().Count());
        Assert.All(entities.Where(e => e.Kind == "workshop"), w => Assert.Contains(w.WorkshopSite, new[] { "central-village", "resettlement-site" }));
        Assert.Equal(8, entities.Select(e => e.Model).Distinct().Count());
    }

    [Theory]
    [InlineData(1.0, 38_000, 46_254, 5_316, 56_000)]
    [InlineData(0.01, 380, 463, 53, 560)]
    public void Households_lifted_covered_employed_and_transferred_are_the_seed_s_figures_scaled(double scale, int lifted, int covered, int workers, int transferred)
    {
        var generator = scale == 1.0 ? county.Generator : new DemoCountyGenerator(scale: scale);
        var households = (scale == 1.0 ? county.Households : generator.Households().ToList()).ToDictionary(h => h.Head.IdNumber);
        var byMember = households.Values.SelectMany(h => h.Members.Select(m => (m.IdNumber, Household: h))).ToDictionary(x => x.IdNumber, x => x.Household);
        var industry = new DemoIndustry(generator);

        // Lifted: exited households whose link paid in 2020; covered: a link or a project.
        var paid = industry.Payments().Select(p => byMember[p.IdNumber]).ToList();
        Assert.Equal(lifted, paid.Select(h => h.Index).Distinct().Count());
        Assert.All(paid, h => Assert.True(h.ExitYear <= 2020, "a lifted household exited by 2020"));
        var coveredHouseholds = industry.Links().Select(l => byMember[l.IdNumber].Index).Concat(industry.Projects().Select(p => byMember[p.IdNumber].Index)).Distinct().Count();
        Assert.Equal(covered, coveredHouseholds);
        Assert.Equal(Math.Round(0.96 * generator.HouseholdCount, 0, MidpointRounding.AwayFromZero), coveredHouseholds);
        Assert.All(industry.ConsumptionSales().SelectMany(s => s.Shares), s => Assert.Contains(s.Household.Index, paid.Select(h => h.Index)));

        var jobs = industry.Employment();
        Assert.Equal(workers, jobs.Count(j => j.Kind == "workshop"));
        Assert.Equal(transferred, jobs.Count(j => j.Kind == "transferred-out"));
        Assert.Equal(jobs.Count, jobs.Select(j => j.IdNumber).Distinct().Count());
    }

    [Fact]
    public void Every_record_keeps_the_pillar_s_rules()
    {
        var industry = new DemoIndustry(county.Generator);
        var members = county.Members.ToDictionary(m => m.IdNumber);
        foreach (var job in industry.Employment())
        {
            var started = DateOnly.ParseExact(job.StartedOn, "yyyy-MM-dd", C);
            Assert.InRange(job.Months, 1, 13 - started.Month);
            Assert.True(AgeOn(members[job.IdNumber].BirthDate, started) >= 16);
            Assert.True(job.MonthlyWageFen > 0);
        }

        foreach (var link in industry.Links().Where(l => l.Kind == "wage"))
        {
            Assert.True(AgeOn(members[link.IdNumber].BirthDate, DateOnly.ParseExact(link.StartedOn, "yyyy-MM-dd", C)) >= 16);
        }

        Assert.Equal(industry.Payments().Count, industry.Payments().Select(p => p.Reference).Distinct().Count());
        Assert.All(industry.Payments(), p => Assert.True(p.AmountFen > 0));
        var linkStarts = industry.Links().ToDictionary(l => (l.EntityCode, l.IdNumber, l.Kind), l => l.StartedOn);
        Assert.All(industry.Payments(), p => Assert.True(string.CompareOrdinal(p.PaidOn, linkStarts[(p.EntityCode, p.IdNumber, p.LinkKind)]) >= 0));
        Assert.Equal(industry.Projects().Count, industry.Projects().Select(p => (p.IdNumber, p.Policy, p.Year)).Distinct().Count());
        Assert.All(industry.Projects(), p => Assert.True(p.Policy == "livestock" ? decimal.Parse(p.Scale, C) >= 5 : decimal.Parse(p.Scale, C) >= 1));
    }

    [Fact]
    public void The_same_seed_gives_the_same_records()
    {
        var first = new DemoIndustry(new DemoCountyGenerator(scale: 0.02));
        var second = new DemoIndustry(new DemoCountyGenerator(scale: 0.02));
        Assert.Equal(first.Links().Select(l => l.ToString()), second.Links().Select(l => l.ToString()));
        Assert.Equal(first.Employment().Select(l => l.ToString()), second.Employment().Select(l => l.ToString()));
        Assert.Equal(first.Bases().Select(l => l.ToString()), second.Bases().Select(l => l.ToString()));
    }

    private static int AgeOn(DateOnly birth, DateOnly day) => day.Year - birth.Year - (birth.AddYears(day.Year - birth.Year) > day ? 1 : 0);
}
