using System.Globalization;
using Platform.Contracts.Households;
using Platform.Contracts.People;

namespace Platform.Relocation.Tests.Api;

/// <summary>A fake registry: households and members as its events announce them, each with people no other test has.</summary>
internal static class People
{
    private static int sequence = 200;

    public const string Township = "420325001";
    public const string Village = "420325001001";
    public const string OtherVillage = "420325001002";
    public const string OtherTownshipVillage = "420325002001";

    public static string NewIdNumber(int birthYear = 1975)
    {
        var next = Interlocked.Increment(ref sequence);
        return ResidentIdNumber.Create("420325", new DateOnly(birthYear, 1, 1).AddDays(next % 360), 100 + (next / 360 % 800)).Value;
    }

    public static MemberSnapshot Member(string relation, string name, int birthYear = 1975) => new()
    {
        MemberId = Guid.NewGuid(),
        IdNumber = NewIdNumber(birthYear),
        Name = name,
        Sex = Sex.Male,
        BirthDate = new DateOnly(birthYear, 1, 1),
        Relation = relation,
        Health = "healthy",
        LabourAbility = "normal",
        SchoolingStatus = "junior",
    };

    public static HouseholdRegistered Registered(string village, params MemberSnapshot[] members) => new()
    {
        EventId = Guid.NewGuid(),
        HouseholdId = Guid.NewGuid(),
        OccurredAt = DateTimeOffset.UtcNow,
        HouseholdNumber = "R" + Interlocked.Increment(ref sequence).ToString("D6", CultureInfo.InvariantCulture),
        TownshipCode = village[..9],
        VillageCode = village,
        Status = HouseholdStatus.Poor,
        Members = members,
    };

    /// <summary>A unique code for a site, project, report… of this test run.</summary>
    public static string Code(string prefix) => prefix + "-" + Interlocked.Increment(ref sequence).ToString("D6", CultureInfo.InvariantCulture);
}
