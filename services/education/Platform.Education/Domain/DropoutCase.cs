using Platform.Contracts;
namespace Platform.Education.Domain;

/// <summary>A person on one line of responsibility (双线责任人).</summary>
public sealed record ResponsiblePerson(string Name, string Position, string? Phone);

/// <summary>One persuasion visit (劝返走访) to the child's home.</summary>
public sealed class PersuasionVisit
{
    public required Guid Id { get; init; }

    public required Guid CaseId { get; init; }

    public required DateOnly VisitedOn { get; init; }

    public required ResponsibilityLine Line { get; init; }

    public required string Visitors { get; init; }

    public required string Note { get; init; }

    public required string RecordedBy { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>
/// 控辍保学 case: a child of compulsory-school age out of school, followed by a person on each line of
/// responsibility with persuasion visits until the child is back at school, exempted and taught at
/// home, or past compulsory-school age.
/// </summary>
public sealed class DropoutCase
{
    private readonly List<PersuasionVisit> visits = [];

    private DropoutCase()
    {
    }

    public Guid Id { get; private init; }

    public Guid StudentId { get; private init; }

    public Guid HouseholdId { get; private init; }

    public DropoutTrigger Trigger { get; private init; }

    public string Reason { get; private init; } = string.Empty;

    public ResponsiblePerson AdministrativeOfficer { get; private init; } = null!;

    public ResponsiblePerson EducationOfficer { get; private init; } = null!;

    public DateTimeOffset OpenedAt { get; private init; }

    public string OpenedBy { get; private init; } = string.Empty;

    public DropoutOutcome? Outcome { get; private set; }

    public string? OutcomeNote { get; private set; }

    /// <summary>送教上门: the teacher who teaches the exempted child at home.</summary>
    public string? HomeTeacher { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    public IReadOnlyList<PersuasionVisit> Visits => visits;

    public bool IsOpen => ClosedAt is null;

    /// <summary>Opens a case for a child the rules say must be followed; the caller checks there is no open case yet.</summary>
    public static DropoutCase Open(
        Student student, DropoutTrigger trigger, string reason, ResponsiblePerson administrative, ResponsiblePerson education, string openedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(student);
        return new DropoutCase
        {
            Id = Guid.CreateVersion7(now),
            StudentId = student.Id,
            HouseholdId = student.HouseholdId,
            Trigger = trigger,
            Reason = reason,
            AdministrativeOfficer = administrative,
            EducationOfficer = education,
            OpenedAt = now,
            OpenedBy = openedBy,
        };
    }

    /// <summary>Whether a case may be opened for this child today (compulsory-school age, in the household, not at school for a not-enrolled case).</summary>
    public static RuleResult CanOpen(Student student, DropoutTrigger trigger, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(student);
        if (!student.IsCurrent)
        {
            return RuleResult.Fail("studentId", "该学生已不在建档立卡户中");
        }

        if (!SchoolAge.IsCompulsory(student.BirthDate, today))
        {
            return RuleResult.Fail("studentId", $"控辍保学只针对义务教育适龄（{SchoolAge.CompulsoryFrom}–{SchoolAge.CompulsoryTo}岁）儿童");
        }

        return trigger == DropoutTrigger.NotEnrolled && student.Enrolment == EnrolmentStatus.Enrolled
            ? RuleResult.Fail("trigger", "学籍显示该生在读，不是适龄未入学")
            : RuleResult.Ok;
    }

    public RuleResult RecordVisit(PersuasionVisit visit, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(visit);
        if (!IsOpen)
        {
            return RuleResult.Fail("caseId", "案件已结案，不能再登记劝返走访");
        }

        if (visit.VisitedOn > today)
        {
            return RuleResult.Fail("visitedOn", "走访日期不能晚于今天");
        }

        if (visit.VisitedOn < DateOnly.FromDateTime(OpenedAt.UtcDateTime).AddDays(-1))
        {
            return RuleResult.Fail("visitedOn", "走访日期不能早于立案日期");
        }

        visits.Add(visit);
        return RuleResult.Ok;
    }

    /// <summary>
    /// When a case may close: returned — the school roll shows the child enrolled (reported after the
    /// case opened); home teaching — the registry records a disability or serious illness and a teacher
    /// is named; over age — the child is 16 or older; left household — the registry removed the member.
    /// </summary>
    public static RuleResult CanClose(DropoutCase dropout, Student student, DropoutOutcome outcome, string? homeTeacher, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(dropout);
        ArgumentNullException.ThrowIfNull(student);
        if (!dropout.IsOpen)
        {
            return RuleResult.Fail("caseId", "案件已结案");
        }

        return outcome switch
        {
            DropoutOutcome.ReturnedToSchool when student.Enrolment != EnrolmentStatus.Enrolled || student.RollReportedAt < dropout.OpenedAt =>
                RuleResult.Fail("outcome", "学籍尚未显示该生复学在读：请先由学校报送学籍"),
            DropoutOutcome.HomeTeaching when !student.MayBeTaughtAtHome =>
                RuleResult.Fail("outcome", "送教上门仅适用于因身体原因（残疾或重病）不能到校的儿童"),
            DropoutOutcome.HomeTeaching when string.IsNullOrWhiteSpace(homeTeacher) =>
                RuleResult.Fail("homeTeacher", "送教上门须写明送教教师"),
            DropoutOutcome.OverAge when !SchoolAge.IsPastCompulsory(student.BirthDate, today) =>
                RuleResult.Fail("outcome", $"该生本学年（按9月1日计）未满{SchoolAge.CompulsoryTo + 1}周岁，仍在义务教育年龄内，不能以超龄结案"),
            DropoutOutcome.LeftHousehold when student.IsCurrent =>
                RuleResult.Fail("outcome", "该生仍在建档立卡户中"),
            _ => RuleResult.Ok,
        };
    }

    /// <summary>Closes the case; call <see cref="CanClose"/> first.</summary>
    public void Close(DropoutOutcome outcome, string? note, string? homeTeacher, string closedBy, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("The case is closed already.");
        }

        Outcome = outcome;
        OutcomeNote = note;
        HomeTeacher = outcome == DropoutOutcome.HomeTeaching ? homeTeacher : null;
        ClosedAt = now;
        ClosedBy = closedBy;
    }
}
