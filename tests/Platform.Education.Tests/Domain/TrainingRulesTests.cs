using Platform.Contracts.Households;
using Platform.Education.Domain;

namespace Platform.Education.Tests.Domain;

/// <summary>Skills training: only working-age members (16–60 in the year the course starts), each completion once.</summary>
public class TrainingRulesTests
{
    private static readonly TrainingCourse Course = new()
    {
        Id = Guid.NewGuid(), Name = "食用菌栽培技术培训班", Trade = "食用菌栽培", TownshipCode = "420325001",
        StartsOn = new DateOnly(2026, 10, 10), EndsOn = new DateOnly(2026, 10, 20), CreatedAt = Rules.Now, CreatedBy = "tests",
    };

    private static readonly FollowedHousehold Household = new() { Id = Guid.NewGuid(), HouseholdNumber = "T1", VillageCode = "420325001001", TownshipCode = "420325001" };

    private static HouseholdMember Member(DateOnly birth) => new()
    {
        Id = Guid.NewGuid(), HouseholdId = Household.Id, IdNumber = "420325199001010011", Name = "王大山", Sex = Sex.Male, BirthDate = birth,
    };

    [Theory]
    [InlineData(2010, 1, 1, true)] // turns 16 in 2026
    [InlineData(2010, 12, 31, true)] // turns 16 in 2026, after the course: the year counts, not the day
    [InlineData(2011, 1, 1, false)] // turns 15 in 2026
    [InlineData(1966, 12, 31, true)] // turns 60 in 2026
    [InlineData(1965, 1, 1, false)] // turns 61 in 2026
    public void Only_members_who_turn_16_to_60_in_the_year_of_the_course_may_enrol(int year, int month, int day, bool allowed)
    {
        var result = TrainingRules.CanEnrol(Course, Member(new DateOnly(year, month, day)));
        Assert.Equal(allowed, result.Succeeded);
        if (!allowed)
        {
            Assert.Contains("劳动年龄", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_member_who_left_the_household_may_not_enrol()
    {
        var member = Member(new DateOnly(1990, 1, 1));
        member.LeftAt = Rules.Now;
        Assert.Equal("memberId", TrainingRules.CanEnrol(Course, member).Field);
    }

    [Fact]
    public void A_completion_is_recorded_once_within_the_course_s_dates_and_not_in_the_future()
    {
        var enrolment = TrainingEnrolment.Enrol(Course, Member(new DateOnly(1990, 1, 1)), Household, "tests", Rules.Now);
        Assert.Equal("completedOn", TrainingRules.CanComplete(enrolment, Course, new DateOnly(2026, 10, 9), Rules.Today).Field);
        Assert.Equal("completedOn", TrainingRules.CanComplete(enrolment, Course, Rules.Today.AddDays(1), Rules.Today).Field);
        Assert.True(TrainingRules.CanComplete(enrolment, Course, new DateOnly(2026, 10, 20), Rules.Today).Succeeded);

        enrolment.Complete(new DateOnly(2026, 10, 20), "JY-001", Rules.Now);
        Assert.Contains("已结业", TrainingRules.CanComplete(enrolment, Course, new DateOnly(2026, 10, 20), Rules.Today).Error, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => enrolment.Complete(new DateOnly(2026, 10, 20), null, Rules.Now));
    }

    [Fact]
    public void A_course_ends_on_or_after_its_start() =>
        Assert.Equal("endsOn", TrainingRules.CourseDates(new DateOnly(2026, 10, 10), new DateOnly(2026, 10, 9)).Field);
}
