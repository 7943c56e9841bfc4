using System.Text.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Industry.V1;
using Platform.Industry.Data;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Grpc;

namespace Platform.Industry.Grpc;

/// <summary>What one batch of a feed did: the accepted records by outcome, and a rejection per refused record.</summary>
public sealed class FeedBatch
{
    public int Created { get; private set; }

    public int Corrected { get; private set; }

    public int Unchanged { get; private set; }

    public int Accepted => Created + Corrected + Unchanged;

    public List<FeedRejection> Rejections { get; } = [];

    public void Create() => Created++;

    public void Correct() => Corrected++;

    public void Keep() => Unchanged++;

    /// <summary>Refuses a record; <paramref name="field"/> is the REST name (camelCase) or the feed's own, written snake_case.</summary>
    public void Reject(int index, string clientRef, string field, string reason) =>
        Rejections.Add(new FeedRejection { Index = index, ClientRef = clientRef, Field = FieldName(field), Reason = reason });

    /// <summary>Refuses a record on its first field error.</summary>
    public void Reject(int index, string clientRef, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Reject(index, clientRef, errors.First().Key, string.Join("；", errors.SelectMany(e => e.Value)));
    }

    /// <summary>The feed's field for a field of the rules: snake_case, and the person named by ID number rather than by id.</summary>
    private static string FieldName(string field) => field switch
    {
        "memberId" => "id_number",
        "entityId" => "entity_code",
        "baseId" => "base_code",
        "workshopId" => "workshop_code",
        "amount" => "amount_fen",
        "monthlyWage" => "monthly_wage_fen",
        _ => JsonNamingPolicy.SnakeCaseLower.ConvertName(field),
    };
}

/// <summary>
/// Runs a departmental feed the building blocks' way (<see cref="BatchedImport"/>): the call's records are read
/// whole, applied in batches of 500, each batch written in one transaction — its new rows (records, income rows,
/// outbox events) by binary COPY — with the call's audit row just before the commit; a batch that meets a concurrent
/// change is rolled back and applied again record by record, so one record never takes others with it.
/// </summary>
public sealed class FeedRunner(IndustryDbContext db, BatchCommit commit)
{
    public async Task<FeedSummary> RunAsync<TRecord>(
        IAsyncStreamReader<TRecord> records,
        Func<TRecord, string> clientRef,
        Func<IReadOnlyList<(int Index, TRecord Record)>, FeedBatch, CancellationToken, Task> apply,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientRef);
        ArgumentNullException.ThrowIfNull(apply);
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
                finally
                {
                    db.ChangeTracker.Clear();
                }
            },
            (index, record) =>
            {
                var conflicted = new FeedBatch();
                conflicted.Reject(index, clientRef(record), "client_ref", BatchedImport.ConflictReason);
                return conflicted;
            },
            result => Merge(summary, result),
            cancellationToken);
        return summary;
    }

    private static void Merge(FeedSummary summary, FeedBatch result)
    {
        summary.Accepted += result.Accepted;
        summary.Created += result.Created;
        summary.Corrected += result.Corrected;
        summary.Unchanged += result.Unchanged;
        summary.Rejected += result.Rejections.Count;
        BatchedImport.Report(summary.Rejections, result.Rejections, r => r.Index);
    }
}
