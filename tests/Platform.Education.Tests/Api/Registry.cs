using System.Globalization;
using Platform.Contracts.Households;
using Platform.Contracts.People;

namespace Platform.Education.Tests.Api;

/// <summary>A fake registry: households and members as the registry's events announce them, each with people no other test has.</summary>
internal static class Registry
{
    private static int sequence = 100;

    public const string VillageCode = "420325001001";

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>Born so that the child is <paramref name="age"/> at the start of this school year (and today).</summary>
    public static DateOnly BornAged(int age)
    {
        var start = new DateOnly(Today.Month >= 9 ? Today.Year : Today.Year - 1, 9, 1);
        return start.AddYears(-age).AddMonths(-2);
    }

    public static string NewIdNumber(DateOnly birth, bool male = true)
    {
        var next = Interlocked.Increment(ref sequence);
        var seq = (next % 400 * 2) + (male ? 1 : 0);
        return ResidentIdNumber.Create("420325", birth.AddDays(-(next / 400)), seq).Value;
    }

    public static MemberSnapshot Member(string relation, DateOnly birth, string name, string health = "healthy", int? disability = null) => new()
    {
        MemberId = Guid.NewGuid(),
        IdNumber = NewIdNumber(birth),
        Name = name,
        Sex = Sex.Male,
        BirthDate = birth,
        Relation = relation,
        Health = health,
        DisabilityGrade = disability,
        LabourAbility = "normal",
        SchoolingStatus = "primary",
    };

    public static HouseholdRegistered Registered(params MemberSnapshot[] members) => new()
    {
        EventId = Guid.NewGuid(),
        HouseholdId = Guid.NewGuid(),
        OccurredAt = DateTimeOffset.UtcNow,
        HouseholdNumber = "E" + Interlocked.Increment(ref sequence).ToString("D6", CultureInfo.InvariantCulture),
        TownshipCode = "420325001",
        VillageCode = VillageCode,
        Status = HouseholdStatus.Poor,
        Members = members,
    };
}
