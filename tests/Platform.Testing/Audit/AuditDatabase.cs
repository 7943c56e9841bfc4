using System.Security.Cryptography;
using Npgsql;
using Platform.ServiceDefaults.Audit;

namespace Platform.Testing;

/// <summary>
/// A fresh audit database of one test class: the owner's connection string (the test server's
/// admin), and a writer role of its own (roles are shared by the whole server, so each class
/// names its own) with the schema already in place.
/// </summary>
public sealed class AuditDatabase : IAsyncDisposable
{
    public const string WriterPassword = "writer-test-password";

    private AuditDatabase(string ownerConnectionString, string writerRole)
    {
        OwnerConnectionString = ownerConnectionString;
        WriterRole = writerRole;
        WriterConnectionString = new NpgsqlConnectionStringBuilder(ownerConnectionString)
        {
            Username = writerRole,
            Password = WriterPassword,
        }.ConnectionString;
        Owner = NpgsqlDataSource.Create(ownerConnectionString);
    }

    public string OwnerConnectionString { get; }

    public string WriterConnectionString { get; }

    public string WriterRole { get; }

    public NpgsqlDataSource Owner { get; }

    /// <summary>Settings of a host that writes as the writer role (and owns, with the owner's connection string).</summary>
    public Dictionary<string, string?> Settings(bool owner = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:" + AuditOptions.ConnectionName] = WriterConnectionString,
            ["Audit:WriterRole"] = WriterRole,
            ["Audit:WriterPassword"] = WriterPassword,
            ["Audit:ServiceName"] = "audit-tests",
        };
        if (owner)
        {
            settings["ConnectionStrings:" + AuditOptions.OwnerConnectionName] = OwnerConnectionString;
        }

        return settings;
    }

    public static async Task<AuditDatabase> CreateAsync(TestInfrastructure infrastructure, bool withSchema = true)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        var connectionString = await infrastructure.CreateDatabaseAsync("audit");
        var database = new AuditDatabase(connectionString, "audit_writer_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        if (withSchema)
        {
            await AuditSchema.EnsureAsync(database.Owner, database.WriterRole, WriterPassword, CancellationToken.None);
        }

        return database;
    }

    /// <summary>The entries of one trace (as the owner sees them).</summary>
    public async Task<IReadOnlyList<AuditEntry>> EntriesOfTraceAsync(string traceId)
    {
        await using var command = Owner.CreateCommand($"SELECT {AuditEntry.Columns} FROM audit.entries WHERE trace_id = $1 ORDER BY id");
        command.Parameters.Add(new NpgsqlParameter { Value = traceId });
        return await ReadAsync(command);
    }

    /// <summary>The entries that match a condition of the test's own making (as the owner sees them).</summary>
    public async Task<IReadOnlyList<AuditEntry>> EntriesAsync(string where)
    {
        await using var command = Owner.CreateCommand($"SELECT {AuditEntry.Columns} FROM audit.entries WHERE {where} ORDER BY id");
        return await ReadAsync(command);
    }

    private static async Task<IReadOnlyList<AuditEntry>> ReadAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync())
        {
            entries.Add(AuditEntry.Read(reader));
        }

        return entries;
    }

    /// <summary>Waits until the trace has exactly one entry, and returns it.</summary>
    public async Task<AuditEntry> SingleEntryOfTraceAsync(string traceId) =>
        (await Eventually.ReturnsAsync(
            async () => await EntriesOfTraceAsync(traceId) is { Count: > 0 } entries ? entries : null,
            TimeSpan.FromSeconds(10),
            $"the audit log has an entry of trace {traceId}")).Single();

    public async Task<long> CountAsync(string where = "true")
    {
        await using var command = Owner.CreateCommand($"SELECT count(*) FROM audit.entries WHERE {where}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync() => await Owner.DisposeAsync();

    private static readonly Lazy<Task<AuditDatabase>> SharedDatabase = new(async () => await CreateAsync(await TestInfrastructure.GetAsync()));

    /// <summary>The audit database every host of this test process writes to unless a test gives its own.</summary>
    public static Task<AuditDatabase> SharedAsync() => SharedDatabase.Value;
}
