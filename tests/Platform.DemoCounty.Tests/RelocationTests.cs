using System.Globalization;
using Platform.DemoCounty.Cli;

namespace Platform.DemoCounty.Tests;

/// <summary>The demo county's relocation, housing and water data: the seed's figures exactly, records the pillar's rules accept.</summary>
public sealed class RelocationTests(FullCountyFixture county) : IClassFixture<FullCountyFixture>
{
    [Fact]
    public void The_seed_county_relocated_23159_households_66897_people_into_682_sites_of_their_own_villages()
    {
        var demo = new DemoRelocation(county.Generator);
        var people = county.Households.ToDictionary(h => h.Head.IdNumber, h => (h.Members.Count, h.VillageCode), StringComparer.Ordinal);
        var sites = demo.SiteRecords().ToDictionary(s => s.Code, StringComparer.Ordinal);
        var cases = demo.Cases().ToList();
        var intoSites = cases.Where(c => c.Mode != "scattered").ToList();

        Assert.Equal(682, sites.Count);
        Assert.Equal(23_159, intoSites.Count);
        Assert.Equal(66_897, intoSites.Sum(c => people[c.Member.IdNumber].Count));
        Assert.Equal(DemoRelocation.SeedScattered, cases.Count - intoSites.Count);
        Assert.All(intoSites, c => Assert.Equal(people[c.Member.IdNumber].VillageCode, sites[c.SiteCode].VillageCode));
        Assert.All(intoSites, c => Assert.Equal(sites[c.SiteCode].Mode, c.Mode));
        Assert.All(sites.Values, s => Assert.True(intoSites.Count(c => c.SiteCode == s.Code) <= s.CapacityHouseholds));
        Assert.All(sites.Values, s => Assert.Equal(7, s.Facilities.Count));
    }

    [Fact]
    public void The_46844_households_made_safe_are_relocation_9400_non_differentiated_renovations_and_14285_earlier_renovations_and_scattered_resettlement()
    {
        var demo = new DemoRelocation(county.Generator);
        var renovations = demo.Renovations().ToList();
        var nonDifferentiated = renovations.Count(r => r.Programme == "non-differentiated");
        var earlier = renovations.Count(r => r.Programme == "dilapidated-house");
        var scattered = demo.Cases().Count(c => c.Mode == "scattered");

        Assert.Equal(9_400, nonDifferentiated);
        Assert.Equal(14_285, earlier + scattered);
        Assert.Equal(46_844, 23_159 + nonDifferentiated + earlier + scattered);
        // Each house once: no owner renovated twice, no relocated household renovated.
        var relocated = demo.Cases().Select(c => c.Member.IdNumber).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(renovations.Count, renovations.Select(r => r.Owner.IdNumber).Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(renovations, r => relocated.Contains(r.Owner.IdNumber));
        // Poor and non-poor alike: some owners are not registered, and no registered member has their number.
        var registered = county.Members.Select(m => m.IdNumber).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(9_400 - DemoRelocation.SeedNonDifferentiatedRegistered, renovations.Count(r => !registered.Contains(r.Owner.IdNumber)));
    }

    [Fact]
    public void Every_registered_household_has_a_safe_house_record_and_safe_water_and_36604_have_a_sanitary_toilet()
    {
        var demo = new DemoRelocation(county.Generator);
        var heads = county.Households.Select(h => h.Head.IdNumber).ToHashSet(StringComparer.Ordinal);
        var relocated = demo.Cases().Select(c => c.Member.IdNumber).ToHashSet(StringComparer.Ordinal);
        var accepted = demo.Renovations().Where(r => r.AcceptedOn.Length > 0).Select(r => r.Owner.IdNumber).ToHashSet(StringComparer.Ordinal);
        var safeAppraisal = demo.Appraisals().Where(a => a.Grade is "a" or "b").Select(a => a.Owner.IdNumber).ToHashSet(StringComparer.Ordinal);
        Assert.All(heads, head => Assert.True(relocated.Contains(head) || accepted.Contains(head) || safeAppraisal.Contains(head)));

        var centralised = demo.CentralisedWater().ToList();
        var scattered = demo.ScatteredWater().ToList();
        Assert.Equal((228, 870), (centralised.Count, scattered.Count));
        var piped = centralised.SelectMany(p => p.ServedVillageCodes).ToHashSet(StringComparer.Ordinal);
        var served = scattered.SelectMany(p => p.ServedHouseholds).Select(p => p.IdNumber).ToHashSet(StringComparer.Ordinal);
        Assert.All(county.Households, h => Assert.True(piped.Contains(h.VillageCode) || served.Contains(h.Head.IdNumber)));
        Assert.All(centralised.Concat(scattered), p => Assert.True(p.LitresPerPersonPerDay >= 35 && p.RoundTripMinutes <= 20 && p.GuaranteeRatePercent >= 95));

        Assert.Equal(36_604, demo.ToiletRecords().Count());
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.01)]
    public void Case_records_keep_the_steps_in_order_and_at_most_25_square_metres_a_person(double scale)
    {
        var generator = scale == 1.0 ? county.Generator : new DemoCountyGenerator(scale: scale);
        var sizes = generator.Households().ToDictionary(h => h.Head.IdNumber, h => h.Members.Count, StringComparer.Ordinal);
        foreach (var record in new DemoRelocation(generator).Cases())
        {
            var dates = new[] { record.PlannedOn, record.AllocatedOn, record.MovedInOn, record.DemolishedOn }.Where(d => d.Length > 0)
                .Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(dates.Order(), dates);
            Assert.True(dates[^1] < new DateOnly(2021, 1, 1));
            Assert.InRange(record.FloorArea, 1, 25 * sizes[record.Member.IdNumber]);
        }
    }

    [Fact]
    public void The_load_includes_relocation_unless_told_to_skip_it()
    {
        Assert.False(CliArguments.Parse(["load"]).SkipRelocation);
        Assert.True(CliArguments.Parse(["load", "--skip-relocation"]).SkipRelocation);
        Assert.Throws<CliUsageException>(() => CliArguments.Parse(["load", "--skip-relocation=yes"]));
    }
}
