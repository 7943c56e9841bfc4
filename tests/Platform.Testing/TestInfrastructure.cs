using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Platform.Testing;

/// <summary>
/// The PostgreSQL server and RabbitMQ broker of this test process (one of each, shared by all its
/// tests). If PLATFORM_TEST_POSTGRES (admin connection string), PLATFORM_TEST_RABBITMQ (amqp base
/// uri with user and password) and PLATFORM_TEST_RABBITMQ_MANAGEMENT (http uri) are set, as
/// tests/run.sh does, it attaches to those servers; otherwise it starts its own with the
/// deploy/local scripts and stops them when the process exits. Isolation between tests comes
/// from fresh databases (<see cref="CreateDatabaseAsync"/>) and virtual hosts
/// (<see cref="CreateVirtualHostAsync"/>), not from separate servers.
/// </summary>
public sealed class TestInfrastructure : IAsyncDisposable
{
    public const string PostgresVariable = "PLATFORM_TEST_POSTGRES";
    public const string RabbitMqVariable = "PLATFORM_TEST_RABBITMQ";
    public const string RabbitMqManagementVariable = "PLATFORM_TEST_RABBITMQ_MANAGEMENT";

    private const int MaxIdentifierLength = 63;
    private static readonly object Gate = new();
    private static Task<TestInfrastructure>? current;

    private readonly LocalServers? ownServers;
    private readonly NpgsqlDataSource admin;
    private readonly RabbitMqManagement management;
    private readonly Uri rabbitMqBaseUri;
    private readonly string rabbitMqUser;
    private readonly SemaphoreSlim createDatabaseGate = new(1, 1);
    private int disposed;

    private TestInfrastructure(
        LocalServers? ownServers, string postgresAdmin, Uri rabbitMqBaseUri, Uri managementUri)
    {
        this.ownServers = ownServers;
        PostgresAdminConnectionString = postgresAdmin;
        admin = NpgsqlDataSource.Create(postgresAdmin);
        (rabbitMqUser, var password) = Credentials(rabbitMqBaseUri);
        this.rabbitMqBaseUri = new UriBuilder(rabbitMqBaseUri) { Path = "/" }.Uri;
        RabbitMqManagementUri = new UriBuilder(managementUri) { UserName = "", Password = "", Path = "/" }.Uri;
        var (managementUser, managementPassword) = string.IsNullOrEmpty(managementUri.UserInfo)
            ? (rabbitMqUser, password)
            : Credentials(managementUri);
        management = new RabbitMqManagement(RabbitMqManagementUri, managementUser, managementPassword);
        RabbitMqUri = this.rabbitMqBaseUri;
    }

    /// <summary>Admin connection string (user postgres) to the 'postgres' database.</summary>
    public string PostgresAdminConnectionString { get; }

    /// <summary>amqp://guest:guest@127.0.0.1:PORT/VHOST: a virtual host of this test process.</summary>
    public Uri RabbitMqUri { get; private set; }

    /// <summary>http://127.0.0.1:MGMT_PORT/ (the credentials are those of <see cref="RabbitMqUri"/>).</summary>
    public Uri RabbitMqManagementUri { get; }

    /// <summary>True when this process started the servers itself (no PLATFORM_TEST_* variables).</summary>
    public bool OwnsServers => ownServers is not null;

    /// <summary>The infrastructure of this test process: started (or attached to) on first use.</summary>
    public static Task<TestInfrastructure> GetAsync()
    {
        lock (Gate)
        {
            return current ??= CreateAsync();
        }
    }

    /// <summary>
    /// Creates an empty database <c>&lt;prefix&gt;_&lt;random&gt;</c> (lower case, a valid identifier) and
    /// returns a connection string to it, with the admin user. Safe to call concurrently.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string namePrefix)
    {
        var name = UniqueName(namePrefix);
        await createDatabaseGate.WaitAsync();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var command = admin.CreateCommand($"CREATE DATABASE \"{name}\"");
                    await command.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
                {
                    // "source database template1 is being accessed by other users": another test
                    // process is creating a database right now.
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt));
                }
            }
        }
        finally
        {
            createDatabaseGate.Release();
        }

        return new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Creates an empty virtual host <c>&lt;prefix&gt;_&lt;random&gt;</c> where the user of
    /// <see cref="RabbitMqUri"/> has all permissions, and returns its amqp uri.
    /// </summary>
    public async Task<Uri> CreateVirtualHostAsync(string namePrefix)
    {
        var vhost = UniqueName(namePrefix);
        await management.CreateVirtualHostAsync(vhost, rabbitMqUser);
        return new UriBuilder(rabbitMqBaseUri) { Path = "/" + RabbitMqManagement.Escape(vhost) }.Uri;
    }

    /// <summary>
    /// Deletes a vhost of <see cref="CreateVirtualHostAsync"/> once every host on it has stopped. An idle quorum queue still
    /// costs the broker CPU (its Raft member ticks): a whole run left 1,343 of them in 65 vhosts, and 1,320 idle ones took
    /// 13% of a core on a quiet broker. Cleanup only: a failure is written to the test's error output, not thrown.
    /// </summary>
    public async Task DeleteVirtualHostAsync(Uri vhostUri)
    {
        ArgumentNullException.ThrowIfNull(vhostUri);
        try
        {
            await management.DeleteVirtualHostAsync(VirtualHostOf(vhostUri));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"TestInfrastructure: vhost {VirtualHostOf(vhostUri)} left behind: {ex.Message}");
        }
    }

    /// <summary>
    /// Drops databases of <see cref="CreateDatabaseAsync"/> once every host on them has stopped (connections left in a pool
    /// are closed). PostgreSQL's autovacuum launcher visits every database once a minute, however idle: 300 databases of 25
    /// tables cost it 18% of a core, 10 cost 1%. Cleanup only: a failure is written to the test's error output.
    /// </summary>
    public async Task DropDatabasesAsync(IEnumerable<string> connectionStrings)
    {
        ArgumentNullException.ThrowIfNull(connectionStrings);
        foreach (var connectionString in connectionStrings.Distinct(StringComparer.Ordinal))
        {
            var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
            if (string.IsNullOrEmpty(name) || name == "postgres")
            {
                continue;
            }

            try
            {
                using (var pooled = new NpgsqlConnection(connectionString))
                {
                    NpgsqlConnection.ClearPool(pooled);
                }

                await using var command = admin.CreateCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                await command.ExecuteNonQueryAsync();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"TestInfrastructure: database {name} left behind: {ex.Message}");
            }
        }
    }

    /// <summary>
    /// What a fixture made for its hosts, once they have all stopped: their vhost (<see cref="DeleteVirtualHostAsync(Uri)"/>)
    /// and the databases it gave them (<see cref="DropDatabasesAsync"/>).
    /// </summary>
    public async Task ReleaseAsync(Uri vhostUri, params ITestHost[] hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        await DeleteVirtualHostAsync(vhostUri);
        await DropDatabasesAsync(hosts.SelectMany(h => h.OwnDatabases));
    }

    /// <inheritdoc cref="ReleaseAsync(Uri, ITestHost[])"/>
    public Task ReleaseAsync(string vhostUri, params ITestHost[] hosts) => ReleaseAsync(new Uri(vhostUri), hosts);

    /// <summary>
    /// Messages (ready + unacknowledged) in a queue of the vhost of <paramref name="vhostUri"/>, from
    /// the management API: 0 if the queue does not exist. The broker refreshes these statistics about
    /// every second, so wait for an expected count with <see cref="Eventually"/>.
    /// </summary>
    public Task<long> CountMessagesInQueueAsync(Uri vhostUri, string queue)
    {
        ArgumentNullException.ThrowIfNull(vhostUri);
        ArgumentException.ThrowIfNullOrEmpty(queue);
        return management.CountMessagesAsync(VirtualHostOf(vhostUri), queue);
    }

    /// <summary>Messages published into the vhost so far (the broker's statistics).</summary>
    public Task<long> CountPublishedAsync(Uri vhostUri) => management.CountPublishedAsync(VirtualHostOf(vhostUri));

    /// <summary>Messages (ready + unacknowledged) in every queue of the vhost, by name, from the management API (lags about a second).</summary>
    public Task<IReadOnlyDictionary<string, long>> CountAllMessagesAsync(Uri vhostUri)
    {
        ArgumentNullException.ThrowIfNull(vhostUri);
        return management.CountAllMessagesAsync(VirtualHostOf(vhostUri));
    }

    /// <summary>
    /// Stops the servers this process started (if any) and forgets this instance, so the next
    /// <see cref="GetAsync"/> starts afresh. Not needed normally: they stop when the process exits.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        lock (Gate)
        {
            if (current is { IsCompletedSuccessfully: true } && ReferenceEquals(current.Result, this))
            {
                current = null;
            }
        }

        await admin.DisposeAsync();
        management.Dispose();
        createDatabaseGate.Dispose();
        if (ownServers is not null)
        {
            await Task.Run(() => ownServers.Stop());
        }
    }

    /// <summary>The vhost named by the path of an amqp uri ("/" when the path is empty).</summary>
    public static string VirtualHostOf(Uri amqpUri)
    {
        ArgumentNullException.ThrowIfNull(amqpUri);
        var path = amqpUri.AbsolutePath.TrimStart('/');
        return path.Length == 0 ? "/" : Uri.UnescapeDataString(path);
    }

    private static async Task<TestInfrastructure> CreateAsync()
    {
        var postgres = Environment.GetEnvironmentVariable(PostgresVariable);
        var rabbitMq = Environment.GetEnvironmentVariable(RabbitMqVariable);
        var rabbitMqManagement = Environment.GetEnvironmentVariable(RabbitMqManagementVariable);
        TestInfrastructure infrastructure;
        if (!string.IsNullOrEmpty(postgres) && !string.IsNullOrEmpty(rabbitMq) && !string.IsNullOrEmpty(rabbitMqManagement))
        {
            infrastructure = new TestInfrastructure(null, postgres, new Uri(rabbitMq), new Uri(rabbitMqManagement));
        }
        else if (!string.IsNullOrEmpty(postgres) || !string.IsNullOrEmpty(rabbitMq) || !string.IsNullOrEmpty(rabbitMqManagement))
        {
            throw new InvalidOperationException(
                $"Set all of {PostgresVariable}, {RabbitMqVariable} and {RabbitMqManagementVariable} " +
                "(to use running servers), or none (to start servers for this test process).");
        }
        else
        {
            var servers = await LocalServers.StartAsync();
            var admin = $"Host=127.0.0.1;Port={servers.PostgresPort};Username=postgres;Database=postgres";
            infrastructure = new TestInfrastructure(
                servers,
                admin,
                new Uri($"amqp://guest:guest@127.0.0.1:{servers.AmqpPort}/"),
                new Uri($"http://127.0.0.1:{servers.ManagementPort}/"));
        }

        infrastructure.RabbitMqUri = await infrastructure.CreateVirtualHostAsync($"test_{Environment.ProcessId}");
        return infrastructure;
    }

    private static (string User, string Password) Credentials(Uri uri)
    {
        var parts = uri.UserInfo.Split(':', 2);
        return parts[0].Length == 0
            ? ("guest", "guest")
            : (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
    }

    /// <summary>prefix (lower case letters, digits, '_'; starts with a letter) + "_" + 12 random hex digits.</summary>
    private static string UniqueName(string namePrefix)
    {
        ArgumentNullException.ThrowIfNull(namePrefix);
        var prefix = new StringBuilder();
        foreach (var character in namePrefix.ToLowerInvariant())
        {
            prefix.Append(character is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? character : '_');
        }

        if (prefix.Length == 0 || prefix[0] is < 'a' or > 'z')
        {
            prefix.Insert(0, 't');
        }

        var suffix = "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var maxPrefix = MaxIdentifierLength - suffix.Length;
        return (prefix.Length > maxPrefix ? prefix.ToString(0, maxPrefix) : prefix.ToString()) + suffix;
    }
}
