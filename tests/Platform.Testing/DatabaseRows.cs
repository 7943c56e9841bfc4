using Npgsql;

namespace Platform.Testing;

/// <summary>
/// What every table of some databases holds — its rows, counted, and a fingerprint of their versions
/// (the sum of a hash of each row's place and writing transaction, ctid and xmin: PostgreSQL writes a
/// new version of a row for every update, so a row changed in place shows as well as one added or
/// deleted, even when it was written with the values it had) — to show that a call changed nothing:
/// take a <see cref="CountAsync"/> before and after and compare.
/// </summary>
public sealed class DatabaseRows(IEnumerable<string> connectionStrings)
{
    private readonly IReadOnlyList<string> databases = connectionStrings.ToList();

    /// <summary>
    /// Per database, its tables and the statement that counts them, made at the first count: a service's schema does
    /// not change while it runs, and listing the tables costs as much as counting them (a check that counts after
    /// every call of a long list spent most of its minutes doing both).
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (IReadOnlyList<string> Tables, string Sql)> statements = new(StringComparer.Ordinal);

    /// <summary>"database.table" → (rows, fingerprint of the rows), for every table (migration history left out).</summary>
    public async Task<IReadOnlyDictionary<string, (long Rows, long Fingerprint)>> CountAsync(CancellationToken cancellationToken = default)
    {
        // The databases side by side: each its own connection and statement.
        var perDatabase = await Task.WhenAll(databases.Select(database => CountDatabaseAsync(database, cancellationToken)));
        var counts = new SortedDictionary<string, (long Rows, long Fingerprint)>(StringComparer.Ordinal);
        foreach (var (table, count) in perDatabase.SelectMany(tables => tables))
        {
            counts[table] = count;
        }

        return counts;
    }

    private async Task<List<(string Table, (long Rows, long Fingerprint) Count)>> CountDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (!statements.TryGetValue(connectionString, out var statement))
        {
            statement = await StatementAsync(connection, cancellationToken);
            if (statement.Tables.Count > 0)
            {
                // Not while the database is still empty: its service may not have migrated it yet.
                statements[connectionString] = statement;
            }
        }

        var (tables, sql) = statement;
        var counts = new List<(string, (long, long))>(tables.Count);
        if (tables.Count == 0)
        {
            return counts;
        }

        await using var count = new NpgsqlCommand(sql, connection);
        // Prepared once per pooled connection: the statement names every table twice.
        await count.PrepareAsync(cancellationToken);
        await using var row = await count.ExecuteReaderAsync(cancellationToken);
        await row.ReadAsync(cancellationToken);
        for (var i = 0; i < tables.Count; i++)
        {
            counts.Add(($"{connection.Database}.{tables[i]}", (row.GetInt64(2 * i), row.GetInt64((2 * i) + 1))));
        }

        return counts;
    }

    /// <summary>The database's tables, and one statement that counts them all, so the counts are of one moment.</summary>
    private static async Task<(IReadOnlyList<string> Tables, string Sql)> StatementAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '__EFMigrationsHistory' ORDER BY table_name",
            connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var sql = "SELECT " + string.Join(", ", tables.Select((t, i) =>
            $"(SELECT count(*) FROM \"{t}\") AS c{i}, (SELECT coalesce(sum(hashtext(ctid::text || xmin::text)::bigint), 0) FROM \"{t}\")::bigint AS f{i}"));
        return (tables, sql);
    }

    /// <summary>The tables that differ, as "table: 12 → 13 rows" or "table: rows changed in place".</summary>
    public static IReadOnlyList<string> Differences(
        IReadOnlyDictionary<string, (long Rows, long Fingerprint)> before, IReadOnlyDictionary<string, (long Rows, long Fingerprint)> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return before.Keys.Union(after.Keys)
            .Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t))
            .Select(t => before.GetValueOrDefault(t).Rows != after.GetValueOrDefault(t).Rows
                ? $"{t}: {before.GetValueOrDefault(t).Rows} → {after.GetValueOrDefault(t).Rows} rows"
                : $"{t}: rows changed in place")
            .ToList();
    }

    /// <summary>How many rows were added or deleted in all, and how many tables had rows changed in place.</summary>
    public static (long RowsAddedOrDeleted, int TablesChangedInPlace) Changes(
        IReadOnlyDictionary<string, (long Rows, long Fingerprint)> before, IReadOnlyDictionary<string, (long Rows, long Fingerprint)> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var tables = before.Keys.Union(after.Keys).ToList();
        return (
            tables.Sum(t => Math.Abs(after.GetValueOrDefault(t).Rows - before.GetValueOrDefault(t).Rows)),
            tables.Count(t => after.GetValueOrDefault(t).Rows == before.GetValueOrDefault(t).Rows && after.GetValueOrDefault(t) != before.GetValueOrDefault(t)));
    }

    /// <summary>
    /// Waits until the databases are still — no unsent outbox rows, and the same counts for
    /// <paramref name="quiet"/> (events in flight are applied by then) — and returns the counts.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (long Rows, long Fingerprint)>> SettledAsync(TimeSpan patience, TimeSpan? quiet = null)
    {
        var stillFor = quiet ?? TimeSpan.FromSeconds(1.5);
        IReadOnlyDictionary<string, (long Rows, long Fingerprint)>? last = null;
        var lastChange = System.Diagnostics.Stopwatch.StartNew();
        return await Eventually.ReturnsAsync(
            async () =>
            {
                var now = await CountAsync();
                if (last is null || Differences(last, now).Count > 0 || await UnsentAsync() > 0)
                {
                    last = now;
                    lastChange.Restart();
                    return null;
                }

                return lastChange.Elapsed >= stillFor ? now : null;
            },
            patience,
            "the services have applied every event (the databases are still)");
    }

    /// <summary>Outbox rows not yet published, in all the databases that have an outbox.</summary>
    private async Task<long> UnsentAsync()
    {
        long unsent = 0;
        foreach (var connectionString in databases)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT to_regclass('public.outbox_messages') IS NOT NULL", connection);
            if ((bool)(await exists.ExecuteScalarAsync())!)
            {
                await using var count = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND dead_at IS NULL", connection);
                unsent += (long)(await count.ExecuteScalarAsync())!;
            }
        }

        return unsent;
    }
}
