using Platform.Contracts.Households;
using Platform.Contracts.People;
using Platform.Households.Domain;
using Platform.Contracts;

namespace Platform.Households.Tests.Domain;

public class RegistrationRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    internal static MemberSubmission Member(string relation, int sequence, DateOnly? birth = null, string? sex = null, string? health = null, int? grade = null) =>
        new(ResidentIdNumber.Create("420325", birth ?? new DateOnly(1970, 3, 4), sequence).Value, "张三", sex, relation, health, grade, null, null, "汉族");

    internal static HouseholdSubmission Household(params MemberSubmission[] members) =>
        new("4203250010010001", "420325001001", "poor", "illness", ["capital"], "13800001234", 2016, null, members);

    private static (HouseholdRegistration? Registration, Dictionary<string, string[]> Errors) Validate(HouseholdSubmission submission)
    {
        var errors = new Dictionary<string, string[]>();
        return (RegistrationRules.Validate(submission, Today, errors), errors);
    }

    [Fact]
    public void A_complete_household_passes()
    {
        var (registration, errors) = Validate(Household(Member("户主", 11), Member("配偶", 22)));
        Assert.Empty(errors);
        Assert.NotNull(registration);
        Assert.Equal(2, registration.Members.Count);
        Assert.Equal(Sex.Male, registration.Members[0].Sex); // taken from the ID number when not given
        Assert.Equal(Sex.Female, registration.Members[1].Sex);
        Assert.Equal(PovertyCause.Illness, registration.MainCause);
    }

    [Fact]
    public void A_household_needs_exactly_one_head()
    {
        Assert.Contains("members", Validate(Household(Member("配偶", 22))).Errors.Keys);
        Assert.Contains("members", Validate(Household(Member("户主", 11), Member("户主", 13))).Errors.Keys);
    }

    [Fact]
    public void The_same_person_twice_in_one_household_is_refused()
    {
        var (_, errors) = Validate(Household(Member("户主", 11), Member("之子", 11)));
        Assert.Contains("members[1].idNumber", errors.Keys);
    }

    [Fact]
    public void Sex_must_agree_with_the_id_number()
    {
        var (_, errors) = Validate(Household(Member("户主", 11, sex: "female")));
        Assert.Equal(["性别与身份证号码不符"], errors["members[0].sex"]);
    }

    [Fact]
    public void A_disabled_member_needs_a_grade_and_only_a_disabled_one_may_have_one()
    {
        Assert.Contains("members[0].disabilityGrade", Validate(Household(Member("户主", 11, health: "disabled"))).Errors.Keys);
        Assert.Contains("members[0].disabilityGrade", Validate(Household(Member("户主", 11, health: "healthy", grade: 2))).Errors.Keys);
        Assert.Empty(Validate(Household(Member("户主", 11, health: "disabled", grade: 2))).Errors);
    }

    [Fact]
    public void Every_bad_field_is_named_at_once()
    {
        var submission = new HouseholdSubmission("", "42032", "rich", "laziness", ["illness", "nonsense"], "12", 2000, null, []);
        var (registration, errors) = Validate(submission);
        Assert.Null(registration);
        Assert.Equal(
            ["householdNumber", "mainCause", "members", "otherCauses[1]", "phone", "registeredYear", "status", "villageCode"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// domain.md: exit only by the procedure — "review → check → confirms → notice → announcement → marked exited in the
    /// registry. No step may be skipped"; monitoring is a flag. So a registration is of a poor household, without an exit year.
    /// </summary>
    [Fact]
    public void A_household_is_registered_poor_never_exited_or_monitored_and_without_an_exit_year()
    {
        var poor = Household(Member("户主", 11));
        Assert.Empty(Validate(poor).Errors);
        Assert.Contains("status", Validate(poor with { Status = "exited", ExitYear = 2019 }).Errors.Keys);
        Assert.Contains("status", Validate(poor with { Status = "monitored" }).Errors.Keys);
        Assert.Equal(["exitYear"], Validate(poor with { ExitYear = 2019 }).Errors.Keys);
    }

    [Theory]
    [InlineData(PovertyCause.Land, "land")]
    [InlineData(PovertyCause.Drive, "drive")]
    public void Codes_are_kebab_case_names_both_ways(PovertyCause cause, string code)
    {
        Assert.Equal(code, Codes.Of(cause));
        Assert.True(Codes.TryParse<PovertyCause>(code.ToUpperInvariant(), out var parsed));
        Assert.Equal(cause, parsed);
        Assert.Equal("not-working-age", Codes.Of(LabourAbility.NotWorkingAge));
    }
}
