using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Messaging.Inbox;

/// <summary>
/// The inbox, set-based: one INSERT … ON CONFLICT DO NOTHING for a whole batch tells which messages are new
/// to this consumer. It runs in the batch's transaction, so a message counts as handled exactly when its
/// effects commit; a redelivery (or a second copy in the same batch) finds its row and is skipped.
/// </summary>
public static class InboxClaims
{
    private const string Sql =
        "INSERT INTO inbox_messages (message_id, consumer, processed_at) " +
        "SELECT id, @consumer, @now FROM unnest(@ids) AS id " +
        "ON CONFLICT DO NOTHING RETURNING message_id";

    /// <summary>Claims <paramref name="messageIds"/> for <paramref name="consumer"/>; returns the ones not seen before.</summary>
    public static async Task<HashSet<Guid>> ClaimAsync(DbContext db, string consumer, IReadOnlyCollection<Guid> messageIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("The inbox is claimed inside the transaction of the effects it guards.");
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(Sql, connection, (NpgsqlTransaction)transaction.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter("consumer", NpgsqlDbType.Varchar) { Value = consumer });
        command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now });
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = messageIds.ToArray() });
        var fresh = new HashSet<Guid>(messageIds.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            fresh.Add(reader.GetGuid(0));
        }

        return fresh;
    }
}
