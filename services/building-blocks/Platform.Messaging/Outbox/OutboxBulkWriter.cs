using Npgsql;
using NpgsqlTypes;
using Platform.Contracts;

namespace Platform.Messaging.Outbox;

/// <summary>
/// The bulk path's outbox: writes many events with binary COPY on the caller's connection, inside
/// the caller's transaction, so a bulk import commits its rows and their events together. Each event
/// starts a trace of its own (see <see cref="OutboxSerializer.ToOutboxMessage"/>).
/// </summary>
public static class OutboxBulkWriter
{
    public static async Task<int> CopyAsync(
        NpgsqlConnection connection,
        IEnumerable<IIntegrationEvent> events,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var count = 0;
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {MessagingModel.OutboxTable} ({string.Join(", ", MessagingModel.OutboxCopyColumns)}) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var integrationEvent in events)
        {
            var row = OutboxSerializer.ToOutboxMessage(integrationEvent, now, continueTrace: false);
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(row.MessageId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(row.MessageType, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(row.Body, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(writer, row.PartitionKey, cancellationToken);
            await WriteNullableAsync(writer, row.Audience, cancellationToken);
            await WriteNullableAsync(writer, row.TraceParent, cancellationToken);
            await WriteNullableAsync(writer, row.TraceState, cancellationToken);
            await writer.WriteAsync(row.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            count++;
        }

        await writer.CompleteAsync(cancellationToken);
        return count;
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);
}
