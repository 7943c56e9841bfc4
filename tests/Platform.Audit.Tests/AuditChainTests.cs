using Npgsql;
using Platform.ServiceDefaults.Audit;
using Platform.Testing;

namespace Platform.Audit.Tests;

/// <summary>
/// Every entry holds the hash of the one before (computed by the database as the entry is inserted,
/// writers serialised on the chain's head), so a changed or removed entry breaks the chain where it
/// happened, and the verifier (deploy/Platform.Ops "audit-verify") names the first break.
/// </summary>
public sealed class AuditChainTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task Each_entry_holds_the_hash_of_the_one_before_even_with_many_writers_at_once()
    {
        await using var database = await AuditDatabase.CreateAsync(fixture.Infrastructure);
        await using var writer = NpgsqlDataSource.Create(database.WriterConnectionString);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await InsertAsync(writer, $"writer-{w}-{i}");
            }
        })));

        var report = await AuditChain.VerifyAsync(database.Owner, CancellationToken.None);
        Assert.True(report.Intact, report.ToString());
        Assert.Equal((320, 1L, 320L), (report.Entries, report.FirstSeq, report.LastSeq));
        Assert.Equal(320, await database.CountAsync("hash IS NOT NULL AND prev_hash IS NOT NULL"));
    }

    [Fact]
    public async Task A_writer_cannot_choose_the_chain_values_of_its_entry()
    {
        await using var database = await AuditDatabase.CreateAsync(fixture.Infrastructure);
        await using var writer = NpgsqlDataSource.Create(database.WriterConnectionString);
        await InsertAsync(writer, "first");

        await using (var forged = writer.CreateCommand(
            "INSERT INTO audit.entries (at, service, subject, role, client_id, action, resource, outcome_status, outcome, source_address, trace_id, seq, prev_hash, hash) " +
            "VALUES (now(), 'tests', 'forger', '', '', 'POST /x', 'x', 201, 'succeeded', '127.0.0.1', 't', 99, '\\x00', '\\x00')"))
        {
            await forged.ExecuteNonQueryAsync();
        }

        Assert.True((await AuditChain.VerifyAsync(database.Owner, CancellationToken.None)).Intact);
        Assert.Equal(1, await database.CountAsync("subject = 'forger' AND seq = 2"));
    }

    [Fact]
    public async Task The_verifier_names_the_first_entry_that_was_changed()
    {
        await using var database = await WithEntriesAsync(10);

        // Only the owner can, and only by switching the append-only triggers off first.
        await Sql.ExecAsync(database.Owner, """
            ALTER TABLE audit.entries DISABLE TRIGGER USER;
            UPDATE audit.entries SET subject = 'someone-else' WHERE seq IN (4, 8);
            ALTER TABLE audit.entries ENABLE TRIGGER USER;
            """);

        var report = await AuditChain.VerifyAsync(database.Owner, CancellationToken.None);
        Assert.False(report.Intact);
        Assert.Equal(4, report.FirstBreak!.Seq);
        Assert.Contains("seq 4", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verifier_names_the_entry_after_one_that_was_removed()
    {
        await using var database = await WithEntriesAsync(10);

        await Sql.ExecAsync(database.Owner, """
            ALTER TABLE audit.entries DISABLE TRIGGER USER;
            DELETE FROM audit.entries WHERE seq = 6;
            ALTER TABLE audit.entries ENABLE TRIGGER USER;
            """);

        var report = await AuditChain.VerifyAsync(database.Owner, CancellationToken.None);
        Assert.False(report.Intact);
        Assert.Equal(7, report.FirstBreak!.Seq);
    }

    [Fact]
    public async Task The_ops_report_says_intact_or_where_it_broke_and_exits_accordingly()
    {
        await using var database = await WithEntriesAsync(3);

        using var intact = new StringWriter();
        Assert.Equal(0, await AuditChain.ReportAsync(database.Owner, intact, CancellationToken.None));
        Assert.Contains("intact", intact.ToString(), StringComparison.Ordinal);

        await Sql.ExecAsync(database.Owner, """
            ALTER TABLE audit.entries DISABLE TRIGGER USER;
            UPDATE audit.entries SET outcome = 'failed' WHERE seq = 2;
            ALTER TABLE audit.entries ENABLE TRIGGER USER;
            """);
        using var broken = new StringWriter();
        Assert.Equal(1, await AuditChain.ReportAsync(database.Owner, broken, CancellationToken.None));
        Assert.Contains("seq 2", broken.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_written_before_the_chain_existed_join_it_in_the_order_they_were_written()
    {
        await using var database = await AuditDatabase.CreateAsync(fixture.Infrastructure, withSchema: false);
        // The log as it was before the chain: the same table, no chain columns, an update trigger.
        await Sql.ExecAsync(database.Owner, """
            CREATE SCHEMA audit;
            CREATE TABLE audit.entries (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL, service text NOT NULL,
                subject text NOT NULL, role text NOT NULL, client_id text NOT NULL, action text NOT NULL, resource text NOT NULL,
                resource_id text NULL, outcome_status integer NOT NULL,
                outcome text NOT NULL CHECK (outcome IN ('succeeded', 'refused', 'failed')),
                source_address text NOT NULL, trace_id text NOT NULL, detail text NULL);
            CREATE FUNCTION audit.reject_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN RAISE EXCEPTION 'audit.entries is append-only: % is not allowed', TG_OP; END $fn$;
            CREATE TRIGGER entries_reject_update BEFORE UPDATE ON audit.entries FOR EACH STATEMENT EXECUTE FUNCTION audit.reject_change();
            """);
        for (var i = 1; i <= 5; i++)
        {
            await InsertAsync(database.Owner, $"before-{i}");
        }

        await AuditSchema.EnsureAsync(database.Owner, database.WriterRole, AuditDatabase.WriterPassword, CancellationToken.None);
        await using var writer = NpgsqlDataSource.Create(database.WriterConnectionString);
        await InsertAsync(writer, "after");

        var report = await AuditChain.VerifyAsync(database.Owner, CancellationToken.None);
        Assert.True(report.Intact, report.ToString());
        Assert.Equal((6, 1L, 6L), (report.Entries, report.FirstSeq, report.LastSeq));
        Assert.Equal(1, await database.CountAsync("subject = 'before-1' AND seq = 1"));
        Assert.Equal(1, await database.CountAsync("subject = 'after' AND seq = 6"));
        // Still append-only afterwards.
        await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(database.Owner, "UPDATE audit.entries SET subject = 'x'"));
    }

    /// <summary>A fresh audit log with <paramref name="count"/> entries, "subject-1" first.</summary>
    private async Task<AuditDatabase> WithEntriesAsync(int count)
    {
        var database = await AuditDatabase.CreateAsync(fixture.Infrastructure);
        for (var i = 1; i <= count; i++)
        {
            await InsertAsync(database.Owner, $"subject-{i}");
        }

        return database;
    }

    internal static async Task InsertAsync(NpgsqlDataSource dataSource, string subject, DateTimeOffset? at = null)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO audit.entries (at, service, subject, role, client_id, action, resource, resource_id, outcome_status, outcome, source_address, trace_id, detail)
            VALUES ($1, 'tests', $2, 'county-admin', 'county-office', 'POST /api/things/{id}/parts', 'thing', NULL, 201, 'succeeded', '127.0.0.1', 'trace', NULL)
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at ?? DateTimeOffset.UtcNow });
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        await command.ExecuteNonQueryAsync();
    }
}
