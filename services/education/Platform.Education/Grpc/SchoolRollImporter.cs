using System.Diagnostics;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Education.Data;
using Platform.Education.Domain;
using Platform.Education.Dropouts;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.People;
using Platform.ServiceDefaults;
using DomainPerson = Platform.Education.Domain.ResponsiblePerson;
using GrpcPerson = Platform.Contracts.Grpc.Education.V1.ResponsiblePerson;
using Platform.Contracts;

namespace Platform.Education.Grpc;

/// <summary>
/// Bulk school rolls (学籍) from the education bureau: each record is matched to a student by resident
/// ID number and name inside the caller's data scope (<see cref="PersonMatching"/>), checked (grade
/// fits age, responsible persons named when it opens a case), and applied — roll, dropout case opened
/// or closed, guarantee assessment in the outbox. A batch is committed in one transaction; if the commit fails (a concurrent change), the
/// batch is applied again one record per transaction, so one bad record never takes good ones with it.
/// </summary>
public sealed partial class SchoolRollImporter(EducationDbContext db, DropoutLedger ledger, TimeProvider clock, ILogger<SchoolRollImporter> logger)
{
    private const string DroppedOut = "dropped-out";

    /// <param name="caller">Whose scope the people are matched in, and who is named on what the feed writes.</param>
    /// <param name="dropoutReports">
    /// 辍学报送: every record reports a dropout (an empty status means dropped out; another status is
    /// rejected), applied by the same rules as a school roll.
    /// </param>
    public async Task<SchoolRollSummary> ImportAsync(IAsyncStreamReader<SchoolRollRecord> records, FeedCaller caller, bool dropoutReports, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var summary = new SchoolRollSummary();
        summary.Received = await BatchedImport.RunAsync<SchoolRollRecord, BatchResult>(
            records,
            (batch, ct) => TryApplyAsync(batch, caller, dropoutReports, ct),
            (index, record) => new BatchResult { Rejections = { Rejection(index, record, "id_number", BatchedImport.ConflictReason) } },
            result => Merge(summary, result),
            cancellationToken);
        LogImported(logger, summary.Received, summary.Accepted, summary.Rejected, summary.CasesOpened, summary.CasesClosed, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return summary;
    }

    /// <summary>Applies the records and commits; null when the commit failed (nothing written).</summary>
    private async Task<BatchResult?> TryApplyAsync(IReadOnlyList<(int Index, SchoolRollRecord Record)> batch, FeedCaller caller, bool dropoutReports, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var result = new BatchResult();
        var reported = new List<(int Index, SchoolRollRecord Record)>(batch.Count);
        foreach (var (index, sent) in batch)
        {
            var record = sent;
            if (dropoutReports)
            {
                if (string.IsNullOrWhiteSpace(record.Status))
                {
                    record = record.Clone();
                    record.Status = DroppedOut;
                }
                else if (!string.Equals(record.Status.Trim(), DroppedOut, StringComparison.OrdinalIgnoreCase))
                {
                    result.Rejections.Add(Rejection(index, record, "status", "辍学报送只接受辍学（dropped-out）记录；在读、未入学请通过学籍报送（ImportSchoolRolls）"));
                    continue;
                }
            }

            reported.Add((index, record));
        }

        var verdicts = await FeedPeople.CurrentStudents(db).MatchPeopleAsync(
            FeedPeople.Students, caller.Scope, reported.Select(r => new PersonClaim(r.Record.IdNumber, r.Record.Name)).ToList(), today, cancellationToken);
        var students = verdicts.Where(v => v.IsMatch).Select(v => v.Person!).ToList();
        var studentIds = students.Select(s => s.Id).ToList();
        var openCases = await db.DropoutCases
            .Where(c => c.ClosedAt == null && studentIds.Contains(c.StudentId))
            .ToDictionaryAsync(c => c.StudentId, cancellationToken);
        // The households' guarantee rows, so the ledger finds them in this unit of work.
        var householdIds = students.Select(s => s.HouseholdId).Distinct().ToList();
        await db.Guarantees.Where(g => householdIds.Contains(g.HouseholdId)).LoadAsync(cancellationToken);

        foreach (var ((index, record), verdict) in reported.Zip(verdicts))
        {
            if (verdict.Person is not { } student)
            {
                result.Rejections.Add(Rejection(index, record, verdict.Field!, verdict.Reason!));
                continue;
            }

            var errors = new Dictionary<string, string[]>();
            var roll = Validate(record, student, today, errors, out var administrative, out var education, openCases.ContainsKey(student.Id));
            if (roll is null)
            {
                var first = errors.First();
                result.Rejections.Add(Rejection(index, record, first.Key, string.Join("；", errors.SelectMany(e => e.Value))));
                continue;
            }

            student.ApplyRoll(roll, clock.GetUtcNow());
            result.Accepted++;
            openCases.TryGetValue(student.Id, out var open);
            if (open is null && student.RequiresDropoutCase(today))
            {
                var trigger = roll.Status == EnrolmentStatus.DroppedOut ? DropoutTrigger.DroppedOut : DropoutTrigger.NotEnrolled;
                var reason = Validation.Text(record.Note, 500, "note", errors)
                    ?? (trigger == DropoutTrigger.DroppedOut ? "学校报送：辍学" : "学籍比对：适龄未入学");
                var (opened, _) = await ledger.OpenAsync(student, trigger, reason, administrative!, education!, caller.Actor, cancellationToken);
                openCases[student.Id] = opened;
                result.CasesOpened++;
            }
            else if (open is not null && roll.Status == EnrolmentStatus.Enrolled
                && DropoutCase.CanClose(open, student, DropoutOutcome.ReturnedToSchool, null, today).Succeeded)
            {
                await ledger.CloseAsync(open, DropoutOutcome.ReturnedToSchool, $"学籍报送在读：{roll.SchoolName}", null, caller.Actor, cancellationToken);
                openCases.Remove(student.Id);
                result.CasesClosed++;
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return result;
        }
        catch (Exception error) when (ConcurrentChange.Is(error))
        {
            return null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The record's roll when it is acceptable for this student, else null with the errors.</summary>
    internal static SchoolRoll? Validate(
        SchoolRollRecord record,
        Student student,
        DateOnly today,
        Dictionary<string, string[]> errors,
        out DomainPerson? administrative,
        out DomainPerson? education,
        bool hasOpenCase)
    {
        administrative = null;
        education = null;
        if (!Codes.TryParse<EnrolmentStatus>(record.Status, out var status) || status == EnrolmentStatus.Unknown)
        {
            FieldErrors.Add(errors, "status", "在读状态应为：enrolled, not-enrolled, dropped-out");
            return null;
        }

        SchoolStage? stage = null;
        if (!string.IsNullOrWhiteSpace(record.Stage))
        {
            if (Codes.TryParse<SchoolStage>(record.Stage, out var s))
            {
                stage = s;
            }
            else
            {
                FieldErrors.Add(errors, "stage", $"学段应为：{Codes.List<SchoolStage>()}");
            }
        }

        var schoolName = Validation.Text(record.SchoolName, 100, "school_name", errors);
        var schoolCode = Validation.Text(record.SchoolCode, 20, "school_code", errors);
        Validation.Text(record.Note, 500, "note", errors);
        int? grade = record.Grade == 0 ? null : record.Grade;
        if (status == EnrolmentStatus.Enrolled)
        {
            if (schoolName is null)
            {
                FieldErrors.Add(errors, "school_name", "在读学生须写明学校");
            }

            if (stage is null && string.IsNullOrWhiteSpace(record.Stage))
            {
                FieldErrors.Add(errors, "stage", "在读学生须写明学段");
            }

            if (grade is null)
            {
                FieldErrors.Add(errors, "grade", "在读学生须写明年级");
            }
        }

        if (stage is { } st && grade is { } g && SchoolAge.CheckGrade(st, g, student.BirthDate, today) is { } gradeError)
        {
            FieldErrors.Add(errors, "grade", gradeError);
        }

        var opensCase = status != EnrolmentStatus.Enrolled && !hasOpenCase && student.IsCurrent && SchoolAge.IsCompulsory(student.BirthDate, today);
        if (opensCase)
        {
            // 双线责任制: a case is opened only with a person named on each line.
            administrative = Validation.Person(record.AdministrativeOfficer?.Name, record.AdministrativeOfficer?.Position, record.AdministrativeOfficer?.Phone, "administrative_officer", errors);
            education = Validation.Person(record.EducationOfficer?.Name, record.EducationOfficer?.Position, record.EducationOfficer?.Phone, "education_officer", errors);
        }

        return errors.Count > 0 ? null : new SchoolRoll(status, schoolCode, schoolName, stage, grade, record.Boarding);
    }

    private static SchoolRollRejection Rejection(int index, SchoolRollRecord record, string field, string reason) => new()
    {
        Index = index, ClientRef = record.ClientRef, Field = field, Reason = reason,
    };

    private static void Merge(SchoolRollSummary summary, BatchResult result)
    {
        summary.Accepted += result.Accepted;
        summary.Rejected += result.Rejections.Count;
        summary.CasesOpened += result.CasesOpened;
        summary.CasesClosed += result.CasesClosed;
        BatchedImport.Report(summary.Rejections, result.Rejections, r => r.Index);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "School rolls imported: {Received} received, {Accepted} accepted, {Rejected} rejected, {Opened} cases opened, {Closed} closed in {Seconds:0.0} s")]
    private static partial void LogImported(ILogger logger, int received, int accepted, int rejected, int opened, int closed, double seconds);

    private sealed class BatchResult
    {
        public int Accepted { get; set; }

        public int CasesOpened { get; set; }

        public int CasesClosed { get; set; }

        public List<SchoolRollRejection> Rejections { get; } = [];
    }
}
