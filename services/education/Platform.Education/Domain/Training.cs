using Platform.Contracts;

namespace Platform.Education.Domain;

/// <summary>
/// 劳动年龄: skills training is for members who turn 16 to 60 in the year the course starts. Counted in
/// years of birth, not to the day: whoever opens courses picks their start dates, and a rule checked on
/// a day of the caller's choosing would tell, enrolment by enrolment, a member's birth date — and with
/// it most of the ID number.
/// </summary>
public static class WorkingAge
{
    public const int From = 16;

    public const int To = 60;

    /// <summary>The age the member reaches in the course's year.</summary>
    public static int InYearOf(DateOnly birthDate, DateOnly date) => date.Year - birthDate.Year;

    public static bool On(DateOnly birthDate, DateOnly date) => InYearOf(birthDate, date) is >= From and <= To;
}

/// <summary>A skills-training course (技能培训班): what trade, where, when.</summary>
public sealed class TrainingCourse
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    /// <summary>工种/专业, e.g. 食用菌栽培, 电工, 家政服务.</summary>
    public required string Trade { get; init; }

    /// <summary>The township the course is held in (9-digit code).</summary>
    public required string TownshipCode { get; init; }

    public required DateOnly StartsOn { get; init; }

    public required DateOnly EndsOn { get; init; }

    /// <summary>承办单位.</summary>
    public string? Organiser { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }
}

/// <summary>One member on one course: enrolled, then completed (结业) — each completion is one person-time (人次).</summary>
public sealed class TrainingEnrolment
{
    private TrainingEnrolment()
    {
    }

    public Guid Id { get; private init; }

    public Guid CourseId { get; private init; }

    public Guid MemberId { get; private init; }

    public Guid HouseholdId { get; private init; }

    /// <summary>The village of the member's household: it follows the household when it moves.</summary>
    public string VillageCode { get; private set; } = string.Empty;

    public string TownshipCode { get; private set; } = string.Empty;

    public DateTimeOffset EnrolledAt { get; private init; }

    public string EnrolledBy { get; private init; } = string.Empty;

    public DateOnly? CompletedOn { get; private set; }

    /// <summary>结业证书 or 职业技能等级证书 number, when one was issued.</summary>
    public string? Certificate { get; private set; }

    public DateTimeOffset? CompletionRecordedAt { get; private set; }

    public bool IsCompleted => CompletedOn is not null;

    /// <summary>Enrols the member; call <see cref="TrainingRules.CanEnrol"/> first.</summary>
    public static TrainingEnrolment Enrol(TrainingCourse course, HouseholdMember member, FollowedHousehold household, string enrolledBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(household);
        return new TrainingEnrolment
        {
            Id = Guid.CreateVersion7(now),
            CourseId = course.Id,
            MemberId = member.Id,
            HouseholdId = member.HouseholdId,
            VillageCode = household.VillageCode,
            TownshipCode = household.TownshipCode,
            EnrolledAt = now,
            EnrolledBy = enrolledBy,
        };
    }

    /// <summary>The household moved to another village: its village's staff keep the record from now on.</summary>
    public void MoveTo(string villageCode, string townshipCode)
    {
        VillageCode = villageCode;
        TownshipCode = townshipCode;
    }

    /// <summary>Records the completion; call <see cref="TrainingRules.CanComplete"/> first.</summary>
    public void Complete(DateOnly completedOn, string? certificate, DateTimeOffset now)
    {
        if (IsCompleted)
        {
            throw new InvalidOperationException("The enrolment is completed already.");
        }

        CompletedOn = completedOn;
        Certificate = certificate;
        CompletionRecordedAt = now;
    }
}

public static class TrainingRules
{
    /// <summary>A course: a name, a trade, a township, and an end not before its start.</summary>
    public static RuleResult CourseDates(DateOnly startsOn, DateOnly endsOn) =>
        endsOn < startsOn ? RuleResult.Fail("endsOn", "结束日期不能早于开始日期") : RuleResult.Ok;

    /// <summary>Who may be enrolled: a current member of a registered household, of working age (16–60) in the year the course starts.</summary>
    public static RuleResult CanEnrol(TrainingCourse course, HouseholdMember member)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(member);
        if (!member.IsCurrent)
        {
            return RuleResult.Fail("memberId", "该成员已不在建档立卡户中");
        }

        return WorkingAge.On(member.BirthDate, course.StartsOn)
            ? RuleResult.Ok
            : RuleResult.Fail("memberId", $"技能培训只面向劳动年龄（开班当年满{WorkingAge.From}–{WorkingAge.To}周岁）成员：该成员开班当年满{WorkingAge.InYearOf(member.BirthDate, course.StartsOn)}周岁");
    }

    /// <summary>A completion: not recorded before, on or after the course's start, and not in the future.</summary>
    public static RuleResult CanComplete(TrainingEnrolment enrolment, TrainingCourse course, DateOnly completedOn, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        ArgumentNullException.ThrowIfNull(course);
        if (enrolment.IsCompleted)
        {
            return RuleResult.Fail("enrolmentId", "该学员已结业");
        }

        if (completedOn < course.StartsOn)
        {
            return RuleResult.Fail("completedOn", "结业日期不能早于开班日期");
        }

        return completedOn > today ? RuleResult.Fail("completedOn", "结业日期不能晚于今天") : RuleResult.Ok;
    }
}

/// <summary>村级幼儿园 or 留守儿童关爱中心.</summary>
public enum FacilityKind
{
    /// <summary>村级幼儿园 (山区学前教育点).</summary>
    Kindergarten = 1,

    /// <summary>留守儿童关爱中心 (关爱服务站).</summary>
    CareCentre = 2,
}

/// <summary>A village kindergarten or a care centre for left-behind children, with the villages it serves.</summary>
public sealed class Facility
{
    public required Guid Id { get; init; }

    public required FacilityKind Kind { get; init; }

    public required string Name { get; init; }

    /// <summary>The village it stands in.</summary>
    public required string VillageCode { get; init; }

    public required string TownshipCode { get; init; }

    /// <summary>The villages it serves (服务村), its own among them.</summary>
    public required List<string> ServedVillages { get; init; }

    /// <summary>Places (学位 / 床位), when known.</summary>
    public int? Capacity { get; init; }

    public DateOnly? OpenedOn { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }
}
