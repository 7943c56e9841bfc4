using System.Data.Common;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.ServiceDefaults.Audit;

/// <summary>The audit log could not be written: the change it would have recorded is not made (HTTP 503, gRPC Unavailable).</summary>
public sealed class AuditUnavailableException(Exception inner) : Exception("The audit log cannot be written.", inner);

/// <summary>
/// Marks an entity the platform keeps for its own bookkeeping (an idempotency key), not the caller's
/// data: saving only such entities is not a write the audit log records at commit.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AuditBookkeepingAttribute : Attribute;

/// <summary>
/// The audit row of the write a request is making, written just before the first commit of its data:
/// if the row cannot be written the commit does not happen, so a change is never stored without its
/// row. It records the outcome the endpoint declares for success; the audit middleware adds a second
/// row if the call then ends otherwise.
/// </summary>
internal sealed class PendingAudit(Func<int, CancellationToken, Task> write, int successStatus)
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>A save with the caller's data is in the transaction about to commit.</summary>
    public bool DataPending { get; set; }

    /// <summary>The status the row written at commit holds; null while none was written.</summary>
    public int? RecordedStatus { get; private set; }

    public async Task RecordBeforeCommitAsync(CancellationToken cancellationToken)
    {
        if (RecordedStatus is not null)
        {
            return;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (RecordedStatus is null)
            {
                await write(successStatus, cancellationToken);
                RecordedStatus = successStatus;
            }
        }
        finally
        {
            gate.Release();
        }
    }
}

/// <summary>
/// For code that commits the caller's data through a connection of its own (binary COPY): call
/// <see cref="BeforeCommitAsync"/> just before the commit. EF Core commits are covered by the
/// building blocks' interceptor.
/// </summary>
public sealed class AuditCommits(IHttpContextAccessor accessor)
{
    internal PendingAudit? Pending => accessor.HttpContext?.Features.Get<PendingAudit>();

    /// <summary>Writes the request's audit row now if it is not written yet; throws <see cref="AuditUnavailableException"/> if it cannot be.</summary>
    public Task BeforeCommitAsync(CancellationToken cancellationToken) =>
        Pending is { } pending ? pending.RecordBeforeCommitAsync(cancellationToken) : Task.CompletedTask;
}

/// <summary>
/// Writes the request's audit row before EF Core commits the caller's data: a save with data runs in a
/// transaction (even a single statement), and its commit waits for the row.
/// </summary>
internal sealed class AuditCommitInterceptor(AuditCommits commits) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (commits.Pending is { DataPending: true } pending)
        {
            pending.RecordBeforeCommitAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (commits.Pending is { DataPending: true } pending)
        {
            await pending.RecordBeforeCommitAsync(cancellationToken);
        }

        return result;
    }

    // Rolled back, the data is gone: a later commit in the request has its own to show.
    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget();
        return Task.CompletedTask;
    }

    private void Saving(DbContext? context)
    {
        if (context is null || commits.Pending is not { RecordedStatus: null } pending)
        {
            return;
        }

        var data = context.ChangeTracker.Entries().Any(entry =>
            entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && !Attribute.IsDefined(entry.Metadata.ClrType, typeof(AuditBookkeepingAttribute)));
        if (!data)
        {
            return;
        }

        pending.DataPending = true;
        if (context.Database.CurrentTransaction is null)
        {
            // Even one statement gets a transaction, so that there is a commit to write the row before.
            context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        }
    }

    private void Forget()
    {
        if (commits.Pending is { } pending)
        {
            pending.DataPending = false;
        }
    }
}
