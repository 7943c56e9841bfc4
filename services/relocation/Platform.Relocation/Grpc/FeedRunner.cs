using System.Diagnostics;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Relocation.V1;
using Platform.Messaging.Outbox;
using Platform.Relocation.Data;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Grpc;

namespace Platform.Relocation.Grpc;

/// <summary>One feed's handling of a batch of records in one unit of work (resolved from the unit's own scope).</summary>
public interface IFeedBatch<TRecord>
{
    Task ApplyAsync(FeedUnit unit, IReadOnlyList<(int Index, TRecord Record)> batch, CancellationToken cancellationToken);
}

/// <summary>
/// The verdicts of one unit of work of a feed: each record accepted, unchanged or rejected. A record
/// rejected after it had begun to change things makes the unit void: it is applied again record by record,
/// so that the rejected one leaves nothing behind.
/// </summary>
public sealed class FeedUnit(IServiceProvider services, FeedCaller caller)
{
    public IServiceProvider Services { get; } = services;

    /// <summary>Who sends the feed, as the records name them (the portal user or the department's client).</summary>
    public string Actor { get; } = caller.Actor;

    /// <summary>The caller's data scope: every person and place a record names is looked up inside it.</summary>
    public DataScope Scope { get; } = caller.Scope;

    public int Accepted { get; private set; }

    public int Unchanged { get; private set; }

    public List<FeedRejection> Rejections { get; } = [];

    /// <summary>A record was rejected after it had changed the unit of work.</summary>
    public bool Void { get; private set; }

    public void Accept(bool changed)
    {
        if (changed)
        {
            Accepted++;
        }
        else
        {
            Unchanged++;
        }
    }

    public void Reject(int index, string? clientRef, string field, string reason, bool afterChanges = false)
    {
        Rejections.Add(new FeedRejection { Index = index, ClientRef = clientRef ?? string.Empty, Field = field, Reason = reason });
        Void |= afterChanges;
    }
}

/// <summary>
/// Runs a departmental feed of this pillar on the building block's shape (<see cref="BatchedImport"/>): the
/// call's records read whole, applied in batches, each batch in one transaction with its guarantee
/// assessments and events (new rows by binary COPY); a batch whose commit fails, or that rejected a record
/// halfway, is applied again one record per transaction. Callers: county roles and the pillar's own department
/// (<see cref="PlatformPolicies.PillarFeed"/> on every method; township and village staff record one case at a
/// time in the portal).
/// </summary>
public sealed partial class FeedRunner(IServiceScopeFactory scopes, BatchCommit commit, ILogger<FeedRunner> logger)
{
    public async Task<FeedSummary> RunAsync<TRecord, TFeed>(IAsyncStreamReader<TRecord> records, Func<TRecord, string> clientRef, ServerCallContext context)
        where TFeed : IFeedBatch<TRecord>
    {
        var caller = FeedCaller.Of(context);
        var started = Stopwatch.GetTimestamp();
        var summary = new FeedSummary();
        summary.Received = await BatchedImport.RunAsync<TRecord, FeedUnit>(
            records,
            (batch, ct) => TryApplyAsync<TRecord, TFeed>(batch, caller, ct),
            (index, record) =>
            {
                var unit = new FeedUnit(EmptyServices.Instance, caller);
                unit.Reject(index, clientRef(record), "client_ref", BatchedImport.ConflictReason);
                return unit;
            },
            unit => Merge(summary, unit),
            context.CancellationToken);
        LogFeed(logger, typeof(TFeed).Name, summary.Received, summary.Accepted, summary.Unchanged, summary.Rejected, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return summary;
    }

    private async Task<FeedUnit?> TryApplyAsync<TRecord, TFeed>(IReadOnlyList<(int Index, TRecord Record)> batch, FeedCaller caller, CancellationToken cancellationToken)
        where TFeed : IFeedBatch<TRecord>
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RelocationDbContext>();
        // The feeds look things up in their own indexes; changes are detected once, before saving.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var unit = new FeedUnit(scope.ServiceProvider, caller);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await ActivatorUtilities.GetServiceOrCreateInstance<TFeed>(scope.ServiceProvider).ApplyAsync(unit, batch, cancellationToken);
            if (unit.Void)
            {
                // One record per transaction then; alone, the rejected record's changes are simply not saved.
                return batch.Count == 1 ? unit : null;
            }

            return await commit.TryCommitAsync(db, null, cancellationToken) ? unit : null;
        }
        catch (Exception error) when (ConcurrentChange.Is(error))
        {
            // Another writer got there first while the unit read: nothing of it is committed.
            return null;
        }
    }

    private static void Merge(FeedSummary summary, FeedUnit unit)
    {
        summary.Accepted += unit.Accepted;
        summary.Unchanged += unit.Unchanged;
        summary.Rejected += unit.Rejections.Count;
        BatchedImport.Report(summary.Rejections, unit.Rejections, r => r.Index);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed}: {Received} received, {Accepted} accepted, {Unchanged} unchanged, {Rejected} rejected in {Seconds:0.0} s")]
    private static partial void LogFeed(ILogger logger, string feed, int received, int accepted, int unchanged, int rejected, double seconds);

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
