using System.Globalization;
using Platform.Contracts.Households;
using Platform.Contracts.People;

namespace Platform.Ecology.Tests.Api;

/// <summary>The registry as the pillar hears it: households and people as its events announce them, each test with people of its own.</summary>
internal static class County
{
    public const string Township = "420325001";
    public const string Village = "420325001001";
    public const string OtherVillage = "420325001002";
    public const string OtherTownship = "420325002";
    public const string OtherTownshipVillage = "420325002001";

    private static int sequence = 1_000;
    private static int places = 100;

    /// <summary>A township and one of its villages no other test uses (quotas are per township and year).</summary>
    public static (string Township, string Village) NewPlace()
    {
        var township = "420325" + Interlocked.Increment(ref places).ToString("D3", CultureInfo.InvariantCulture);
        return (township, township + "001");
    }

    public static int ThisYear => DateTime.UtcNow.AddHours(8).Year;

    /// <summary>A person born in June of the year that makes them <paramref name="age"/> this year.</summary>
    public static MemberSnapshot Person(string name, int age, string relation = "户主", string labour = "normal", string health = "healthy", int? disability = null)
    {
        var next = Interlocked.Increment(ref sequence);
        var birth = new DateOnly(ThisYear - age, 6, 1).AddDays(next % 27);
        return new MemberSnapshot
        {
            MemberId = Guid.NewGuid(),
            IdNumber = ResidentIdNumber.Create("420325", birth, (next % 499) + 1).Value,
            Name = name,
            Sex = next % 2 == 0 ? Sex.Male : Sex.Female,
            BirthDate = birth,
            Relation = relation,
            Health = health,
            DisabilityGrade = disability,
            LabourAbility = labour,
            SchoolingStatus = "not-school-age",
        };
    }

    public static HouseholdRegistered Household(string village, HouseholdStatus status, params MemberSnapshot[] members) => new()
    {
        EventId = Guid.NewGuid(),
        HouseholdId = Guid.NewGuid(),
        OccurredAt = DateTimeOffset.UtcNow,
        HouseholdNumber = "EC" + Interlocked.Increment(ref sequence).ToString("D8", CultureInfo.InvariantCulture),
        TownshipCode = village[..9],
        VillageCode = village,
        Status = status,
        Members = members,
    };

    public static HouseholdRegistered Household(params MemberSnapshot[] members) => Household(Village, HouseholdStatus.Poor, members);

    public static HouseholdMemberRemoved Removed(HouseholdRegistered household, MemberSnapshot member, MemberRemovalReason reason) => new()
    {
        EventId = Guid.NewGuid(), HouseholdId = household.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, MemberId = member.MemberId, Reason = reason,
    };

    public static HouseholdMoved Moved(HouseholdRegistered household, string from, string to) => new()
    {
        EventId = Guid.NewGuid(), HouseholdId = household.HouseholdId, OccurredAt = DateTimeOffset.UtcNow,
        PreviousVillageCode = from, VillageCode = to, TownshipCode = to[..9], Reason = "易地扶贫搬迁",
    };

    public static MemberHealthChanged HealthChanged(HouseholdRegistered household, MemberSnapshot member, string health, int? grade = null) => new()
    {
        EventId = Guid.NewGuid(), HouseholdId = household.HouseholdId, OccurredAt = DateTimeOffset.UtcNow, MemberId = member.MemberId,
        PreviousHealth = member.Health ?? "healthy", Health = health, DisabilityGrade = grade, Reason = "县医院确诊",
    };
}
