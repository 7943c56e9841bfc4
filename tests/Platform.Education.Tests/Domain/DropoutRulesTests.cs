using Platform.Contracts.Households;
using Platform.Education.Domain;

namespace Platform.Education.Tests.Domain;

public class DropoutRulesTests
{
    [Theory]
    [InlineData(12, EnrolmentStatus.NotEnrolled, true)]
    [InlineData(12, EnrolmentStatus.DroppedOut, true)]
    [InlineData(6, EnrolmentStatus.NotEnrolled, true)]
    [InlineData(15, EnrolmentStatus.DroppedOut, true)]
    [InlineData(12, EnrolmentStatus.Enrolled, false)]
    [InlineData(12, EnrolmentStatus.Unknown, false)]   // no roll yet: on the check list, not a case
    [InlineData(5, EnrolmentStatus.NotEnrolled, false)]  // pre-school
    [InlineData(16, EnrolmentStatus.DroppedOut, false)]  // past compulsory age
    public void Who_must_be_followed_by_a_dropout_case(int age, EnrolmentStatus enrolment, bool required) =>
        Assert.Equal(required, Rules.Child(age, enrolment).RequiresDropoutCase(Rules.Today));

    [Fact]
    public void A_child_who_left_the_household_needs_no_case()
    {
        var child = Rules.Child(12, EnrolmentStatus.DroppedOut);
        child.Leave(MemberRemovalReason.MovedOut, Rules.Now);
        Assert.False(child.RequiresDropoutCase(Rules.Today));
        Assert.False(DropoutCase.CanOpen(child, DropoutTrigger.DroppedOut, Rules.Today).Succeeded);
    }

    [Fact]
    public void A_case_is_only_for_compulsory_school_age_and_not_enrolled_means_not_on_the_roll()
    {
        Assert.Equal("studentId", DropoutCase.CanOpen(Rules.Child(17), DropoutTrigger.DroppedOut, Rules.Today).Field);
        Assert.Equal("trigger", DropoutCase.CanOpen(Rules.Child(10, EnrolmentStatus.Enrolled), DropoutTrigger.NotEnrolled, Rules.Today).Field);
        // A school may report a child on its roll as no longer attending.
        Assert.True(DropoutCase.CanOpen(Rules.Child(10, EnrolmentStatus.Enrolled), DropoutTrigger.DroppedOut, Rules.Today).Succeeded);
        Assert.True(DropoutCase.CanOpen(Rules.Child(10), DropoutTrigger.NotEnrolled, Rules.Today).Succeeded);
    }

    [Fact]
    public void Returned_to_school_needs_the_roll_to_show_the_child_enrolled_after_the_case_opened()
    {
        var child = Rules.Child(12, EnrolmentStatus.DroppedOut);
        var dropout = Rules.OpenCase(child);
        Assert.Equal("outcome", DropoutCase.CanClose(dropout, child, DropoutOutcome.ReturnedToSchool, null, Rules.Today).Field);

        child.ApplyRoll(new SchoolRoll(EnrolmentStatus.Enrolled, "1042032501", "城关中学", SchoolStage.Junior, 1), Rules.Now);
        Assert.True(DropoutCase.CanClose(dropout, child, DropoutOutcome.ReturnedToSchool, null, Rules.Today).Succeeded);
    }

    [Fact]
    public void A_roll_from_before_the_case_does_not_prove_a_return()
    {
        var child = Rules.Child(12, EnrolmentStatus.Enrolled); // roll reported 10 days ago, case opened 5 days ago
        var dropout = Rules.OpenCase(child);
        Assert.False(DropoutCase.CanClose(dropout, child, DropoutOutcome.ReturnedToSchool, null, Rules.Today).Succeeded);
    }

    [Fact]
    public void Home_teaching_is_for_a_disabled_or_seriously_ill_child_with_a_named_teacher()
    {
        var healthy = Rules.Child(10, EnrolmentStatus.NotEnrolled);
        Assert.Equal("outcome", DropoutCase.CanClose(Rules.OpenCase(healthy), healthy, DropoutOutcome.HomeTeaching, "赵老师", Rules.Today).Field);

        var disabled = Rules.Child(10, EnrolmentStatus.NotEnrolled, health: "disabled", disability: 1);
        var dropout = Rules.OpenCase(disabled);
        Assert.Equal("homeTeacher", DropoutCase.CanClose(dropout, disabled, DropoutOutcome.HomeTeaching, null, Rules.Today).Field);
        Assert.True(DropoutCase.CanClose(dropout, disabled, DropoutOutcome.HomeTeaching, "赵老师", Rules.Today).Succeeded);

        var ill = Rules.Child(10, EnrolmentStatus.NotEnrolled, health: "serious");
        Assert.True(DropoutCase.CanClose(Rules.OpenCase(ill), ill, DropoutOutcome.HomeTeaching, "赵老师", Rules.Today).Succeeded);
    }

    [Fact]
    public void Over_age_needs_the_child_to_be_16_at_the_start_of_the_school_year()
    {
        var fifteen = Rules.Child(15, EnrolmentStatus.DroppedOut); // born 15 March 2011: 15 on 1 September 2026
        Assert.False(DropoutCase.CanClose(Rules.OpenCase(fifteen), fifteen, DropoutOutcome.OverAge, null, Rules.Today).Succeeded);
        // 16 on 15 March 2027, but still of compulsory age for this school year: a day-by-day check would tell the birthday.
        Assert.False(DropoutCase.CanClose(Rules.OpenCase(fifteen), fifteen, DropoutOutcome.OverAge, null, new DateOnly(2027, 3, 15)).Succeeded);
        Assert.False(DropoutCase.CanClose(Rules.OpenCase(fifteen), fifteen, DropoutOutcome.OverAge, null, new DateOnly(2027, 8, 31)).Succeeded);
        Assert.True(DropoutCase.CanClose(Rules.OpenCase(fifteen), fifteen, DropoutOutcome.OverAge, null, new DateOnly(2027, 9, 1)).Succeeded);
    }

    [Fact]
    public void A_closed_case_takes_no_visits_and_does_not_close_again()
    {
        var child = Rules.Child(12, EnrolmentStatus.DroppedOut);
        var dropout = Rules.OpenCase(child);
        Assert.True(dropout.RecordVisit(Rules.Visit(dropout, Rules.Today), Rules.Today).Succeeded);
        child.ApplyRoll(new SchoolRoll(EnrolmentStatus.Enrolled, null, "城关中学", SchoolStage.Junior, 1), Rules.Now);
        dropout.Close(DropoutOutcome.ReturnedToSchool, null, null, "tests", Rules.Now);

        Assert.Equal("caseId", dropout.RecordVisit(Rules.Visit(dropout, Rules.Today), Rules.Today).Field);
        Assert.Equal("caseId", DropoutCase.CanClose(dropout, child, DropoutOutcome.ReturnedToSchool, null, Rules.Today).Field);
        Assert.Single(dropout.Visits);
    }

    [Fact]
    public void A_visit_cannot_be_in_the_future_or_before_the_case()
    {
        var dropout = Rules.OpenCase(Rules.Child(12, EnrolmentStatus.DroppedOut));
        Assert.Equal("visitedOn", dropout.RecordVisit(Rules.Visit(dropout, Rules.Today.AddDays(1)), Rules.Today).Field);
        Assert.Equal("visitedOn", dropout.RecordVisit(Rules.Visit(dropout, Rules.Today.AddDays(-30)), Rules.Today).Field);
        Assert.Empty(dropout.Visits);
    }

    [Fact]
    public void The_guarantee_changes_with_the_first_open_case_and_the_last_closed_one()
    {
        var guarantee = new EducationGuarantee { HouseholdId = Guid.NewGuid() };
        var first = Rules.OpenCase(Rules.Child(8, EnrolmentStatus.DroppedOut));
        var second = Rules.OpenCase(Rules.Child(12, EnrolmentStatus.DroppedOut));

        Assert.True(guarantee.CaseOpened(first, "王小明", Rules.Now));
        Assert.False(guarantee.Met);
        Assert.Contains("辍学", guarantee.Reason, StringComparison.Ordinal);
        Assert.False(guarantee.CaseOpened(second, "王小红", Rules.Now));

        first.Close(DropoutOutcome.OverAge, null, null, "tests", Rules.Now);
        Assert.False(guarantee.CaseClosed(first, Rules.Now));
        Assert.False(guarantee.Met);

        second.Close(DropoutOutcome.ReturnedToSchool, null, null, "tests", Rules.Now);
        Assert.True(guarantee.CaseClosed(second, Rules.Now));
        Assert.True(guarantee.Met);
        Assert.Equal(second.Id, guarantee.SourceCaseId);
        Assert.Contains("复学", guarantee.Reason, StringComparison.Ordinal);
    }
}
