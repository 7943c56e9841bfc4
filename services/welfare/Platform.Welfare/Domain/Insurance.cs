using System.Globalization;

namespace Platform.Welfare.Domain;

/// <summary>
/// A member's enrolment (参保) for a year in the resident medical insurance (城乡居民基本医疗保险) and the
/// critical-illness insurance (大病保险), with the individual premium and the part the county subsidised
/// (资助参保). One per member and year.
/// </summary>
public sealed class InsuranceEnrolment : IHouseholdRecord
{
    public required Guid Id { get; init; }

    public required Guid MemberId { get; init; }

    public required Guid HouseholdId { get; set; }

    public required int Year { get; init; }

    public required bool ResidentMedical { get; set; }

    public required bool CriticalIllness { get; set; }

    /// <summary>The year's individual premium (个人缴费标准).</summary>
    public required decimal Premium { get; set; }

    /// <summary>The part of the premium the county paid.</summary>
    public required decimal Subsidy { get; set; }

    public required AidClass SubsidyClass { get; set; }

    public required string RecordedBy { get; set; }

    public required DateTimeOffset RecordedAt { get; set; }

    /// <summary>基本医疗有保障 for this member: in both.</summary>
    public bool Covered => ResidentMedical && CriticalIllness;
}

/// <summary>资助参保: the premium subsidy by the person's aid class (configuration: 特困 in full, 低保 and registered households in part).</summary>
public static class PremiumSubsidy
{
    public static decimal Of(decimal premium, AidClass aidClass, IReadOnlyDictionary<AidClass, decimal> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        return Yuan.Round(premium * (rates.TryGetValue(aidClass, out var rate) ? rate : 0m));
    }
}

/// <summary>
/// 基本医疗有保障 of one household as this pillar owns it (GuaranteeOwners: welfare): met only when the
/// household has members and every current member is in both the resident medical and the critical-illness
/// insurance for the year. The row serialises changes to it (row version).
/// </summary>
public sealed class MedicalGuarantee
{
    public required Guid HouseholdId { get; init; }

    public int Year { get; private set; }

    public int Members { get; private set; }

    public int Covered { get; private set; }

    public bool Met { get; private set; }

    public string Reason { get; private set; } = string.Empty;

    public DateTimeOffset AssessedAt { get; private set; }

    /// <summary>The verdict for <paramref name="members"/> current members of whom <paramref name="covered"/> are insured in both.</summary>
    public static (bool Met, string Reason) Assess(int members, int covered, int year)
    {
        var c = CultureInfo.InvariantCulture;
        if (members <= 0)
        {
            return (false, "户内无在册成员");
        }

        return covered >= members
            ? (true, string.Create(c, $"全户{members}人均已参加{year}年城乡居民基本医疗保险和大病保险"))
            : (false, string.Create(c, $"{year}年全户{members}人中{members - covered}人未参加城乡居民基本医疗保险和大病保险"));
    }

    /// <summary>Applies a new assessment; true when the verdict or its figures changed.</summary>
    public bool Apply(int members, int covered, int year, DateTimeOffset now)
    {
        var (met, reason) = Assess(members, covered, year);
        var changed = met != Met || reason != Reason || AssessedAt == default;
        Year = year;
        Members = members;
        Covered = Math.Min(covered, members);
        Met = met;
        Reason = reason;
        AssessedAt = now;
        return changed;
    }
}
