using System.Globalization;
using Npgsql;
using Platform.Testing;

namespace Platform.Faults.Cluster;

/// <summary>
/// The harness's own PostgreSQL (deploy/local/postgres.sh, durable settings as in the local start: a
/// SIGKILL must not lose a commit it acknowledged), started again on the same data dir and port after a kill.
/// </summary>
internal sealed class LocalPostgres(string folder, int port)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    public string DataDir => Path.Combine(folder, "postgres");

    public int Port => port;

    /// <summary>
    /// A connection string to one of its databases as the superuser: without pooling for the harness (a kill
    /// breaks pooled connections it would find only at the end), with a pool of <paramref name="poolSize"/> for a service.
    /// </summary>
    public string ConnectionString(string database, int? poolSize = null, string user = "postgres", string? password = null) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = user,
            Password = password,
            Database = database,
            Pooling = poolSize is not null,
            MaxPoolSize = poolSize ?? 100,
        }.ConnectionString;

    public Task StartAsync() =>
        Scripts.RunAsync("postgres.sh", ScriptTimeout, "start", DataDir, port.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The databases with their roles as the local start makes them (deploy/AppHost/create-databases.sh):
    /// NAME_owner owns and migrates, NAME_app runs (rows only); the audit database's runtime role is audit_writer.
    /// </summary>
    public Task CreateDatabasesAsync(params string[] names) =>
        Scripts.RunAsync("../AppHost/create-databases.sh", ScriptTimeout, [port.ToString(CultureInfo.InvariantCulture), .. names]);

    /// <summary>SIGKILL to the postmaster and every backend, checkpointer and writer it forked.</summary>
    public async Task KillAsync()
    {
        var pidFile = Path.Combine(DataDir, "postmaster.pid");
        var pid = int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture);
        await Signals.KillTreeAsync(pid, TimeSpan.FromSeconds(20));
        if (!await Signals.WaitUntilReapedAsync(pid, TimeSpan.FromMilliseconds(500)))
        {
            // Dead but not yet reaped by init: its lock files (data dir, and socket, which postgres.sh puts in
            // the data dir) name a pid that still exists, and the new postmaster would refuse to start.
            File.Delete(pidFile);
            File.Delete(Path.Combine(DataDir, string.Create(CultureInfo.InvariantCulture, $".s.PGSQL.{port}.lock")));
        }
    }

    public void StopQuietly() => Scripts.RunQuietly("postgres.sh", TimeSpan.FromSeconds(60), "stop", DataDir);
}

/// <summary>
/// The harness's own RabbitMQ node (deploy/local/rabbitmq.sh), started again on the same folder (mnesia,
/// message store) and ports after a kill.
/// </summary>
internal sealed class LocalRabbitMq(string folder, int amqpPort, int managementPort)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    public string Dir => Path.Combine(folder, "rabbitmq");

    public Uri AmqpUri => new($"amqp://guest:guest@127.0.0.1:{amqpPort}/");

    public Uri ManagementUri => new($"http://127.0.0.1:{managementPort}/");

    public async Task StartAsync()
    {
        // The previous node's epmd is stopped by the script and may hold its port for a moment: try again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Scripts.RunAsync(
                    "rabbitmq.sh", ScriptTimeout, "start", Dir,
                    amqpPort.ToString(CultureInfo.InvariantCulture), managementPort.ToString(CultureInfo.InvariantCulture));
                return;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }
    }

    /// <summary>SIGKILL to the Erlang VM (its port helpers die with it; epmd is a separate daemon and stays).</summary>
    public Task KillAsync()
    {
        var pid = int.Parse(File.ReadLines(Path.Combine(Dir, "rabbitmq.pid")).First(), CultureInfo.InvariantCulture);
        return Signals.KillTreeAsync(pid, TimeSpan.FromSeconds(20));
    }

    public void StopQuietly() => Scripts.RunQuietly("rabbitmq.sh", TimeSpan.FromSeconds(60), "stop", Dir, "--kill");
}
