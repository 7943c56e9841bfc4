using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Platform.Testing;

/// <summary>
/// PostgreSQL's plan of an EF query, as a hot path runs it: <c>EXPLAIN</c> of the very command EF sends, with its
/// parameters, with sequential scans off as an event batch has them (so the plan shows what the indexes allow,
/// whatever the test table's size). A test asserts the conditions an index resolves, not a time.
/// </summary>
public static class QueryPlans
{
    /// <summary>The plan's text (EXPLAIN, FORMAT TEXT) of <paramref name="query"/>.</summary>
    public static async Task<string> ExplainAsync<T>(DbContext db, IQueryable<T> query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off", cancellationToken);
            await using var command = (NpgsqlCommand)query.CreateDbCommand();
            command.Transaction = (NpgsqlTransaction)transaction.GetDbTransaction();
            command.CommandText = "EXPLAIN " + command.CommandText;
            var lines = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    lines.Add(reader.GetString(0));
                }
            }

            await transaction.RollbackAsync(cancellationToken);
            return string.Join('\n', lines);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
