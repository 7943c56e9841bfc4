using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Contracts.Welfare;

namespace Platform.Welfare.Domain;

/// <summary>
/// One income record of a household as the pillars reported it to the registry (<see cref="IncomeRecorded"/>),
/// kept here by year for the means check. Keyed by the reporting pillar's record: a correction replaces it.
/// </summary>
public sealed class IncomeRecord
{
    public required Pillar Source { get; init; }

    public required string SourceRecordId { get; init; }

    public required Guid HouseholdId { get; set; }

    public required int Year { get; set; }

    public required IncomeKind Kind { get; set; }

    /// <summary>Yuan, never negative: a production cost is a kind, not a sign.</summary>
    public required decimal Amount { get; set; }

    public required bool CountsTowardExit { get; set; }

    public required DateTimeOffset RecordedAt { get; set; }
}

/// <summary>
/// 家庭经济状况核对: the household's annual net income for a year as the civil-affairs checking centre
/// verified it (wages, business, bank and property records). One per household and year; a later check
/// replaces it.
/// </summary>
public sealed class MeansCheck
{
    public required Guid HouseholdId { get; init; }

    public required int Year { get; init; }

    public required decimal VerifiedIncome { get; set; }

    public required DateOnly CheckedOn { get; set; }

    public string? Note { get; set; }

    public required string RecordedBy { get; set; }

    public required DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A member as the means test and the subsidies see them (from the registry's replica).</summary>
public sealed record MemberFacts(DateOnly BirthDate, string? LabourAbility, string? Health, int? DisabilityGrade)
{
    public int AgeOn(DateOnly day) => day.Year - BirthDate.Year - (day < BirthDate.AddYears(day.Year - BirthDate.Year) ? 1 : 0);
}

/// <summary>
/// 资助类别: how much help a person of a household gets with premiums and medical assistance. Extreme poverty
/// and minimum living come from the household's active enrolment; otherwise a registered household (poor or
/// exited: 摘帽不摘政策) is "registered", a household entered for monitoring only is "monitored".
/// </summary>
public enum AidClass
{
    ExtremePoverty = 1,
    MinimumLiving = 2,
    Registered = 3,
    Monitored = 4,
}

public static class AidClasses
{
    public static AidClass Of(SocialAssistanceCategory? enrolled, HouseholdStatus status) => enrolled switch
    {
        SocialAssistanceCategory.ExtremePoverty => AidClass.ExtremePoverty,
        SocialAssistanceCategory.MinimumLiving => AidClass.MinimumLiving,
        _ => status == HouseholdStatus.Monitored ? AidClass.Monitored : AidClass.Registered,
    };

    /// <summary>建档立卡 (poor or exited): the 985 health policy and the supplementary cover are theirs.</summary>
    public static bool IsRegisteredPoor(HouseholdStatus status) => status is HouseholdStatus.Poor or HouseholdStatus.Exited;
}
