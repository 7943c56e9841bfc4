using System.Text.Json;
using Platform.Contracts.People;

namespace Platform.Testing.Tests;

/// <summary>
/// The rebuild the mask tests rely on: it must find a number that the clues give away, and its counts
/// are why the platform shows what it shows (the division code only, the birth year, the school age).
/// </summary>
public class IdNumberCluesTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);
    private static readonly ResidentIdNumber Number = ResidentIdNumber.Create("420325", new DateOnly(1976, 7, 19), 41);

    private static IdNumberClues Read(string json)
    {
        var clues = new IdNumberClues();
        clues.Read(JsonDocument.Parse(json).RootElement, Today, "test");
        return clues;
    }

    [Fact]
    public void Division_code_and_last_four_beside_the_birth_date_give_the_whole_number_away()
    {
        var lastFour = Number.Value[..6] + "********" + Number.Value[14..];
        Assert.Equal(1, Read($$"""{ "idNumber": "{{lastFour}}", "sex": "male", "birthDate": "1976-07-19" }""").Candidates(Today));
        // Even an age or a birth year leaves only a few dozen numbers to try.
        Assert.InRange(Read($$"""{ "idNumber": "{{lastFour}}", "birthYear": 1976 }""").Candidates(Today), 1, 60);
    }

    [Fact]
    public void A_mask_that_hides_the_sequence_leaves_few_numbers_beside_a_birth_date()
    {
        var divisionOnly = Number.Value[..6] + new string('*', 12);
        Assert.Equal(500, Read($$"""{ "idNumber": "{{divisionOnly}}", "sex": "male", "birthDate": "1976-07-19" }""").Candidates(Today));
    }

    [Fact]
    public void The_division_code_with_the_birth_year_and_the_sex_leaves_too_many_to_try()
    {
        var divisionOnly = Number.Value[..6] + new string('*', 12);
        var clues = Read($$"""{ "idNumber": "{{divisionOnly}}", "sex": "male", "birthYear": 1976 }""");
        Assert.Equal(366 * 500, clues.Candidates(Today));
        Assert.True(clues.Candidates(Today) >= IdNumberClues.Enough);
    }

    [Fact]
    public void A_school_age_beside_the_birth_year_narrows_the_window_to_a_third_of_a_year_at_worst()
    {
        // Born 2014: 11 on 1 September 2026 means born after 1 September 2014 (September to December).
        var clues = Read("""{ "idNumber": "420325************", "sex": "female", "birthYear": 2014, "schoolAge": 11 }""");
        Assert.Equal(121 * 500, clues.Candidates(Today));
        Assert.True(clues.Candidates(Today) >= IdNumberClues.Enough);
    }
}
