using System.Diagnostics;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Ecology.V1;
using Platform.Ecology.Data;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Grpc;

namespace Platform.Ecology.Grpc;

/// <summary>What one batch of a feed did: newly recorded, recorded already, refused with reasons.</summary>
internal sealed class FeedBatch
{
    public int Accepted { get; set; }

    public int Unchanged { get; set; }

    public List<FeedRejection> Rejections { get; } = [];

    public void Reject(int index, string clientRef, string field, string reason) =>
        Rejections.Add(new FeedRejection { Index = index, ClientRef = clientRef, Field = Wire(field), Reason = reason });

    /// <summary>The rules name REST fields (camelCase); a feed's are snake_case and the person is its ID number.</summary>
    private static string Wire(string field) => field switch
    {
        "memberId" or "householdId" or "payeeMemberId" or "id" => "id_number",
        _ => string.Concat(field.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())),
    };
}

/// <summary>
/// The ecology feeds' common run (on <see cref="BatchedImport"/>): the call's records read first, then
/// applied in batches of 500, each batch in one transaction whose new rows (records and their outbox events)
/// go in by COPY; a batch that fails at commit (another writer got in first) is applied again record by
/// record, so one record never takes good ones with it.
/// </summary>
internal static partial class FeedRun
{
    public static async Task<FeedSummary> RunAsync<TRecord>(
        string feed,
        IAsyncStreamReader<TRecord> records,
        EcologyDbContext db,
        BatchCommit commit,
        Func<TRecord, string> clientRef,
        Func<IReadOnlyList<(int Index, TRecord Record)>, FeedBatch, CancellationToken, Task> apply,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var summary = new FeedSummary();
        summary.Received = await BatchedImport.RunAsync<TRecord, FeedBatch>(
            records,
            async (batch, token) =>
            {
                var result = new FeedBatch();
                try
                {
                    await apply(batch, result, token);
                    return await commit.TryCommitAsync(db, null, token) ? result : null;
                }
                catch (Exception error) when (ConcurrentChange.Is(error))
                {
                    return null;
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            },
            (index, record) =>
            {
                var conflicted = new FeedBatch();
                conflicted.Reject(index, clientRef(record), "id", BatchedImport.ConflictReason);
                return conflicted;
            },
            result => Merge(summary, result),
            cancellationToken);
        LogFed(logger, feed, summary.Received, summary.Accepted, summary.Unchanged, summary.Rejected, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return summary;
    }

    public static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Merge(FeedSummary summary, FeedBatch result)
    {
        summary.Accepted += result.Accepted;
        summary.Unchanged += result.Unchanged;
        summary.Rejected += result.Rejections.Count;
        BatchedImport.Report(summary.Rejections, result.Rejections, r => r.Index);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ecology feed {Feed}: {Received} received, {Accepted} accepted, {Unchanged} unchanged, {Rejected} rejected in {Seconds:0.0} s")]
    private static partial void LogFed(ILogger logger, string feed, int received, int accepted, int unchanged, int rejected, double seconds);
}
