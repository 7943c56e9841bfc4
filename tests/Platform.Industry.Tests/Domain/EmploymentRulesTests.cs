using Platform.Contracts.Registry;
using Platform.Industry.Domain;

namespace Platform.Industry.Tests.Domain;

/// <summary>Employment records (就业) and the wage income they are.</summary>
public class EmploymentRulesTests
{
    private static readonly DateOnly Adult = new(1985, 4, 1);

    private static Dictionary<string, string[]> Errors(EmploymentSubmission submission)
    {
        var errors = new Dictionary<string, string[]>();
        EmploymentRules.Validate(submission, errors);
        return errors;
    }

    /// <summary>"employment records per member with months and wage → wage income".</summary>
    [Fact]
    public void The_wage_is_months_times_the_monthly_wage_and_is_wage_income_counted_toward_exit()
    {
        Assert.Equal(24_000m, EmploymentRules.WageOf(8, 3_000m));
        Assert.Equal(7_500.75m, EmploymentRules.WageOf(3, 2_500.25m));
        Assert.Equal((IncomeKind.Wage, true), IncomeRules.Of(IncomeSource.Employment));
    }

    [Fact]
    public void Months_are_between_1_and_those_left_in_the_year_from_the_start()
    {
        Assert.Empty(Errors(Rules.Job(new DateOnly(2020, 1, 10), 12)));
        Assert.Empty(Errors(Rules.Job(new DateOnly(2020, 10, 1), 3)));
        Assert.Contains("1到3之间", Errors(Rules.Job(new DateOnly(2020, 10, 1), 4))["months"][0], StringComparison.Ordinal);
        Assert.True(Errors(Rules.Job(new DateOnly(2020, 1, 1), 0)).ContainsKey("months"));
    }

    [Fact]
    public void The_monthly_wage_is_above_0_in_fen_and_not_a_typing_error()
    {
        Assert.True(Errors(Rules.Job(new DateOnly(2020, 3, 1), 6, 0m)).ContainsKey("monthlyWage"));
        Assert.True(Errors(Rules.Job(new DateOnly(2020, 3, 1), 6, 250_000m)).ContainsKey("monthlyWage"));
        Assert.True(Errors(Rules.Job(new DateOnly(2020, 3, 1), 6, 2_500.001m)).ContainsKey("monthlyWage"));
    }

    /// <summary>"poverty workshops …, public-welfare posts, labour transferred out of the county": each says where.</summary>
    [Fact]
    public void A_workshop_job_names_its_workshop_a_post_its_name_and_transferred_labour_its_destination()
    {
        Assert.True(Errors(Rules.Job(new DateOnly(2020, 3, 1), 6) with { Destination = null }).ContainsKey("destination"));
        Assert.True(Errors(Rules.Job(new DateOnly(2020, 3, 1), 6) with { DestinationScope = null }).ContainsKey("destination"));
        Assert.True(Errors(Rules.Job(new DateOnly(2020, 3, 1), 6, kind: EmploymentKind.Workshop) with { WorkshopId = null }).ContainsKey("workshopId"));
        Assert.Empty(Errors(Rules.Job(new DateOnly(2020, 3, 1), 6, kind: EmploymentKind.Workshop)));
        var post = new EmploymentSubmission(EmploymentKind.PublicWelfarePost, null, string.Empty, null, null, new DateOnly(2020, 1, 1), 12, 500m);
        Assert.True(Errors(post).ContainsKey("employer"));
        Assert.Empty(Errors(post with { Employer = "护路员" }));
        Assert.True(Errors(post with { Employer = "护路员", Destination = "浙江" }).ContainsKey("destination"));
    }

    /// <summary>Counted in years of birth: a start date of the caller's choosing must not find a member's birthday.</summary>
    [Fact]
    public void A_member_turning_16_in_the_year_the_job_starts_is_employed_one_turning_15_is_not_and_a_member_who_left_neither()
    {
        var job = Rules.Job(new DateOnly(2020, 3, 1), 6);
        Assert.Equal("memberId", EmploymentRules.CanEmploy(true, new DateOnly(2005, 1, 1), job, 0, Rules.Today).Field);
        Assert.True(EmploymentRules.CanEmploy(true, new DateOnly(2004, 12, 31), job, 0, Rules.Today).Succeeded);
        Assert.True(EmploymentRules.CanEmploy(true, new DateOnly(2004, 1, 1), job, 0, Rules.Today).Succeeded);

        // Every start date of one year gives the same answer for a member born that year's 16 years before.
        var born = new DateOnly(2004, 7, 15);
        var answers = Enumerable.Range(0, 366).Select(d => new DateOnly(2020, 1, 1).AddDays(d))
            .Select(day => EmploymentRules.CanEmploy(true, born, Rules.Job(day, 1), 0, Rules.Today).Succeeded).Distinct().ToList();
        Assert.Equal([true], answers);
        Assert.Equal("memberId", EmploymentRules.CanEmploy(false, Adult, job, 0, Rules.Today).Field);
        Assert.Equal("startedOn", EmploymentRules.CanEmploy(true, Adult, Rules.Job(Rules.Today.AddDays(1), 1), 0, Rules.Today).Field);
    }

    [Fact]
    public void A_member_works_no_more_than_12_months_in_one_year_across_all_records()
    {
        var job = Rules.Job(new DateOnly(2020, 3, 1), 6);
        Assert.True(EmploymentRules.CanEmploy(true, Adult, job, 6, Rules.Today).Succeeded);
        var over = EmploymentRules.CanEmploy(true, Adult, job, 7, Rules.Today);
        Assert.Equal("months", over.Field);
        Assert.Contains("已有其他就业7个月", over.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_is_found_again_by_its_workshop_or_its_employer_written_without_spaces()
    {
        var workshop = Guid.NewGuid();
        Assert.Equal(EmploymentRecord.KeyOf(workshop, "甲"), EmploymentRecord.KeyOf(workshop, "乙"));
        Assert.Equal(EmploymentRecord.KeyOf(null, "宁波 某电子厂"), EmploymentRecord.KeyOf(null, "宁波某电子厂"));
    }
}
