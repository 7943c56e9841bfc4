using System.Globalization;

namespace Platform.Testing;

/// <summary>
/// A PostgreSQL and a RabbitMQ started for this test process with the deploy/local scripts, in a
/// temp folder, on free loopback ports. They are stopped when the process exits: by a ProcessExit
/// handler and by a detached watchdog that waits for this process to end. The watchdog is what
/// makes it reliable: vstest kills the test host 100 ms after the run (VSTEST_TESTHOST_SHUTDOWN_TIMEOUT),
/// usually before the exit handler is done.
/// </summary>
internal sealed class LocalServers
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private readonly string folder;
    private int stopped;

    private LocalServers(string folder, int postgresPort, int amqpPort, int managementPort)
    {
        this.folder = folder;
        PostgresPort = postgresPort;
        AmqpPort = amqpPort;
        ManagementPort = managementPort;
    }

    public int PostgresPort { get; }

    public int AmqpPort { get; }

    public int ManagementPort { get; }

    private string PostgresDir => Path.Combine(folder, "postgres");

    private string RabbitMqDir => Path.Combine(folder, "rabbitmq");

    public static async Task<LocalServers> StartAsync()
    {
        await Scripts.RunAsync("ensure-packages.sh", TimeSpan.FromMinutes(15));

        // Under TMPDIR (tests/run.sh points it into the repository); postgres.sh makes the parent
        // folders traversable for the postgres user.
        var folder = Path.Combine(
            Path.GetTempPath(),
            "platform-testing",
            $"{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(folder);
        StartWatchdog(folder);

        var failures = new List<Exception>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            // Five consecutive free ports: PostgreSQL, AMQP (+ Erlang distribution and epmd on
            // the next two, see rabbitmq.sh) and the management API.
            var basePort = int.Parse(
                (await Scripts.RunAsync("free-port.sh", TimeSpan.FromSeconds(30), "5")).Trim(),
                CultureInfo.InvariantCulture);
            var servers = new LocalServers(folder, basePort, basePort + 1, basePort + 4);
            try
            {
                await servers.StartBothAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => servers.Stop();
                return servers;
            }
#pragma warning disable CA1031 // A port taken in the meantime: try other ports, report all failures at the end.
            catch (Exception error)
#pragma warning restore CA1031
            {
                failures.Add(error);
                servers.Stop(deleteFolder: false);
            }
        }

        throw new AggregateException("Could not start PostgreSQL and RabbitMQ for the tests.", failures);
    }

    /// <summary>Stops both servers and deletes their folder; idempotent, never throws.</summary>
    public void Stop(bool deleteFolder = true)
    {
        if (deleteFolder && Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        var postgres = Task.Run(() => Scripts.RunQuietly("postgres.sh", StopTimeout, "stop", PostgresDir));
        var rabbitMq = Task.Run(() => Scripts.RunQuietly("rabbitmq.sh", StopTimeout, "stop", RabbitMqDir, "--kill"));
        Task.WaitAll(postgres, rabbitMq);
        if (deleteFolder)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
#pragma warning disable CA1031 // Best effort; the watchdog deletes it too.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private static void StartWatchdog(string folder)
    {
        static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

        var postgres = Quote(Scripts.PathOf("postgres.sh"));
        var rabbitMq = Quote(Scripts.PathOf("rabbitmq.sh"));
        var dir = Quote(folder);
        Scripts.StartDetached(
            $"tail --pid={Environment.ProcessId} -s 0.1 -f /dev/null\n" +
            $"bash {postgres} stop {dir}/postgres & bash {rabbitMq} stop {dir}/rabbitmq --kill & wait\n" +
            $"rm -rf {dir}\n" +
            $"rmdir {Quote(Path.GetDirectoryName(folder)!)} 2>/dev/null || true\n");
    }

    private async Task StartBothAsync()
    {
        var postgres = Scripts.RunAsync(
            "postgres.sh", TimeSpan.FromMinutes(2), "start", PostgresDir,
            PostgresPort.ToString(CultureInfo.InvariantCulture), "--fast-unsafe");
        var rabbitMq = Scripts.RunAsync(
            "rabbitmq.sh", TimeSpan.FromMinutes(3), "start", RabbitMqDir,
            AmqpPort.ToString(CultureInfo.InvariantCulture), ManagementPort.ToString(CultureInfo.InvariantCulture));
        try
        {
            await Task.WhenAll(postgres, rabbitMq);
        }
        catch (Exception) when (postgres.IsFaulted && rabbitMq.IsFaulted)
        {
            throw new AggregateException(postgres.Exception!.InnerExceptions.Concat(rabbitMq.Exception!.InnerExceptions));
        }
    }
}
