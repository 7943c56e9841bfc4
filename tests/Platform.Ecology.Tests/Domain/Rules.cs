using Platform.Contracts.Households;
using Platform.Ecology.Domain;

namespace Platform.Ecology.Tests.Domain;

/// <summary>The configured rules as appsettings.json has them, and people and posts for the rules' tests, on a fixed day (30 November 2026).</summary>
internal static class Rules
{
    public static readonly DateOnly Today = new(2026, 11, 30);

    public static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    public static readonly RangerPolicy Policy = new(
        MinAge: 18,
        MaxAge: 60,
        AbleLabourAbilities: new HashSet<string>(StringComparer.Ordinal) { "normal", "weak" },
        ExcludedHealth: new HashSet<string>(StringComparer.Ordinal) { "serious" },
        MinDisabilityGrade: 3,
        PostsPerHousehold: 1,
        AnnualPay: 4000m,
        FirstYear: 2014);

    /// <summary>A member of a poor household aged <paramref name="age"/> in <paramref name="year"/>.</summary>
    public static RangerCandidate Person(
        int age = 45, int year = 2026, string? labour = "normal", string? health = "healthy", int? disability = null, bool member = true, HouseholdStatus status = HouseholdStatus.Poor) =>
        new(Guid.NewGuid(), Guid.NewGuid(), year - age, labour, health, disability, member, status, "420325001", "420325001001");

    public static RangerPost Post(int year = 2026, DateOnly? startsOn = null) =>
        RangerPost.Select(Person(year: year), year, startsOn ?? new DateOnly(year, 1, 1), Policy.AnnualPay, "东城村后山", 1200m, "tests", Now);
}
