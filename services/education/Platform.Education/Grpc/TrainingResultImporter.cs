using System.Diagnostics;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Education.Data;
using Platform.Education.Domain;
using Platform.Education.Training;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.People;
using Platform.ServiceDefaults;

namespace Platform.Education.Grpc;

/// <summary>
/// Bulk training results from the human-resources bureau: each record is matched to a member by
/// resident ID number and name inside the caller's data scope (<see cref="PersonMatching"/>) and to a
/// course of the caller's townships by id, enrols the member (working age when the course starts)
/// and, with a completion date, records the completion by the same rules as the portal. A result
/// already recorded is accepted unchanged, so the same feed may be sent twice without counting twice.
/// </summary>
public sealed partial class TrainingResultImporter(EducationDbContext db, TrainingLedger ledger, TimeProvider clock, ILogger<TrainingResultImporter> logger)
{
    /// <param name="caller">Whose scope the members are matched in, and who is named on the enrolments.</param>
    public async Task<TrainingResultSummary> ImportAsync(IAsyncStreamReader<TrainingResultRecord> records, FeedCaller caller, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var summary = new TrainingResultSummary();
        summary.Received = await BatchedImport.RunAsync<TrainingResultRecord, BatchResult>(
            records,
            (batch, ct) => TryApplyAsync(batch, caller, ct),
            (index, record) => new BatchResult { Rejections = { Rejection(index, record, "id_number", BatchedImport.ConflictReason) } },
            result => Merge(summary, result),
            cancellationToken);
        LogImported(logger, summary.Received, summary.Accepted, summary.Rejected, summary.Completed, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return summary;
    }

    private async Task<BatchResult?> TryApplyAsync(IReadOnlyList<(int Index, TrainingResultRecord Record)> batch, FeedCaller caller, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var result = new BatchResult();
        var parsed = new List<(int Index, TrainingResultRecord Record, Guid CourseId, DateOnly? CompletedOn)>(batch.Count);
        foreach (var (index, record) in batch)
        {
            if (!Guid.TryParse(record.CourseId, out var courseId))
            {
                result.Rejections.Add(Rejection(index, record, "course_id", "请写明培训班编号（门户开设培训班时的 id）"));
                continue;
            }

            if (!WireText.TryDate(record.CompletedOn, out var completedOn))
            {
                result.Rejections.Add(Rejection(index, record, "completed_on", "结业日期格式应为 yyyy-MM-dd"));
                continue;
            }

            if (record.Certificate is { Length: > 50 })
            {
                result.Rejections.Add(Rejection(index, record, "certificate", "证书编号不超过50个字符"));
                continue;
            }

            parsed.Add((index, record, courseId, completedOn));
        }

        var verdicts = await FeedPeople.CurrentMembers(db).MatchPeopleAsync(
            FeedPeople.Members, caller.Scope, parsed.Select(p => new PersonClaim(p.Record.IdNumber, p.Record.Name)).ToList(), today, cancellationToken);
        var courseIds = parsed.Select(p => p.CourseId).Distinct().ToList();
        // Courses of the caller's townships only: another township's course does not exist for the caller.
        var courses = await db.TrainingCourses.Within(caller.Scope).Where(c => courseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var memberIds = verdicts.Where(v => v.IsMatch).Select(v => v.Person!.Member.Id).Distinct().ToList();
        var enrolments = await db.TrainingEnrolments.Where(e => courseIds.Contains(e.CourseId) && memberIds.Contains(e.MemberId))
            .ToDictionaryAsync(e => (e.CourseId, e.MemberId), cancellationToken);

        foreach (var ((index, record, courseId, completedOn), verdict) in parsed.Zip(verdicts))
        {
            if (verdict.Person is not { Member: var member, Household: var household })
            {
                result.Rejections.Add(Rejection(index, record, verdict.Field!, verdict.Reason!));
                continue;
            }

            if (!courses.TryGetValue(courseId, out var course))
            {
                result.Rejections.Add(Rejection(index, record, "course_id", "培训班不存在"));
                continue;
            }

            var isNew = !enrolments.TryGetValue((course.Id, member.Id), out var enrolment);
            if (isNew)
            {
                var allowed = TrainingRules.CanEnrol(course, member);
                if (!allowed.Succeeded)
                {
                    result.Rejections.Add(Rejection(index, record, "id_number", allowed.Error!));
                    continue;
                }
            }

            if (completedOn is { } on && enrolment is not { IsCompleted: true })
            {
                // Checked against a not-yet-completed enrolment before anything is added for this record.
                var probe = enrolment ?? TrainingEnrolment.Enrol(course, member, household, caller.Actor, clock.GetUtcNow());
                var allowed = TrainingRules.CanComplete(probe, course, on, today);
                if (!allowed.Succeeded)
                {
                    result.Rejections.Add(Rejection(index, record, "completed_on", allowed.Error!));
                    continue;
                }
            }

            if (isNew)
            {
                enrolment = ledger.Enrol(course, member, household, caller.Actor);
                enrolments[(course.Id, member.Id)] = enrolment;
                result.Enrolled++;
            }

            if (completedOn is { } completed && !enrolment!.IsCompleted)
            {
                ledger.Complete(enrolment, course, completed, string.IsNullOrWhiteSpace(record.Certificate) ? null : record.Certificate.Trim());
                result.Completed++;
            }
            else if (!isNew)
            {
                result.Unchanged++;
            }

            result.Accepted++;
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

    private static TrainingResultRejection Rejection(int index, TrainingResultRecord record, string field, string reason) => new()
    {
        Index = index, ClientRef = record.ClientRef, Field = field, Reason = reason,
    };

    private static void Merge(TrainingResultSummary summary, BatchResult result)
    {
        summary.Accepted += result.Accepted;
        summary.Rejected += result.Rejections.Count;
        summary.Enrolled += result.Enrolled;
        summary.Completed += result.Completed;
        summary.Unchanged += result.Unchanged;
        BatchedImport.Report(summary.Rejections, result.Rejections, r => r.Index);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Training results imported: {Received} received, {Accepted} accepted, {Rejected} rejected, {Completed} completions in {Seconds:0.0} s")]
    private static partial void LogImported(ILogger logger, int received, int accepted, int rejected, int completed, double seconds);

    private sealed class BatchResult
    {
        public int Accepted { get; set; }

        public int Enrolled { get; set; }

        public int Completed { get; set; }

        public int Unchanged { get; set; }

        public List<TrainingResultRejection> Rejections { get; } = [];
    }
}
