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

    /// <summary>
    /// Since when the member counts in the household's size: for members registered with the household,
    /// the start of its registration year (or birth, if later); for a birth, the birth date; otherwise
    /// the day they were added. The size of a past year is counted from it, not from today's list.
    /// </summary>
    public DateOnly JoinedOn { get; private set; }

    public DateTimeOffset? RemovedAt { get; private set; }

    public MemberRemovalReason? RemovalReason { get; private set; }

    public string? RemovalNote { get; private set; }

    public bool IsHead => Relation == MemberRegistration.HeadRelation;

    internal static Member Create(Guid householdId, MemberRegistration registration, MemberAdditionReason reason, DateOnly joinedOn, DateTimeOffset now) => new()
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
        JoinedOn = joinedOn < registration.IdNumber.BirthDate ? registration.IdNumber.BirthDate : joinedOn,
    };

    /// <summary>Whether the member belonged to the household at the end of <paramref name="day"/>.</summary>
    public bool BelongedOn(DateOnly day) =>
        JoinedOn <= day && (RemovedAt is not { } removed || ChinaDate(removed) > day);

    /// <summary>
    /// Records a new health status (健康状况) and disability grade; refuses a grade without disability
    /// and disability without a grade 1–4 (残疾等级), and a change to what is already recorded.
    /// </summary>
    public RuleResult ChangeHealth(HealthStatus health, int? disabilityGrade)
    {
        if (RemovedAt is not null)
        {
            return RuleResult.Fail("memberId", "该成员已减员");
        }

        if (health == HealthStatus.Disabled && disabilityGrade is not (>= 1 and <= 4))
        {
            return RuleResult.Fail("disabilityGrade", "残疾成员须填写残疾等级（1到4级）");
        }

        if (health != HealthStatus.Disabled && disabilityGrade is not null)
        {
            return RuleResult.Fail("disabilityGrade", "健康状况不是残疾时不应填写残疾等级");
        }

        if (health == Health && disabilityGrade == DisabilityGrade)
        {
            return RuleResult.Fail("health", "健康状况与残疾等级未变化");
        }

        Health = health;
        DisabilityGrade = disabilityGrade;
        return RuleResult.Ok;
    }

    private static DateOnly ChinaDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(8)).DateTime);

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
