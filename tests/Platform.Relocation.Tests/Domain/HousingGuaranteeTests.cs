using Platform.Contracts.Registry;
using Platform.Contracts.Relocation;
using Platform.Relocation.Domain;

namespace Platform.Relocation.Tests.Domain;

/// <summary>"safe housing (house appraised grade A or B, or renovated, or relocated)"; "A and B safe; C partly dangerous; D dangerous as a whole".</summary>
public class HousingGuaranteeTests
{
    private static readonly DateOnly Spring = new(2019, 4, 1);

    [Theory]
    [InlineData(HouseGrade.A, true)]
    [InlineData(HouseGrade.B, true)]
    [InlineData(HouseGrade.C, false)]
    [InlineData(HouseGrade.D, false)]
    public void A_house_appraised_A_or_B_is_safe_C_or_D_is_not(HouseGrade grade, bool met)
    {
        var appraisal = Given.Appraisal(grade, Spring);
        var verdict = SafeHousing.Assess(null, appraisal, null);
        Assert.Equal(met, verdict.Met);
        Assert.Equal("appraisal:" + appraisal.Id, verdict.SourceRecordId);
    }

    [Fact]
    public void A_dangerous_house_renovated_and_accepted_is_safe_but_a_renovation_not_yet_accepted_is_not()
    {
        var dangerous = Given.Appraisal(HouseGrade.D, Spring);
        var building = Given.Renovation(Spring.AddDays(10), accepted: null);
        Assert.False(SafeHousing.Assess(null, dangerous, SafeHousing.LatestAccepted([building])).Met);

        var accepted = Given.Renovation(Spring.AddDays(10), accepted: Spring.AddMonths(4));
        var verdict = SafeHousing.Assess(null, dangerous, SafeHousing.LatestAccepted([building, accepted]));
        Assert.True(verdict.Met);
        Assert.Equal("renovation:" + accepted.Id, verdict.SourceRecordId);
    }

    [Fact]
    public void The_later_record_decides_a_house_found_dangerous_again_after_its_renovation_is_not_safe()
    {
        var renovated = Given.Renovation(Spring, accepted: Spring.AddMonths(3));
        Assert.False(SafeHousing.Assess(null, Given.Appraisal(HouseGrade.C, Spring.AddYears(1)), renovated).Met);
        // On the same day the accepted work decides (the appraisal saw the house before it).
        Assert.True(SafeHousing.Assess(null, Given.Appraisal(HouseGrade.D, Spring.AddMonths(3)), renovated).Met);
    }

    [Fact]
    public void A_relocated_household_that_moved_in_is_safe_whatever_its_old_house()
    {
        var site = Given.Site(ResettlementMode.TownOrCounty, completed: new DateOnly(2018, 1, 1));
        var relocation = Given.Case(site);
        Assert.True(relocation.AllocateHousing(new DateOnly(2018, 3, 1), "王主任", null, null, 3, site, Given.Today).Succeeded);
        var dangerous = Given.Appraisal(HouseGrade.D, Spring);
        Assert.False(SafeHousing.Assess(relocation, dangerous, null).Met); // allocated is not moved in

        Assert.True(relocation.MoveIn(new DateOnly(2018, 9, 1), "李干部", 3, site, Given.Today).Succeeded);
        var verdict = SafeHousing.Assess(relocation, dangerous, null);
        Assert.True(verdict.Met);
        Assert.Equal("relocation-case:" + relocation.Id, verdict.SourceRecordId);
    }

    [Fact]
    public void A_household_without_any_housing_record_is_not_met_nobody_checked_its_house()
    {
        var verdict = SafeHousing.Assess(null, null, null);
        Assert.False(verdict.Met);
        Assert.Equal(SafeHousing.NoRecord, verdict.Reason);
    }

    [Fact]
    public void The_latest_appraisal_is_the_one_of_the_latest_day()
    {
        var old = Given.Appraisal(HouseGrade.D, Spring);
        var recent = Given.Appraisal(HouseGrade.B, Spring.AddYears(1));
        Assert.Same(recent, SafeHousing.Latest([recent, old]));
    }

    [Fact]
    public void A_renovation_is_accepted_once_not_before_it_started_nor_in_the_future_naming_who_accepted_it()
    {
        var project = Given.Renovation(Spring, accepted: null);
        Assert.Equal("acceptedOn", project.Accept(Spring.AddDays(-1), "验收组", Given.Today).Field);
        Assert.Equal("acceptedOn", project.Accept(Given.Today.AddDays(1), "验收组", Given.Today).Field);
        Assert.Equal("acceptedBy", project.Accept(Spring.AddMonths(2), "", Given.Today).Field);
        Assert.True(project.Accept(Spring.AddMonths(2), "验收组", Given.Today).Succeeded);
        Assert.True(project.Accept(Spring.AddMonths(2), "验收组", Given.Today).Succeeded); // the same again
        Assert.Equal("acceptedOn", project.Accept(Spring.AddMonths(3), "验收组", Given.Today).Field);
    }

    [Fact]
    public void The_registry_hears_the_first_assessment_and_each_change_between_met_and_not_met_only()
    {
        // "GuaranteeAssessed for EVERY household it follows (assess on HouseholdFollowed, and on every change)".
        var household = Guid.NewGuid();
        var state = GuaranteeState.First(household, Guarantee.SafeHousing, SafeHousing.Assess(null, null, null), Given.Now);
        Assert.False(state.Met);
        Assert.Equal("household:" + household, state.SourceRecordId);

        var appraisal = Given.Appraisal(HouseGrade.A, Spring);
        Assert.True(state.Apply(SafeHousing.Assess(null, appraisal, null), Given.Now.AddDays(1)));
        Assert.False(state.Apply(SafeHousing.Assess(null, appraisal, Given.Renovation(Spring, Spring.AddDays(30))), Given.Now.AddDays(2)));
        Assert.Equal(Given.Now.AddDays(1), state.AssessedAt);

        var assessed = state.ToEvent(Given.Now.AddDays(2));
        Assert.Equal((Pillar.Relocation, Guarantee.SafeHousing, true, household), (assessed.Source, assessed.Guarantee, assessed.Met, assessed.HouseholdId));
        Assert.Equal(Pillar.Relocation, GuaranteeOwners.OwnerOf(assessed.Guarantee));
    }
}
