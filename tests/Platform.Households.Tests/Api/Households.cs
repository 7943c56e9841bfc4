using System.Globalization;
using Platform.Contracts.People;

namespace Platform.Households.Tests.Api;

/// <summary>Builds valid, unique test households: each call gets people no other call has.</summary>
internal static class Households
{
    private static int sequence = 100;
    private static int number;

    public static string NewIdNumber(DateOnly birth, bool male = true)
    {
        var next = Interlocked.Increment(ref sequence);
        // Sequence parity sets the sex; spread over birth days so numbers never run out.
        var day = birth.AddDays(next / 400);
        var seq = (next % 400 * 2) + (male ? 1 : 0);
        return ResidentIdNumber.Create("420325", day, seq).Value;
    }

    public static string NewHouseholdNumber() =>
        "T" + Interlocked.Increment(ref number).ToString("D6", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6];

    public static object Member(string relation, string idNumber, string name = "王小明", string? health = null, int? grade = null) => new
    {
        idNumber,
        name,
        relation,
        health,
        disabilityGrade = grade,
        labourAbility = "normal",
        schoolingStatus = "left-school",
        ethnicity = "汉族",
    };

    public static object Body(string? householdNumber = null, string? village = null, params object[] members) => new
    {
        householdNumber = householdNumber ?? NewHouseholdNumber(),
        villageCode = village ?? HouseholdsFixture.VillageCodes[0],
        status = "poor",
        mainCause = "illness",
        otherCauses = new[] { "capital" },
        phone = "13800001234",
        registeredYear = 2016,
        members = members.Length > 0
            ? members
            : [Member("户主", NewIdNumber(new DateOnly(1965, 4, 1))), Member("配偶", NewIdNumber(new DateOnly(1967, 8, 9), male: false), "李秀英")],
    };
}
