using Platform.Contracts.Households;
using Platform.Households.Domain;
using static Platform.Households.Tests.Domain.DomainFactory;

namespace Platform.Households.Tests.Domain;

/// <summary>
/// domain.md, What the registry keeps: "Pairing (帮扶责任人): cadre, work unit, phone, household, from and to"; the
/// county's "village work teams / cadres stationed / first secretaries"; "Member: … health (healthy, chronic illness,
/// serious illness, disabled with grade)"; and "Dynamic adjustment each year: … members born, died, married in or out".
/// </summary>
public class HelpersAndFormRulesTests
{
    private static Cadre Helper(string name = "张建国")
    {
        var (cadre, errors) = Cadre.Create(name, "县财政局", "13912345678", HelperKind.Cadre, null, Now);
        Assert.Empty(errors);
        return cadre!;
    }

    private static List<Pairing> PairingsOf(Cadre helper, int households) =>
        Enumerable.Range(0, households).Select(_ => Pairing.Start(helper, Guid.NewGuid(), new DateOnly(2016, 3, 1), [], "county", Today, Now).Pairing!).ToList();

    /// <summary>一名干部结对帮扶一般不超过5户: a sixth household is refused; the same household twice too.</summary>
    [Fact]
    public void A_helper_takes_at_most_five_households_and_each_once()
    {
        var helper = Helper();
        var four = PairingsOf(helper, 4);
        var household = Guid.NewGuid();
        var (fifth, ok) = Pairing.Start(helper, household, new DateOnly(2016, 3, 1), four, "county", Today, Now);
        Assert.True(ok.Succeeded);
        four.Add(fifth!);
        Assert.Equal("cadreId", Pairing.Start(helper, Guid.NewGuid(), Today, four, "county", Today, Now).Result.Field);
        Assert.Contains("已与该户结对", Pairing.Start(helper, household, Today, four.Take(4).Append(fifth!).Skip(1).ToList(), "county", Today, Now).Result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pairing_runs_from_a_past_date_and_ends_once_after_it_with_a_reason()
    {
        var helper = Helper();
        Assert.Equal("from", Pairing.Start(helper, Guid.NewGuid(), Today.AddDays(1), [], "county", Today, Now).Result.Field);
        var pairing = PairingsOf(helper, 1)[0];
        Assert.Equal("to", pairing.End(new DateOnly(2015, 1, 1), "调整", Today).Field);
        Assert.Equal("reason", pairing.End(Today, " ", Today).Field);
        Assert.True(pairing.End(new DateOnly(2021, 6, 30), "工作调动，更换帮扶责任人", Today).Succeeded);
        Assert.False(pairing.IsActiveOn(Today));
        Assert.True(pairing.IsActiveOn(new DateOnly(2020, 1, 1)));
        Assert.Equal("pairingId", pairing.End(Today, "again", Today).Field);
    }

    [Fact]
    public void A_helper_is_recorded_with_a_name_a_work_unit_and_a_phone_that_can_be_called()
    {
        Assert.Equal(["name", "phone", "workUnit"], Cadre.Create("张3", " ", "12345", HelperKind.Teacher, null, Now).Errors.Keys.Order(StringComparer.Ordinal));
        Assert.NotNull(Cadre.Create("欧阳·明", "县人民医院", "0719-3222222", HelperKind.MedicalStaff, "HR-1", Now).Cadre);
    }

    /// <summary>驻村工作队: one first secretary at a time, a person once; a member leaves after joining; a recall ends everyone.</summary>
    [Fact]
    public void A_work_team_has_one_first_secretary_and_a_recall_ends_every_member()
    {
        var (team, opened) = WorkTeam.Open(1, "县发改局", new DateOnly(2015, 8, 10), Today, Now);
        Assert.True(opened.Succeeded);
        var secretary = Helper("李第一");
        var member = Helper("王队员");
        Assert.True(team!.Station(secretary, TeamRole.FirstSecretary, new DateOnly(2015, 8, 10), Today).Succeeded);
        Assert.Equal("role", team.Station(Helper("赵第二"), TeamRole.FirstSecretary, new DateOnly(2016, 1, 1), Today).Field);
        Assert.Equal("cadreId", team.Station(secretary, TeamRole.Member, new DateOnly(2016, 1, 1), Today).Field);
        Assert.Equal("from", team.Station(member, TeamRole.Member, new DateOnly(2015, 1, 1), Today).Field);
        Assert.True(team.Station(member, TeamRole.Member, new DateOnly(2016, 1, 1), Today).Succeeded);
        Assert.True(team.Recall(new DateOnly(2021, 5, 1), Today).Succeeded);
        Assert.Empty(team.Current);
        Assert.All(team.Members, m => Assert.Equal(new DateOnly(2021, 5, 1), m.To));
        Assert.Equal("teamId", team.Station(Helper("孙新人"), TeamRole.Member, Today, Today).Field);
    }

    /// <summary>The household's size (家庭人口) follows its members — born, married in, died, married out — and is on the row.</summary>
    [Fact]
    public void The_household_size_follows_every_change_of_its_members()
    {
        var household = Household(size: 3);
        Assert.Equal(3, household.Size);
        household.AddMember(Person("之孙子", new DateOnly(2026, 5, 1), 21), MemberAdditionReason.Born, Now);
        Assert.Equal(4, household.Size);
        Assert.True(household.RemoveMember(household.Members[1].Id, MemberRemovalReason.Died, null, Now).Succeeded);
        Assert.Equal(3, household.Size);
        Assert.Equal(household.CurrentMembers.Count(), household.Size);
    }

    /// <summary>
    /// Every change of a household updates its row, even on a stopped clock: the row's concurrency check is what keeps
    /// each household's events in commit order.
    /// </summary>
    [Fact]
    public void A_change_touches_the_row_even_when_the_clock_has_not_moved()
    {
        var household = Household();
        var before = household.UpdatedAt;
        household.Touch(before);
        Assert.True(household.UpdatedAt > before);
    }

    /// <summary>健康状况: a disabled member has a grade 1–4, no one else has one; a member who has left is not changed.</summary>
    [Fact]
    public void A_members_health_changes_by_the_forms_rules()
    {
        var household = Household(size: 2);
        var head = household.Members[0].Id;
        Assert.Equal("disabilityGrade", household.ChangeMemberHealth(head, HealthStatus.Disabled, null, Now).Field);
        Assert.Equal("disabilityGrade", household.ChangeMemberHealth(head, HealthStatus.Chronic, 2, Now).Field);
        Assert.True(household.ChangeMemberHealth(head, HealthStatus.Disabled, 2, Now.AddHours(1)).Succeeded);
        Assert.Equal((HealthStatus.Disabled, 2), (household.Members[0].Health, household.Members[0].DisabilityGrade));
        Assert.Equal(Now.AddHours(1), household.UpdatedAt);
        Assert.Equal("health", household.ChangeMemberHealth(head, HealthStatus.Disabled, 2, Now).Field); // no change
        Assert.True(household.RemoveMember(household.Members[1].Id, MemberRemovalReason.MovedOut, null, Now).Succeeded);
        Assert.Equal("memberId", household.ChangeMemberHealth(household.Members[1].Id, HealthStatus.Serious, null, Now).Field);
    }

    /// <summary>The form's land in mu (two places), months of a year, work place with work months.</summary>
    [Fact]
    public void The_form_refuses_implausible_land_and_months()
    {
        var errors = new Dictionary<string, string[]>();
        FormRules.Validate(new HouseholdProfileData(HouseholdType.Ordinary, -1m, 2.345m, 0, 0, 101m, false, 0m, Fuel.Firewood, true, true, true, false, false, false), errors);
        Assert.Equal(["cultivatedLand", "distanceToRoadKm", "forestLand", "houseArea"], errors.Keys.Order(StringComparer.Ordinal));
        errors.Clear();
        FormRules.Validate(new MemberProfileData(EducationLevel.Junior, null, 6, WorkPlace.None, true, true, false, WelfareStatus.None, 13), errors);
        Assert.Equal(["publicWelfarePostMonths", "workPlace"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
