using Platform.Education.Domain;

namespace Platform.Education.Tests.Domain;

/// <summary>Student aid: who is entitled, which term is open, how much — and never twice (see AidTests for the database's part).</summary>
public class AidRulesTests
{
    private static readonly AidStandard LivingSubsidy = new(
        AidPolicy.LivingSubsidy, "两免一补生活补助", new Dictionary<SchoolStage, decimal> { [SchoolStage.Primary] = 500m, [SchoolStage.Junior] = 625m }, BoardersOnly: true, CountsTowardExit: false);

    private static readonly AidStandard RainDew = new(
        AidPolicy.RainDew, "雨露计划", new Dictionary<SchoolStage, decimal> { [SchoolStage.Vocational] = 1500m, [SchoolStage.HigherVocational] = 1500m }, BoardersOnly: false, CountsTowardExit: false);

    private static Student Pupil(SchoolStage stage, int grade, int age, bool boarding)
    {
        var student = Rules.Child(age);
        student.ApplyRoll(new SchoolRoll(EnrolmentStatus.Enrolled, "2142032501", "城关镇中心学校", stage, grade, boarding), Rules.Now);
        return student;
    }

    [Fact]
    public void A_boarder_in_compulsory_school_is_entitled_to_the_living_subsidy()
    {
        Assert.True(AidRules.Eligible(LivingSubsidy, Pupil(SchoolStage.Junior, 1, 12, boarding: true)).Succeeded);
    }

    [Fact]
    public void A_day_pupil_a_pupil_of_another_stage_or_one_not_enrolled_is_not()
    {
        var day = AidRules.Eligible(LivingSubsidy, Pupil(SchoolStage.Junior, 1, 12, boarding: false));
        Assert.Equal("policy", day.Field);
        Assert.Contains("寄宿生", day.Error, StringComparison.Ordinal);

        var senior = AidRules.Eligible(LivingSubsidy, Pupil(SchoolStage.Senior, 1, 15, boarding: true));
        Assert.Contains("小学、初中", senior.Error, StringComparison.Ordinal);

        var dropout = Rules.Child(12, EnrolmentStatus.DroppedOut);
        Assert.Equal("studentId", AidRules.Eligible(LivingSubsidy, dropout).Field);

        var gone = Pupil(SchoolStage.Junior, 1, 12, boarding: true);
        gone.Leave(Contracts.Households.MemberRemovalReason.MovedOut, Rules.Now);
        Assert.Contains("不在建档立卡户", AidRules.Eligible(LivingSubsidy, gone).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rain_dew_is_for_vocational_and_higher_vocational_students()
    {
        Assert.True(AidRules.Eligible(RainDew, Pupil(SchoolStage.Vocational, 2, 16, boarding: false)).Succeeded);
        Assert.True(AidRules.Eligible(RainDew, Pupil(SchoolStage.HigherVocational, 1, 18, boarding: false)).Succeeded);
        Assert.False(AidRules.Eligible(RainDew, Pupil(SchoolStage.Senior, 2, 16, boarding: false)).Succeeded);
    }

    [Theory]
    [InlineData("2026-autumn", 2026, TermSeason.Autumn)]
    [InlineData("2027-SPRING", 2027, TermSeason.Spring)]
    public void Terms_are_written_year_and_season(string text, int year, TermSeason season)
    {
        Assert.True(Term.TryParse(text, out var term));
        Assert.Equal(new Term(year, season), term);
        Assert.Equal(text.ToLowerInvariant(), term.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026")]
    [InlineData("2026-summer")]
    [InlineData("26-autumn")]
    [InlineData("2026-autumn-1")]
    public void Other_term_texts_are_refused(string text) => Assert.False(Term.TryParse(text, out _));

    [Fact]
    public void The_current_term_follows_the_calendar_and_a_term_closes_after_its_last_day()
    {
        Assert.Equal(new Term(2026, TermSeason.Autumn), Term.Of(new DateOnly(2026, 11, 29)));
        Assert.Equal(new Term(2026, TermSeason.Autumn), Term.Of(new DateOnly(2027, 2, 28)));
        Assert.Equal(new Term(2027, TermSeason.Spring), Term.Of(new DateOnly(2027, 3, 1)));
        Assert.Equal(new DateOnly(2028, 2, 29), new Term(2027, TermSeason.Autumn).End);

        var spring = new Term(2026, TermSeason.Spring);
        Assert.True(AidRules.TermOpen(spring, new DateOnly(2026, 8, 31)).Succeeded);
        var closed = AidRules.TermOpen(spring, new DateOnly(2026, 9, 1));
        Assert.Equal("term", closed.Field);
        Assert.Contains("已于2026年8月31日结束", closed.Error, StringComparison.Ordinal);
        Assert.Contains("尚未开始", AidRules.TermOpen(new Term(2027, TermSeason.Spring), Rules.Today).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, true, 625.0)]
    [InlineData(300.0, true, 300.0)]
    [InlineData(0.0, false, 0.0)]
    [InlineData(-10.0, false, -10.0)]
    [InlineData(625.001, false, 625.001)]
    [InlineData(700.0, false, 700.0)]
    public void The_amount_defaults_to_the_standard_and_must_be_positive_and_within_it(double? amount, bool ok, double granted)
    {
        var result = AidRules.Amount(amount is null ? null : (decimal)amount, 625m, out var value);
        Assert.Equal(ok, result.Succeeded);
        Assert.Equal((decimal)granted, value);
        if (!ok)
        {
            Assert.Equal("amount", result.Field);
        }
    }

    [Fact]
    public void A_grant_carries_the_policy_s_exit_flag_and_the_term_code()
    {
        var student = Pupil(SchoolStage.Junior, 1, 12, boarding: true);
        var grant = AidGrant.Make(LivingSubsidy, student, new Term(2026, TermSeason.Autumn), 625m, null, "tests", Rules.Now);
        Assert.Equal("2026-autumn", grant.Term);
        Assert.False(grant.CountsTowardExit);
        Assert.Equal(student.HouseholdId, grant.HouseholdId);
    }
}
