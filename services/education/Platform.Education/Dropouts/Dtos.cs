using Platform.Contracts.Households;
using Platform.Contracts.People;
using Platform.Education.Domain;

namespace Platform.Education.Dropouts;

public sealed record PersonRequest(string? Name, string? Position, string? Phone);

/// <summary>立案: open a dropout case for a child, naming a person on each line of responsibility.</summary>
public sealed record OpenCaseRequest(Guid? StudentId, string? Trigger, string? Reason, PersonRequest? AdministrativeOfficer, PersonRequest? EducationOfficer);

/// <summary>劝返走访.</summary>
public sealed record VisitRequest(DateOnly? VisitedOn, string? Line, string? Visitors, string? Note);

/// <summary>结案: "returned-to-school", "home-teaching" (with the teacher) or "over-age".</summary>
public sealed record CloseCaseRequest(string? Outcome, string? Note, string? HomeTeacher);

public sealed record VisitDto(Guid Id, DateOnly VisitedOn, ResponsibilityLine Line, string Visitors, string Note, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>
/// A dropout case (控辍保学台账). The child's ID number and the responsible persons' phones are masked;
/// the child's birth year and age at the start of the school year are shown, never the birth date.
/// </summary>
public sealed record DropoutCaseDto(
    Guid Id,
    Guid StudentId,
    Guid HouseholdId,
    string StudentName,
    string IdNumber,
    Sex Sex,
    int BirthYear,
    int SchoolAge,
    string VillageCode,
    DropoutTrigger Trigger,
    string Reason,
    ResponsiblePerson AdministrativeOfficer,
    ResponsiblePerson EducationOfficer,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    DropoutOutcome? Outcome,
    string? OutcomeNote,
    string? HomeTeacher,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<VisitDto> Visits)
{
    public static DropoutCaseDto From(DropoutCase dropout, Student student, DateOnly today) => new(
        dropout.Id,
        student.Id,
        dropout.HouseholdId,
        student.Name,
        ResidentIdNumber.Mask(student.IdNumber),
        student.Sex,
        student.BirthDate.Year,
        Domain.SchoolAge.SchoolAgeOf(student.BirthDate, today),
        student.VillageCode,
        dropout.Trigger,
        dropout.Reason,
        dropout.AdministrativeOfficer with { Phone = PhoneNumber.Mask(dropout.AdministrativeOfficer.Phone) },
        dropout.EducationOfficer with { Phone = PhoneNumber.Mask(dropout.EducationOfficer.Phone) },
        dropout.OpenedAt,
        dropout.OpenedBy,
        dropout.Outcome,
        dropout.OutcomeNote,
        dropout.HomeTeacher,
        dropout.ClosedAt,
        dropout.Visits.OrderBy(v => v.VisitedOn).ThenBy(v => v.RecordedAt)
            .Select(v => new VisitDto(v.Id, v.VisitedOn, v.Line, v.Visitors, v.Note, v.RecordedBy, v.RecordedAt)).ToList());
}

/// <summary>The filters of the dropout list and of its export: status open (default) or closed, place, household.</summary>
public sealed record DropoutFilter(string? Status, string? Township, string? Village, Guid? Household);

/// <summary>A case with its child, as the list reads them (member initialisation, so the database can filter on it).</summary>
public sealed class CaseOfStudent
{
    public required DropoutCase Case { get; init; }

    public required Student Student { get; init; }
}
