using Microsoft.EntityFrameworkCore;
using Platform.Education.Data;
using Platform.Education.Domain;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.Contracts;

namespace Platform.Education.Dropouts;

/// <summary>The dropout cases' writes from the portal: each validates, changes the case, commits once with its events.</summary>
public sealed class DropoutCommands(EducationDbContext db, DropoutLedger ledger, TimeProvider clock)
{
    public async Task<Outcome<DropoutCase>> OpenAsync(OpenCaseRequest request, string openedBy, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.StudentId is null || request.StudentId == Guid.Empty)
        {
            FieldErrors.Add(errors, "studentId", "请指定学生");
        }

        var trigger = DropoutTrigger.DroppedOut;
        if (string.IsNullOrWhiteSpace(request.Trigger) || !Codes.TryParse(request.Trigger, out trigger))
        {
            FieldErrors.Add(errors, "trigger", $"立案原因类别应为：{Codes.List<DropoutTrigger>()}");
        }

        var reason = request.Reason?.Trim() ?? string.Empty;
        if (reason.Length is 0 or > 500)
        {
            FieldErrors.Add(errors, "reason", "请写明失学辍学情况（不超过500字）");
        }

        var administrative = Validation.Person(request.AdministrativeOfficer?.Name, request.AdministrativeOfficer?.Position, request.AdministrativeOfficer?.Phone, "administrativeOfficer", errors);
        var education = Validation.Person(request.EducationOfficer?.Name, request.EducationOfficer?.Position, request.EducationOfficer?.Phone, "educationOfficer", errors);
        if (errors.Count > 0)
        {
            return Outcome<DropoutCase>.Refused(Refusal.Invalid, errors);
        }

        var student = await db.Students.SingleOrDefaultAsync(s => s.Id == request.StudentId, cancellationToken);
        if (student is null)
        {
            return Outcome<DropoutCase>.Refused(Refusal.NotFound, "studentId", "学生不存在");
        }

        var allowed = DropoutCase.CanOpen(student, trigger, clock.Today());
        if (!allowed.Succeeded)
        {
            return Outcome<DropoutCase>.Refused(Refusal.Invalid, allowed.Field!, allowed.Error!);
        }

        if (await db.DropoutCases.AnyAsync(c => c.StudentId == student.Id && c.ClosedAt == null, cancellationToken))
        {
            return Outcome<DropoutCase>.Refused(Refusal.Conflict, "studentId", "该生已有未结案的控辍保学案件");
        }

        var (dropout, _) = await ledger.OpenAsync(student, trigger, reason, administrative!, education!, openedBy, cancellationToken);
        return await SaveAsync(dropout, cancellationToken);
    }

    public async Task<Outcome<DropoutCase>> RecordVisitAsync(Guid caseId, VisitRequest request, string recordedBy, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.VisitedOn is null)
        {
            FieldErrors.Add(errors, "visitedOn", "请填写走访日期");
        }

        var line = ResponsibilityLine.Joint;
        if (string.IsNullOrWhiteSpace(request.Line) || !Codes.TryParse(request.Line, out line))
        {
            FieldErrors.Add(errors, "line", $"责任线应为：{Codes.List<ResponsibilityLine>()}");
        }

        var visitors = request.Visitors?.Trim() ?? string.Empty;
        if (visitors.Length is 0 or > 200)
        {
            FieldErrors.Add(errors, "visitors", "请写明走访人（不超过200字）");
        }

        var note = request.Note?.Trim() ?? string.Empty;
        if (note.Length is 0 or > 1000)
        {
            FieldErrors.Add(errors, "note", "请写明走访情况（不超过1000字）");
        }

        if (errors.Count > 0)
        {
            return Outcome<DropoutCase>.Refused(Refusal.Invalid, errors);
        }

        var dropout = await FindAsync(caseId, cancellationToken);
        if (dropout is null)
        {
            return Outcome<DropoutCase>.Refused(Refusal.NotFound, "caseId", "控辍保学案件不存在");
        }

        var now = clock.GetUtcNow();
        var result = dropout.RecordVisit(
            new PersuasionVisit
            {
                Id = Guid.CreateVersion7(now),
                CaseId = dropout.Id,
                VisitedOn = request.VisitedOn!.Value,
                Line = line,
                Visitors = visitors,
                Note = note,
                RecordedBy = recordedBy,
                RecordedAt = now,
            },
            clock.Today());
        if (!result.Succeeded)
        {
            return Outcome<DropoutCase>.Refused(dropout.IsOpen ? Refusal.Invalid : Refusal.Conflict, result.Field!, result.Error!);
        }

        db.PersuasionVisits.Add(dropout.Visits[dropout.Visits.Count - 1]);
        return await SaveAsync(dropout, cancellationToken);
    }

    public async Task<Outcome<DropoutCase>> CloseAsync(Guid caseId, CloseCaseRequest request, string closedBy, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var outcome = DropoutOutcome.ReturnedToSchool;
        if (string.IsNullOrWhiteSpace(request.Outcome) || !Codes.TryParse(request.Outcome, out outcome) || outcome == DropoutOutcome.LeftHousehold)
        {
            FieldErrors.Add(errors, "outcome", "结案方式应为：returned-to-school, home-teaching, over-age");
        }

        var note = Validation.Text(request.Note, 500, "note", errors);
        var teacher = Validation.Text(request.HomeTeacher, 50, "homeTeacher", errors);
        if (errors.Count > 0)
        {
            return Outcome<DropoutCase>.Refused(Refusal.Invalid, errors);
        }

        var dropout = await FindAsync(caseId, cancellationToken);
        if (dropout is null)
        {
            return Outcome<DropoutCase>.Refused(Refusal.NotFound, "caseId", "控辍保学案件不存在");
        }

        var student = await db.Students.SingleAsync(s => s.Id == dropout.StudentId, cancellationToken);
        var allowed = DropoutCase.CanClose(dropout, student, outcome, teacher, clock.Today());
        if (!allowed.Succeeded)
        {
            return Outcome<DropoutCase>.Refused(dropout.IsOpen ? Refusal.Invalid : Refusal.Conflict, allowed.Field!, allowed.Error!);
        }

        await ledger.CloseAsync(dropout, outcome, note, teacher, closedBy, cancellationToken);
        return await SaveAsync(dropout, cancellationToken);
    }

    private Task<DropoutCase?> FindAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.DropoutCases.Include(c => c.Visits).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);

    private Task<Outcome<T>> SaveAsync<T>(T value, CancellationToken cancellationToken)
        where T : class =>
        db.SaveAsOutcomeAsync(
            value,
            ("householdId", "该户的控辍保学案件刚被他人修改，请刷新后重试"),
            _ => ("studentId", "该生已有未结案的控辍保学案件"),
            cancellationToken);
}
