using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Platform.ServiceDefaults.Audit;

/// <summary>
/// Verifies the audit log's hash chain (see <see cref="AuditSchema"/>): entry by entry in chain order,
/// its place follows the one before, it holds the hash of the one before, and its own hash matches
/// its contents; the last entry is the chain's head. Reports the first entry where any of that fails.
/// Needs SELECT on audit.entries and audit.chain_head (the writer role has it).
/// </summary>
public static class AuditChain
{
    private const string Query = """
        SELECT seq, id, at, service, subject, role, client_id, action, resource, resource_id,
               outcome_status, outcome, source_address, trace_id, detail, prev_hash, hash
        FROM audit.entries ORDER BY seq
        """;

    public static async Task<AuditChainReport> VerifyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for the entries and the head, however many are written meanwhile.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        long entries = 0;
        long? firstSeq = null;
        (long Seq, byte[] Hash)? previous = null;
        await using (var command = new NpgsqlCommand(Query, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var seq = reader.GetInt64(0);
                var id = reader.GetInt64(1);
                var prevHash = reader.GetFieldValue<byte[]>(15);
                var hash = reader.GetFieldValue<byte[]>(16);
                firstSeq ??= seq;
                if (previous is { } before)
                {
                    if (seq != before.Seq + 1)
                    {
                        return Broken(entries, firstSeq, before.Seq, seq, id, $"it follows seq {before.Seq}: the entries in between are missing");
                    }

                    if (!prevHash.AsSpan().SequenceEqual(before.Hash))
                    {
                        return Broken(entries, firstSeq, before.Seq, seq, id, $"it does not hold the hash of seq {before.Seq}: that entry was changed or replaced");
                    }
                }

                if (!Hash(prevHash, reader).AsSpan().SequenceEqual(hash))
                {
                    return Broken(entries, firstSeq, previous?.Seq, seq, id, "its contents do not match its hash: it was changed after it was written");
                }

                entries++;
                previous = (seq, hash);
            }
        }

        await using (var head = new NpgsqlCommand("SELECT seq, hash FROM audit.chain_head", connection, transaction))
        await using (var reader = await head.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                var headSeq = reader.GetInt64(0);
                var headHash = reader.GetFieldValue<byte[]>(1);
                if (headSeq != (previous?.Seq ?? 0) || (previous is { } last && !headHash.AsSpan().SequenceEqual(last.Hash)))
                {
                    return Broken(entries, firstSeq, previous?.Seq, headSeq, 0, $"the chain's head is at seq {headSeq} but the log ends at seq {previous?.Seq ?? 0}: entries at the end are missing");
                }
            }
        }

        return new AuditChainReport(entries, firstSeq, previous?.Seq, previous is { } end ? Convert.ToHexStringLower(end.Hash) : null, null);
    }

    /// <summary>
    /// Writes the verification to <paramref name="output"/> for an operator and returns the exit
    /// code: 0 intact, 1 broken.
    /// </summary>
    public static async Task<int> ReportAsync(NpgsqlDataSource dataSource, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var report = await VerifyAsync(dataSource, cancellationToken);
        await output.WriteLineAsync(report.ToString());
        return report.Intact ? 0 : 1;
    }

    /// <summary>SHA-256 over the hash before and the entry's fields (the database's audit.entry_text).</summary>
    private static byte[] Hash(byte[] prevHash, NpgsqlDataReader entry)
    {
        var text = new StringBuilder();
        void Field(string? value) => text.Append(value is null
            ? "-"
            : string.Create(CultureInfo.InvariantCulture, $"{Encoding.UTF8.GetByteCount(value)}:{value}"));
        string? Text(int ordinal) => entry.IsDBNull(ordinal) ? null : entry.GetString(ordinal);

        Field(entry.GetInt64(0).ToString(CultureInfo.InvariantCulture));
        var at = entry.GetFieldValue<DateTimeOffset>(2);
        Field(((at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond).ToString(CultureInfo.InvariantCulture));
        for (var ordinal = 3; ordinal <= 9; ordinal++)
        {
            Field(Text(ordinal));
        }

        Field(entry.GetInt32(10).ToString(CultureInfo.InvariantCulture));
        for (var ordinal = 11; ordinal <= 14; ordinal++)
        {
            Field(Text(ordinal));
        }

        return SHA256.HashData([.. prevHash, .. Encoding.UTF8.GetBytes(text.ToString())]);
    }

    private static AuditChainReport Broken(long entries, long? firstSeq, long? lastGoodSeq, long seq, long id, string reason) =>
        new(entries, firstSeq, lastGoodSeq, null, new AuditChainBreak(seq, id, reason));
}

/// <summary>What <see cref="AuditChain.VerifyAsync"/> found: how many entries verified, and the first break if any.</summary>
public sealed record AuditChainReport(long Entries, long? FirstSeq, long? LastSeq, string? HeadHash, AuditChainBreak? FirstBreak)
{
    public bool Intact => FirstBreak is null;

    public override string ToString()
    {
        if (FirstBreak is { } broken)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"Audit chain BROKEN at seq {broken.Seq}{(broken.Id > 0 ? $" (entry id {broken.Id})" : "")}: {broken.Reason}. " +
                $"{Entries} entries before it verified{(LastSeq is { } last ? $" (seq {FirstSeq}–{last})" : "")}.");
        }

        if (Entries == 0)
        {
            return "Audit chain intact: the log is empty.";
        }

        var purged = FirstSeq > 1 ? $"; entries before seq {FirstSeq} were purged by retention" : "";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Audit chain intact: {Entries} entries, seq {FirstSeq}–{LastSeq}{purged}. Head hash {HeadHash} (note it: a later check must reach it again).");
    }
}

/// <summary>The first entry where the chain does not hold, and why.</summary>
public sealed record AuditChainBreak(long Seq, long Id, string Reason);
