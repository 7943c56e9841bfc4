using System.Diagnostics;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Education.Aid;
using Platform.Education.Data;
using Platform.Education.Domain;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.People;
using Platform.ServiceDefaults;

namespace Platform.Education.Grpc;

/// <summary>
/// Bulk grants from the education bureau's funding centre: each record is matched to a student by
/// resident ID number and name inside the caller's data scope (<see cref="PersonMatching"/>) and granted by the same rules as the portal's grant (<see cref="AidLedger"/>):
/// entitled student, open term, amount within the standard, never twice for a policy, student and term.
/// </summary>
public sealed partial class AidGrantImporter(EducationDbContext db, AidLedger ledger, TimeProvider clock, ILogger<AidGrantImporter> logger)
{
    /// <param name="caller">Whose scope the students are matched in, and who is named on the grants.</param>
    public async Task<AidGrantSummary> ImportAsync(IAsyncStreamReader<AidGrantRecord> records, FeedCaller caller, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var summary = new AidGrantSummary();
        summary.Received = await BatchedImport.RunAsync<AidGrantRecord, BatchResult>(
            records,
            (batch, ct) => TryApplyAsync(batch, caller, ct),
            (index, record) => new BatchResult { Rejections = { Rejection(index, record, "id_number", BatchedImport.ConflictReason) } },
            result => Merge(summary, result),
            cancellationToken);
        LogImported(logger, summary.Received, summary.Accepted, summary.Rejected, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return summary;
    }

    private async Task<BatchResult?> TryApplyAsync(IReadOnlyList<(int Index, AidGrantRecord Record)> batch, FeedCaller caller, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var current = Term.Of(today);
        var result = new BatchResult();
        var parsed = new List<(int Index, AidGrantRecord Record, AidPolicy Policy, Term Term, decimal? Amount)>(batch.Count);
        foreach (var (index, record) in batch)
        {
            if (!Codes.TryParse<AidPolicy>(record.Policy, out var policy))
            {
                result.Rejections.Add(Rejection(index, record, "policy", $"资助项目应为：{Codes.List<AidPolicy>()}"));
                continue;
            }

            var term = current;
            if (!string.IsNullOrWhiteSpace(record.Term) && !Term.TryParse(record.Term, out term))
            {
                result.Rejections.Add(Rejection(index, record, "term", "学期格式应为“2026-autumn”或“2027-spring”"));
                continue;
            }

            if (!WireText.TryDecimal(record.Amount, out var amount))
            {
                result.Rejections.Add(Rejection(index, record, "amount", "金额应为以元为单位的数字，如“625.00”"));
                continue;
            }

            if (record.Note is { Length: > 200 })
            {
                result.Rejections.Add(Rejection(index, record, "note", "备注不超过200字"));
                continue;
            }

            parsed.Add((index, record, policy, term, amount));
        }

        var verdicts = await FeedPeople.CurrentStudents(db).MatchPeopleAsync(
            FeedPeople.Students, caller.Scope, parsed.Select(p => new PersonClaim(p.Record.IdNumber, p.Record.Name)).ToList(), today, cancellationToken);
        var studentIds = verdicts.Where(v => v.IsMatch).Select(v => v.Person!.Id).Distinct().ToList();
        var terms = parsed.Select(p => p.Term.ToString()).Distinct(StringComparer.Ordinal).ToList();
        var granted = (await db.AidGrants.AsNoTracking()
                .Where(g => studentIds.Contains(g.StudentId) && terms.Contains(g.Term))
                .Select(g => new { g.Policy, g.StudentId, g.Term })
                .ToListAsync(cancellationToken))
            .Select(g => (g.Policy, g.StudentId, g.Term))
            .ToHashSet();

        foreach (var ((index, record, policy, term, amount), verdict) in parsed.Zip(verdicts))
        {
            if (verdict.Person is not { } student)
            {
                result.Rejections.Add(Rejection(index, record, verdict.Field!, verdict.Reason!));
                continue;
            }

            if (granted.Contains((policy, student.Id, term.ToString())))
            {
                result.Rejections.Add(Rejection(index, record, "id_number", ledger.AlreadyGranted(policy, term)));
                result.AlreadyGranted++;
                continue;
            }

            var outcome = ledger.TryGrant(policy, student, term, amount, string.IsNullOrWhiteSpace(record.Note) ? null : record.Note.Trim(), caller.Actor, out _);
            if (!outcome.Succeeded)
            {
                result.Rejections.Add(Rejection(index, record, Wire(outcome.Field!), outcome.Error!));
                continue;
            }

            granted.Add((policy, student.Id, term.ToString()));
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

    /// <summary>The rules name REST fields; the feed's are snake_case and the student is its ID number.</summary>
    private static string Wire(string field) => field switch
    {
        "studentId" => "id_number",
        _ => field,
    };

    private static AidGrantRejection Rejection(int index, AidGrantRecord record, string field, string reason) => new()
    {
        Index = index, ClientRef = record.ClientRef, Field = field, Reason = reason,
    };

    private static void Merge(AidGrantSummary summary, BatchResult result)
    {
        summary.Accepted += result.Accepted;
        summary.Rejected += result.Rejections.Count;
        summary.AlreadyGranted += result.AlreadyGranted;
        BatchedImport.Report(summary.Rejections, result.Rejections, r => r.Index);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Aid grants imported: {Received} received, {Accepted} accepted, {Rejected} rejected in {Seconds:0.0} s")]
    private static partial void LogImported(ILogger logger, int received, int accepted, int rejected, double seconds);

    private sealed class BatchResult
    {
        public int Accepted { get; set; }

        public int AlreadyGranted { get; set; }

        public List<AidGrantRejection> Rejections { get; } = [];
    }
}
