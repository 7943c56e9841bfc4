using Platform.Contracts.Households;
using Platform.Contracts;

namespace Platform.Households.Domain;

/// <summary>家庭成员.</summary>
public sealed class Member
{
    private Member()
    {
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    /// <summary>The whole resident ID number: mask it in every response, never log it.</summary>
    public string IdNumber { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public Sex Sex { get; private set; }

    public DateOnly BirthDate { get; private set; }

    /// <summary>与户主关系.</summary>
    public string Relation { get; private set; } = string.Empty;

    public HealthStatus Health { get; private set; }

    public int? DisabilityGrade { get; private set; }

    public LabourAbility LabourAbility { get; private set; }

    public SchoolingStatus SchoolingStatus { get; private set; }

    public string? Ethnicity { get; private set; }

    public MemberAdditionReason AdditionReason { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    public DateTimeOffset? RemovedAt { get; private set; }

    public MemberRemovalReason? RemovalReason { get; private set; }

    public string? RemovalNote { get; private set; }

    public bool IsHead => Relation == MemberRegistration.HeadRelation;

    internal static Member Create(Guid householdId, MemberRegistration registration, MemberAdditionReason reason, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        HouseholdId = householdId,
        IdNumber = registration.IdNumber.Value,
        Name = registration.Name,
        Sex = registration.Sex,
        BirthDate = registration.IdNumber.BirthDate,
        Relation = registration.Relation,
        Health = registration.Health,
        DisabilityGrade = registration.DisabilityGrade,
        LabourAbility = registration.LabourAbility,
        SchoolingStatus = registration.SchoolingStatus,
        Ethnicity = registration.Ethnicity,
        AdditionReason = reason,
        AddedAt = now,
    };

    internal void Remove(MemberRemovalReason reason, string? note, DateTimeOffset now)
    {
        RemovedAt = now;
        RemovalReason = reason;
        RemovalNote = note;
    }

    public MemberSnapshot ToSnapshot() => new()
    {
        MemberId = Id,
        IdNumber = IdNumber,
        Name = Name,
        Sex = Sex,
        BirthDate = BirthDate,
        Relation = Relation,
        Health = Codes.Of(Health),
        DisabilityGrade = DisabilityGrade,
        LabourAbility = Codes.Of(LabourAbility),
        SchoolingStatus = Codes.Of(SchoolingStatus),
    };
}
