using Platform.Education.Domain;

namespace Platform.Education.Tests.Domain;

public class SchoolAgeTests
{
    [Theory]
    [InlineData(2026, 11, 29, 2026)]
    [InlineData(2026, 9, 1, 2026)]
    [InlineData(2026, 8, 31, 2025)]
    [InlineData(2027, 1, 10, 2026)]
    public void The_school_year_starts_on_1_September(int year, int month, int day, int startYear) =>
        Assert.Equal(new DateOnly(startYear, 9, 1), SchoolAge.SchoolYearStart(new DateOnly(year, month, day)));

    [Theory]
    [InlineData("2020-09-01", true)]   // 6 on 1 September: starts school this year
    [InlineData("2020-09-02", false)]  // 6 a day later: next year
    [InlineData("2010-09-02", true)]   // 15 at the start of the year
    [InlineData("2010-09-01", false)]  // 16 at the start of the year
    public void Compulsory_school_age_is_6_to_15_at_the_start_of_the_school_year(string birth, bool compulsory) =>
        Assert.Equal(compulsory, SchoolAge.IsCompulsory(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), Rules.Today));

    [Theory]
    [InlineData("2023-09-01", true)]   // 3: kindergarten
    [InlineData("2024-01-01", false)]  // 2: too young
    [InlineData("2004-09-02", true)]   // 22
    [InlineData("2003-09-01", false)]  // 23
    public void The_pillar_follows_ages_3_to_22(string birth, bool followed) =>
        Assert.Equal(followed, SchoolAge.IsFollowed(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), Rules.Today));

    [Theory]
    [InlineData(SchoolStage.Primary, 1, 6, true)]
    [InlineData(SchoolStage.Primary, 1, 5, true)]    // a year early
    [InlineData(SchoolStage.Primary, 1, 4, false)]
    [InlineData(SchoolStage.Primary, 1, 10, false)]  // four years late
    [InlineData(SchoolStage.Primary, 6, 12, true)]
    [InlineData(SchoolStage.Primary, 7, 12, false)]  // no grade 7 in primary
    [InlineData(SchoolStage.Junior, 2, 13, true)]
    [InlineData(SchoolStage.Junior, 1, 8, false)]
    [InlineData(SchoolStage.Senior, 3, 17, true)]
    [InlineData(SchoolStage.Undergraduate, 5, 22, true)]
    [InlineData(SchoolStage.Preschool, 0, 4, false)]
    public void A_grade_must_exist_and_fit_the_age(SchoolStage stage, int grade, int age, bool fits)
    {
        var birth = new DateOnly(2026 - age, 3, 15);
        Assert.Equal(fits, SchoolAge.CheckGrade(stage, grade, birth, Rules.Today) is null);
    }
}
