using System.Globalization;
using Platform.Contracts.Households;
using Platform.Contracts.People;

namespace Platform.Industry.Tests.Api;

/// <summary>A fake registry: households and members as the registry's events announce them, each with people no other test has.</summary>
internal static class Registry
{
    private static int sequence = 200;

    public const string VillageCode = "420325001001";

    public const string OtherVillage = "420325001002";

    public const string OtherTownshipVillage = "420325002001";

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>Born so that the member is <paramref name="age"/> today.</summary>
    public static DateOnly BornAged(int age) => Today.AddYears(-age).AddMonths(-2);

    public static string NewIdNumber(DateOnly birth)
    {
        var next = Interlocked.Increment(ref sequence);
        return ResidentIdNumber.Create("420325", birth.AddDays(-(next / 400)), (next % 400 * 2) + 1).Value;
    }

    public static MemberSnapshot Member(string relation, int age, string name, string labour = "normal") => new()
    {
        MemberId = Guid.NewGuid(),
        IdNumber = NewIdNumber(BornAged(age)),
        Name = name,
        Sex = Sex.Male,
        BirthDate = BornAged(age),
        Relation = relation,
        Health = "healthy",
        LabourAbility = labour,
        SchoolingStatus = "not-school-age",
    };

    /// <summary>A household registered in <paramref name="village"/> with a head of 45 and the given members.</summary>
    public static HouseholdRegistered Registered(string village = VillageCode, HouseholdStatus status = HouseholdStatus.Poor, params MemberSnapshot[] others) => new()
    {
        EventId = Guid.NewGuid(),
        HouseholdId = Guid.NewGuid(),
        OccurredAt = DateTimeOffset.UtcNow,
        HouseholdNumber = "I" + Interlocked.Increment(ref sequence).ToString("D6", CultureInfo.InvariantCulture),
        TownshipCode = village[..9],
        VillageCode = village,
        Status = status,
        Members = [Member("户主", 45, "王建华"), .. others],
    };

    public static HouseholdMemberRemoved Removed(HouseholdRegistered household, MemberSnapshot member, MemberRemovalReason reason) => new()
    {
        EventId = Guid.NewGuid(), HouseholdId = household.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, MemberId = member.MemberId, Reason = reason,
    };
}
