using Platform.Contracts.Households;
using Platform.Contracts.People;
using Platform.Messaging.Households;

namespace Platform.Industry.Households;

/// <summary>A registered household as the pillar's answers name it.</summary>
public sealed record HouseholdView(Guid Id, string HouseholdNumber, string TownshipCode, string VillageCode, HouseholdStatus Status)
{
    public static HouseholdView From(ReplicaHousehold h) => new(h.Id, h.HouseholdNumber, h.TownshipCode, h.VillageCode, h.Status);
}

/// <summary>
/// A member as the pillar's answers name them: the ID number masked (the registry's audited reveal is the one way to
/// see it whole) and the birth year, never the date, so the mask cannot be completed from the fields beside it.
/// </summary>
public sealed record MemberView(Guid Id, Guid HouseholdId, string Name, string IdNumber, int BirthYear, Sex Sex, string? LabourAbility, bool IsCurrent)
{
    public static MemberView From(ReplicaMember m) =>
        new(m.Id, m.HouseholdId, m.Name, ResidentIdNumber.Mask(m.IdNumber), m.BirthDate.Year, m.Sex, m.LabourAbility, m.LeftAt is null);
}
