namespace Platform.DemoCounty.Tests;

/// <summary>The demo county's education data: the seed's figures exactly, and records the pillar's rules accept.</summary>
public sealed class EducationTests(FullCountyFixture county) : IClassFixture<FullCountyFixture>
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.01)]
    public void Training_completions_total_exactly_9701_person_times_by_working_age_members_never_twice_on_a_course(double scale)
    {
        var generator = scale == 1.0 ? county.Generator : new DemoCountyGenerator(scale: scale);
        var completions = new DemoEducation(generator, Today).Completions().ToList();

        Assert.Equal(DemoEducation.TrainingPersonTimes, completions.Count);
        Assert.Equal(completions.Count, completions.Select(c => (c.Course.Name, c.Course.TownshipCode, c.Member.IdNumber)).Distinct().Count());
        Assert.All(completions, c =>
        {
            var age = c.Course.StartsOn.Year - c.Member.BirthDate.Year - (c.Member.BirthDate.AddYears(c.Course.StartsOn.Year - c.Member.BirthDate.Year) > c.Course.StartsOn ? 1 : 0);
            Assert.InRange(age, 16, 60);
            Assert.True(c.Course.EndsOn <= Today && c.Course.EndsOn >= c.Course.StartsOn);
        });
    }

    [Fact]
    public void Courses_are_unique_per_township_and_name()
    {
        var courses = new DemoEducation(county.Generator, Today).Courses();
        Assert.Equal(courses.Count, courses.Select(c => (c.TownshipCode, c.Name)).Distinct().Count());
        Assert.Equal(20, courses.Select(c => c.TownshipCode).Distinct().Count());
    }

    [Fact]
    public void There_are_42_village_kindergartens_and_12_care_centres_each_serving_its_own_village()
    {
        var facilities = new DemoEducation(county.Generator, Today).Facilities().ToList();
        Assert.Equal(42, facilities.Count(f => f.Kind == "kindergarten"));
        Assert.Equal(12, facilities.Count(f => f.Kind == "care-centre"));
        Assert.All(facilities, f => Assert.Contains(f.VillageCode, f.Served));
        Assert.Equal(facilities.Count, facilities.Select(f => (f.Kind, f.VillageCode, f.Name)).Distinct().Count());
    }

    [Fact]
    public void School_rolls_cover_every_student_with_a_handful_of_dropouts_and_no_compulsory_age_child_simply_not_enrolled()
    {
        var education = new DemoEducation(county.Generator, Today);
        var students = education.Students().ToList();
        var rolls = education.SchoolRolls().ToList();

        Assert.Equal(students.Count, rolls.Count);
        Assert.InRange(rolls.Count(r => r.Status == "dropped-out"), 1, 30);
        Assert.All(rolls.Where(r => r.Status == "dropped-out"), r => Assert.False(string.IsNullOrEmpty(r.AdministrativeOfficer?.Name) || string.IsNullOrEmpty(r.EducationOfficer?.Name)));
        var ages = students.ToDictionary(s => s.Member.IdNumber, s => s.Age);
        Assert.All(rolls.Where(r => r.Status == "not-enrolled"), r => Assert.True(ages[r.IdNumber] > 15));
        Assert.All(rolls.Where(r => r.Status == "enrolled"), r => Assert.False(string.IsNullOrEmpty(r.SchoolName) || string.IsNullOrEmpty(r.Stage) || r.Grade < 1));
        Assert.All(rolls.Where(r => r.Boarding), r => Assert.Contains(r.Stage, new[] { "primary", "junior" }));
    }

    [Fact]
    public void Every_enrolled_student_gets_each_aid_of_their_stage_once()
    {
        var education = new DemoEducation(county.Generator, Today);
        var grants = education.AidGrants().ToList();
        Assert.Equal(grants.Count, grants.Select(g => (g.IdNumber, g.Policy)).Distinct().Count());
        Assert.Contains(grants, g => g.Policy == "living-subsidy");
        Assert.Contains(grants, g => g.Policy == "rain-dew");
        Assert.All(grants, g => Assert.True(string.IsNullOrEmpty(g.Term) && string.IsNullOrEmpty(g.Amount)));
    }
}
