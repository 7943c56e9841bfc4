using Platform.Industry.Domain;

namespace Platform.Industry.Tests.Domain;

/// <summary>Job matching for relocated households and trained members.</summary>
public class MatchingRulesTests
{
    [Theory]
    [InlineData(16, "normal", true)]
    [InlineData(60, "weak", true)]
    [InlineData(15, "normal", false)]
    [InlineData(61, "normal", false)]
    [InlineData(40, "none", false)]
    [InlineData(40, "not-working-age", false)]
    public void Job_matching_looks_for_members_turning_16_to_60_this_year_who_can_work(int age, string labour, bool working)
    {
        // The first and the last day of the year of birth: counted in years, never to the day.
        foreach (var born in new[] { new DateOnly(Rules.Today.Year - age, 1, 1), new DateOnly(Rules.Today.Year - age, 12, 31) })
        {
            Assert.Equal(working, MatchingRules.IsWorkingMember(true, born, labour, Rules.Today));
            Assert.False(MatchingRules.IsWorkingMember(false, born, labour, Rules.Today));
        }
    }

    /// <summary>"a job-matching task for the workshops at or near that site".</summary>
    [Fact]
    public void Workshops_at_the_site_come_first_then_its_village_then_its_township_and_none_elsewhere()
    {
        var site = Guid.NewGuid();
        Assert.Equal(0, MatchingRules.Nearness(Rules.Workshop("420325001009", site), site, "420325001003"));
        Assert.Equal(1, MatchingRules.Nearness(Rules.Workshop("420325001003"), site, "420325001003"));
        Assert.Equal(2, MatchingRules.Nearness(Rules.Workshop("420325001004"), site, "420325001003"));
        Assert.Null(MatchingRules.Nearness(Rules.Workshop("420325002004"), site, "420325001003"));
        var cooperative = MarketEntity.Create(
            new EntitySubmission("C", EntityKind.Cooperative, "合作社", "420325001003", "tea", null, null, null, null, null), "tests", Rules.Now);
        Assert.Null(MatchingRules.Nearness(cooperative, site, "420325001003"));
    }
}
