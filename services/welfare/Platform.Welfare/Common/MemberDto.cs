using Platform.Contracts.Households;
using Platform.Contracts.People;
using Platform.Messaging.Households;

namespace Platform.Welfare.Common;

/// <summary>
/// A member as the pillar's lists show them: the ID number masked and the birth year only (the masked digits are
/// the birth date, so the date is never shown beside them).
/// </summary>
public sealed record MemberDto(
    Guid Id, Guid HouseholdId, string Name, string IdNumber, Sex Sex, int BirthYear, string Relation, string? Health, int? DisabilityGrade, string? LabourAbility,
    string VillageCode, bool Current)
{
    public static MemberDto From(ReplicaMember m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.Id, m.HouseholdId, m.Name, ResidentIdNumber.Mask(m.IdNumber), m.Sex, m.BirthDate.Year, m.Relation, m.Health, m.DisabilityGrade, m.LabourAbility, m.VillageCode, m.IsCurrent);
    }
}
