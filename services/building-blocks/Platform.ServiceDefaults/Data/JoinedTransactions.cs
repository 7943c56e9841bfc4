using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Platform.ServiceDefaults.Data;

public static class JoinedTransactions
{
    /// <summary>
    /// Begins a transaction, or joins the one the context already runs in — an idempotent POST's, whose key, write and
    /// answer commit together (see <c>WithIdempotency</c>). A joined transaction is committed or rolled back by its
    /// owner: here commit and rollback do nothing, and a write that fails inside it is undone to EF Core's savepoint.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginOrJoinTransactionAsync(this DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.CurrentTransaction is { } current
            ? new Joined(current)
            : await database.BeginTransactionAsync(cancellationToken);
    }

    private sealed class Joined(IDbContextTransaction owner) : IDbContextTransaction
    {
        public Guid TransactionId => owner.TransactionId;

        public void Commit()
        {
        }

        public Task CommitAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public void Rollback()
        {
        }

        public Task RollbackAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
