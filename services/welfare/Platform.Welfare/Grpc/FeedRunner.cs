using System.Diagnostics;
using System.Text;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Welfare.V1;
using Platform.Messaging.Households;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.People;
using Platform.Welfare.Data;

namespace Platform.Welfare.Grpc;

/// <summary>One batch's verdicts, merged into the call's <see cref="FeedSummary"/>.</summary>
public sealed class FeedBatch
{
    public int Accepted { get; set; }

    public int Unchanged { get; set; }

    public int LargeExpenses { get; set; }

    public List<FeedRejection> Rejections { get; } = [];

    public void Reject(int index, string clientRef, string field, string reason) =>
        Rejections.Add(new FeedRejection { Index = index, ClientRef = clientRef, Field = FeedFields.Wire(field), Reason = reason });

    /// <summary>An accepted record; <paramref name="changed"/> false when it was recorded before and changed nothing.</summary>
    public void Accept(bool changed)
    {
        Accepted++;
        Unchanged += changed ? 0 : 1;
    }
}

/// <summary>
/// Runs a departmental feed the platform's way (<see cref="BatchedImport"/>): the call read whole, then applied in
/// batches, each batch in a unit of work of its own (a fresh scope: its DbContext and ledgers) committed in one
/// transaction — new rows by COPY — and, when the commit fails, again one record per transaction; one summary with
/// a verdict for every record.
/// </summary>
public sealed partial class FeedRunner(IServiceScopeFactory scopes, ILogger<FeedRunner> logger)
{
    public async Task<FeedSummary> RunAsync<TRecord>(
        string feed,
        IAsyncStreamReader<TRecord> records,
        Func<TRecord, string> clientRef,
        Func<IServiceProvider, IReadOnlyList<(int Index, TRecord Record)>, CancellationToken, Task<FeedBatch?>> apply,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var summary = new FeedSummary();
        summary.Received = await BatchedImport.RunAsync<TRecord, FeedBatch>(
            records,
            async (batch, token) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                return await apply(scope.ServiceProvider, batch, token);
            },
            (index, record) =>
            {
                var conflicted = new FeedBatch();
                conflicted.Reject(index, clientRef(record), "id_number", BatchedImport.ConflictReason);
                return conflicted;
            },
            result => Merge(summary, result),
            cancellationToken);
        LogImported(logger, feed, summary.Received, summary.Accepted, summary.Unchanged, summary.Rejected, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return summary;
    }

    private static void Merge(FeedSummary summary, FeedBatch batch)
    {
        summary.Accepted += batch.Accepted;
        summary.Unchanged += batch.Unchanged;
        summary.LargeExpenses += batch.LargeExpenses;
        summary.Rejected += batch.Rejections.Count;
        BatchedImport.Report(summary.Rejections, batch.Rejections, r => r.Index);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: {Received} received, {Accepted} accepted ({Unchanged} unchanged), {Rejected} rejected in {Seconds:0.0} s")]
    private static partial void LogImported(ILogger logger, string feed, int received, int accepted, int unchanged, int rejected, double seconds);
}

/// <summary>The feeds' people: the registry's current members, matched by ID number and name in the caller's scope (<see cref="PersonMatching"/>).</summary>
internal static class FeedPeople
{
    private static readonly PersonShape<ReplicaMember> Members = new(
        HouseholdReplicaModel.MemberColumns.IdNumber,
        HouseholdReplicaModel.MemberColumns.Name,
        HouseholdReplicaModel.MemberColumns.TownshipCode,
        HouseholdReplicaModel.MemberColumns.VillageCode);

    public static Task<IReadOnlyList<PersonVerdict<ReplicaMember>>> MatchAsync(
        WelfareDbContext db, FeedCaller caller, IEnumerable<(string? IdNumber, string? Name)> claims, DateOnly today, CancellationToken cancellationToken) =>
        db.ReplicaMembers.AsNoTracking().Where(m => m.LeftAt == null)
            .MatchPeopleAsync(Members, caller.Scope, claims.Select(c => new PersonClaim(c.IdNumber, c.Name)).ToList(), today, cancellationToken);
}

/// <summary>The feeds' field names and values: snake_case fields, decimal strings, ISO dates.</summary>
public static class FeedFields
{
    public const string AmountFormat = "金额应为以元为单位的数字，如“12000.00”";

    public const string DateFormat = "日期格式应为 yyyy-MM-dd";

    /// <summary>A rule's REST field as the feed's record names it: the person is their ID number, the rest snake_case.</summary>
    public static string Wire(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field is "memberId" or "householdId")
        {
            return PersonMatching.IdNumberField;
        }

        var wire = new StringBuilder(field.Length + 4);
        foreach (var c in field)
        {
            if (char.IsUpper(c))
            {
                wire.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                wire.Append(c);
            }
        }

        return wire.ToString();
    }
}
