using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Data;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Commits one batch's unit of work (a feed's batch of records, one record alone) the same way in every service: its new
/// rows by binary COPY (records, income rows, outbox events), the rest by SaveChanges, then work that reads what the batch
/// wrote and its rows, the request's audit row, all in one transaction (the caller's, if it began one). Rows written by COPY bypass SaveChanges, whose
/// commit would wake the outbox dispatcher, so the commit wakes it when it copied outbox rows: the batch's events leave at
/// once rather than at the dispatcher's next poll.
/// </summary>
public sealed class BatchCommit(OutboxSignal signal, AuditCommits? audit = null)
{
    /// <summary>
    /// True when committed (or there was nothing to write); false when the unit met a concurrent change
    /// (<see cref="ConcurrentChange"/>): nothing of it is written, and the caller may apply it again on fresh data.
    /// </summary>
    /// <param name="after">Work that reads what the batch wrote (e.g. its households' guarantees), saved in the same transaction.</param>
    public async Task<bool> TryCommitAsync(DbContext db, Func<Task>? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ChangeTracker.DetectChanges();
        if (after is null && !db.ChangeTracker.HasChanges())
        {
            return true;
        }

        // A unit that took transaction-level locks while it read (relocation's owners and villages) began the transaction itself.
        await using var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var transaction = owned ?? db.Database.CurrentTransaction!;
        try
        {
            var copiedEvents = await WriteAsync(db, cancellationToken);
            if (after is not null)
            {
                await after();
                copiedEvents |= await WriteAsync(db, cancellationToken);
            }

            if (audit is not null)
            {
                await audit.BeforeCommitAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            if (copiedEvents)
            {
                signal.Notify();
            }

            return true;
        }
        catch (Exception error) when (ConcurrentChange.Is(error))
        {
            return false; // disposing the transaction rolls it back
        }
    }

    private static async Task<bool> WriteAsync(DbContext db, CancellationToken cancellationToken)
    {
        var copied = await AddedRowsCopy.CopyAsync(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return copied.Keys.Any(type => type.ClrType == typeof(OutboxMessage));
    }
}
