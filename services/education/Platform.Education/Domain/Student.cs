using Platform.Contracts.Households;

namespace Platform.Education.Domain;

/// <summary>
/// A member of a registered household of pre-school to university age, as the registry announced
/// them (the id is the registry's member id), with the school roll (学籍) the education bureau reported.
/// </summary>
public sealed class Student
{
    public required Guid Id { get; init; }

    public required Guid HouseholdId { get; init; }

    /// <summary>Full resident ID number: matched against school rolls, never logged, masked in replies.</summary>
    public required string IdNumber { get; init; }

    public required string Name { get; set; }

    public required Sex Sex { get; init; }

    public required DateOnly BirthDate { get; init; }

    public required string VillageCode { get; set; }

    public required string TownshipCode { get; set; }

    /// <summary>The registry's health code ("healthy", "chronic", "serious", "disabled").</summary>
    public string? Health { get; set; }

    public int? DisabilityGrade { get; set; }

    public required DateTimeOffset KnownSince { get; init; }

    /// <summary>When the registry removed the member from the household (died, moved out…).</summary>
    public DateTimeOffset? LeftAt { get; private set; }

    public MemberRemovalReason? LeftReason { get; private set; }

    public string? SchoolCode { get; private set; }

    public string? SchoolName { get; private set; }

    public SchoolStage? Stage { get; private set; }

    public int? Grade { get; private set; }

    public EnrolmentStatus Enrolment { get; private set; }

    /// <summary>寄宿生: boards at school (the living subsidy of 两免一补 is for boarders).</summary>
    public bool Boarding { get; private set; }

    public DateTimeOffset? RollReportedAt { get; private set; }

    public bool IsCurrent => LeftAt is null;

    /// <summary>Disabled or seriously ill by the registry: may be exempted and taught at home (送教上门).</summary>
    public bool MayBeTaughtAtHome => DisabilityGrade is not null || Health is "disabled" or "serious";

    /// <summary>
    /// 控辍保学: whether this child must be followed by a dropout case — of compulsory-school age,
    /// still in the household, and known not to be at school (not enrolled or dropped out).
    /// </summary>
    public bool RequiresDropoutCase(DateOnly today) =>
        IsCurrent && SchoolAge.IsCompulsory(BirthDate, today) && Enrolment is EnrolmentStatus.NotEnrolled or EnrolmentStatus.DroppedOut;

    public void ApplyRoll(SchoolRoll roll, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(roll);
        Enrolment = roll.Status;
        SchoolCode = roll.SchoolCode;
        SchoolName = roll.SchoolName;
        Stage = roll.Stage;
        Grade = roll.Grade;
        Boarding = roll.Status == EnrolmentStatus.Enrolled && roll.Boarding;
        RollReportedAt = now;
    }

    public void Leave(MemberRemovalReason reason, DateTimeOffset now)
    {
        LeftAt ??= now;
        LeftReason ??= reason;
    }

    /// <summary>The household moved to another village: the student is counted there from now on.</summary>
    public void MoveTo(string villageCode, string townshipCode)
    {
        VillageCode = villageCode;
        TownshipCode = townshipCode;
    }
}

/// <summary>One school-roll record (学籍), validated.</summary>
public sealed record SchoolRoll(EnrolmentStatus Status, string? SchoolCode, string? SchoolName, SchoolStage? Stage, int? Grade, bool Boarding = false);

/// <summary>A registered household the pillar follows (to place members added later in their village).</summary>
public sealed class FollowedHousehold
{
    public required Guid Id { get; init; }

    public required string HouseholdNumber { get; init; }

    public required string VillageCode { get; set; }

    public required string TownshipCode { get; set; }

    /// <summary>The registry's status of the household (poor, exited, monitored): policies go on after exit (摘帽不摘政策).</summary>
    public HouseholdStatus Status { get; set; }

    /// <summary>When the registry last changed the status.</summary>
    public DateTimeOffset? StatusChangedAt { get; set; }

    /// <summary>When the registry last moved the household to another village.</summary>
    public DateTimeOffset? MovedAt { get; set; }
}

/// <summary>
/// Every member of a followed household, as the registry announced them: working-age members are the
/// ones skills training (技能培训) enrols. The ID number matches departmental records; it is never logged.
/// </summary>
public sealed class HouseholdMember
{
    public required Guid Id { get; init; }

    public required Guid HouseholdId { get; init; }

    public required string IdNumber { get; init; }

    public required string Name { get; set; }

    public required Sex Sex { get; init; }

    public required DateOnly BirthDate { get; init; }

    public DateTimeOffset? LeftAt { get; set; }

    public bool IsCurrent => LeftAt is null;
}
