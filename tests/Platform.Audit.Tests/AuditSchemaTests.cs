using Npgsql;
using Platform.ServiceDefaults.Audit;
using Platform.Testing;

namespace Platform.Audit.Tests;

public sealed class AuditSchemaTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    private const string InsertSql = """
        INSERT INTO audit.entries (at, service, subject, role, client_id, action, resource, resource_id,
            outcome_status, outcome, source_address, trace_id)
        VALUES (now(), 'tests', 'someone', 'county-admin', 'portal', 'POST /api/things/{id}/parts', 'thing', 'x',
            201, 'succeeded', '127.0.0.1', '0123456789abcdef0123456789abcdef')
        """;

    [Fact]
    public async Task Ensuring_the_schema_again_and_concurrently_changes_nothing()
    {
        await using var database = await AuditDatabase.CreateAsync(fixture.Infrastructure);
        await Sql.ExecAsync(database.Owner, InsertSql);

        await Task.WhenAll(
            AuditSchema.EnsureAsync(database.Owner, database.WriterRole, AuditDatabase.WriterPassword, CancellationToken.None),
            AuditSchema.EnsureAsync(database.Owner, database.WriterRole, AuditDatabase.WriterPassword, CancellationToken.None));
        await AuditSchema.EnsureAsync(database.Owner, database.WriterRole, AuditDatabase.WriterPassword, CancellationToken.None);

        Assert.Equal(1, await database.CountAsync());
        Assert.Equal(4L, await Sql.ScalarAsync<long>(database.Owner, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'audit' AND indexname LIKE 'ix_entries_%'"));
        // Chain, reject UPDATE, reject TRUNCATE, reject DELETE of entries younger than the shortest retention.
        Assert.Equal(4L, await Sql.ScalarAsync<long>(database.Owner, "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit.entries'::regclass AND NOT tgisinternal"));
        Assert.True(await Sql.ScalarAsync<bool>(database.Owner, $"SELECT rolcanlogin FROM pg_roles WHERE rolname = '{database.WriterRole}'"));

        // The writer holds exactly INSERT and SELECT on the table, and may read the chain's head to verify it.
        var privileges = await Sql.ScalarAsync<string>(
            database.Owner,
            $"SELECT string_agg(table_name || ':' || privilege_type, ',' ORDER BY table_name, privilege_type) FROM information_schema.role_table_grants WHERE grantee = '{database.WriterRole}'");
        Assert.Equal("chain_head:SELECT,entries:INSERT,entries:SELECT", privileges);
    }

    [Fact]
    public async Task The_writer_role_inserts_and_selects_but_cannot_update_delete_or_truncate()
    {
        await using var database = await AuditDatabase.CreateAsync(fixture.Infrastructure);
        await using var writer = NpgsqlDataSource.Create(database.WriterConnectionString);
        Assert.Equal(database.WriterRole, await Sql.ScalarAsync<string>(writer, "SELECT current_user"));

        await Sql.ExecAsync(writer, InsertSql);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(writer, "SELECT count(*) FROM audit.entries"));

        foreach (var sql in new[]
        {
            "UPDATE audit.entries SET outcome = 'failed'",
            "DELETE FROM audit.entries",
            "TRUNCATE audit.entries",
            "ALTER TABLE audit.entries DISABLE TRIGGER entries_reject_update",
            "CREATE TABLE audit.other (id int)",
            "DROP TRIGGER entries_reject_update ON audit.entries",
        })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(writer, sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
            Assert.DoesNotContain("append-only", error.MessageText, StringComparison.Ordinal);
        }

        Assert.Equal(1, await database.CountAsync("outcome = 'succeeded'"));
    }

    [Fact]
    public async Task Even_the_owner_cannot_update_an_entry()
    {
        await using var database = await AuditDatabase.CreateAsync(fixture.Infrastructure);
        await Sql.ExecAsync(database.Owner, InsertSql);

        var update = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(database.Owner, "UPDATE audit.entries SET subject = 'someone-else'"));
        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        var truncate = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(database.Owner, "TRUNCATE audit.entries"));
        Assert.Contains("append-only", truncate.MessageText, StringComparison.Ordinal);

        Assert.Equal(1, await database.CountAsync("subject = 'someone'"));
    }

    [Fact]
    public async Task Even_the_owner_cannot_delete_an_entry_younger_than_the_shortest_retention()
    {
        await using var database = await AuditDatabase.CreateAsync(fixture.Infrastructure);
        await AuditChainTests.InsertAsync(database.Owner, "recent", DateTimeOffset.UtcNow.AddDays(-(AuditOptions.MinimumRetentionDays - 1)));
        await AuditChainTests.InsertAsync(database.Owner, "today");

        var delete = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(database.Owner, "DELETE FROM audit.entries WHERE subject = 'today'"));
        Assert.Contains("append-only", delete.MessageText, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(database.Owner, "DELETE FROM audit.entries"));

        Assert.Equal(2, await database.CountAsync());
    }

    [Fact]
    public async Task Entries_past_the_shortest_retention_can_be_purged_oldest_first()
    {
        await using var database = await AuditDatabase.CreateAsync(fixture.Infrastructure);
        await AuditChainTests.InsertAsync(database.Owner, "ancient", DateTimeOffset.UtcNow.AddDays(-400));
        await AuditChainTests.InsertAsync(database.Owner, "today");

        await Sql.ExecAsync(database.Owner, "DELETE FROM audit.entries WHERE subject = 'ancient'");

        Assert.Equal(1, await database.CountAsync());
        var report = await AuditChain.VerifyAsync(database.Owner, CancellationToken.None);
        Assert.True(report.Intact, report.ToString());
        Assert.Equal(2, report.FirstSeq);
    }
}
