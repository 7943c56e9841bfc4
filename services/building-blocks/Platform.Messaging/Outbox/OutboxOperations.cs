using Npgsql;

namespace Platform.Messaging.Outbox;

/// <summary>What an operator does with a service's outbox (deploy/Platform.Ops): see what waits or was set aside, re-drive it.</summary>
public static class OutboxOperations
{
    /// <summary>Rows not yet sent: due, waiting after a refusal, and set aside.</summary>
    public static async Task<OutboxBacklog> BacklogAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FILTER (WHERE dead_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())),
                   count(*) FILTER (WHERE dead_at IS NULL AND next_attempt_at > now()),
                   count(*) FILTER (WHERE dead_at IS NOT NULL)
            FROM outbox_messages WHERE sent_at IS NULL
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new OutboxBacklog(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Rows set aside after their attempts, oldest first (at most <paramref name="max"/>).</summary>
    public static async Task<IReadOnlyList<SetAsideRow>> SetAsideAsync(string connectionString, int max = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT sequence, message_id, message_type, partition_key, attempts, dead_at, last_error FROM outbox_messages " +
            "WHERE sent_at IS NULL AND dead_at IS NOT NULL ORDER BY sequence LIMIT @max",
            connection);
        command.Parameters.AddWithValue("max", max);
        var rows = new List<SetAsideRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SetAsideRow(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetInt32(4), reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return rows;
    }

    /// <summary>Puts set-aside rows back in line (all, or those with the given sequences): the dispatcher publishes them again.</summary>
    public static async Task<int> RedriveAsync(string connectionString, IReadOnlyCollection<long>? sequences = null, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE outbox_messages SET dead_at = NULL, attempts = 0, next_attempt_at = NULL " +
            "WHERE sent_at IS NULL AND dead_at IS NOT NULL AND (@all OR sequence = ANY(@sequences))",
            connection);
        command.Parameters.AddWithValue("all", sequences is null);
        command.Parameters.AddWithValue("sequences", (sequences ?? []).ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public sealed record OutboxBacklog(long Due, long Waiting, long SetAside)
{
    public long Total => Due + Waiting + SetAside;
}

public sealed record SetAsideRow(long Sequence, Guid MessageId, string MessageType, string? PartitionKey, int Attempts, DateTimeOffset DeadAt, string? LastError);
