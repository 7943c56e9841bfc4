using System.Diagnostics;
using System.Globalization;
using Platform.Testing;

namespace Platform.Faults.Cluster;

/// <summary>
/// The platform as separate OS processes on free loopback ports, all of its own (never the test suite's
/// servers): PostgreSQL and RabbitMQ from deploy/local, the registry, the education pillar and the gateway
/// from their builds, wired as deploy/AppHost wires the local start. Every victim can be SIGKILLed and
/// started again on the same data and ports. A detached watchdog stops everything if the harness dies.
/// </summary>
internal sealed class PlatformCluster : IAsyncDisposable
{
    /// <summary>The local start's demo-only password of the audit log's writer role (the gateway creates the role).</summary>
    private const string AuditWriterPassword = "audit-writer-local-demo-only";

    private const string KeepMarker = "KEPT";

    private readonly string folder;
    private readonly TextWriter log;
    private readonly LocalPostgres postgres;
    private readonly LocalRabbitMq rabbitMq;
    private readonly ServiceProcess households;
    private readonly ServiceProcess education;
    private readonly ServiceProcess gateway;
    private readonly int gatewayHttpPort;
    private readonly int gatewayGrpcPort;
    private readonly List<string> unexpectedExits = [];
    private bool stopped;

    private PlatformCluster(string folder, int basePort, TextWriter log)
    {
        this.folder = folder;
        this.log = log;
        // base: PostgreSQL; +1 AMQP (+2 Erlang distribution, +3 epmd); +4 its management; then REST/gRPC
        // pairs; +11 the gateway's management endpoint.
        postgres = new LocalPostgres(folder, basePort);
        rabbitMq = new LocalRabbitMq(folder, basePort + 1, basePort + 4);
        var (householdsHttp, householdsGrpc) = (basePort + 5, basePort + 6);
        var (educationHttp, educationGrpc) = (basePort + 7, basePort + 8);
        (gatewayHttpPort, gatewayGrpcPort) = (basePort + 9, basePort + 10);
        var logs = Path.Combine(folder, "logs");
        Directory.CreateDirectory(logs);

        households = Service("households", "services/households/Platform.Households", householdsHttp, householdsGrpc);
        education = Service("education", "services/education/Platform.Education", educationHttp, educationGrpc);
        var gatewayEnvironment = Common(gatewayHttpPort, gatewayGrpcPort);
        gatewayEnvironment["ConnectionStrings__identity"] = postgres.ConnectionString("identity", poolSize: 20, user: "identity_app");
        gatewayEnvironment["ConnectionStrings__identity-owner"] = postgres.ConnectionString("identity", poolSize: 2, user: "identity_owner");
        gatewayEnvironment["ConnectionStrings__audit-owner"] = postgres.ConnectionString("audit", poolSize: 2, user: "audit_owner");
        gatewayEnvironment["Kestrel__Endpoints__Management__Url"] = $"http://127.0.0.1:{basePort + 11}";
        // The issuer's key pair, made for this run (services fetch its public half from the gateway's key set).
        gatewayEnvironment["Identity__SigningKeys__0__KeyId"] = "fault-harness-key";
        gatewayEnvironment["Identity__SigningKeys__0__PemFile"] = SigningKeyFile(folder);
        // Writes from the load stay well under the limits: a 429 would only muddle the ledger.
        gatewayEnvironment["RateLimiting__PermitsPerSecond"] = "1000";
        gatewayEnvironment["RateLimiting__Burst"] = "1000";
        foreach (var (cluster, port) in new[] { ("households", householdsHttp), ("households-grpc", householdsGrpc), ("education", educationHttp), ("education-grpc", educationGrpc) })
        {
            gatewayEnvironment[$"ReverseProxy__Clusters__{cluster}__Destinations__primary__Address"] = $"http://127.0.0.1:{port}";
            // Notice a restarted service within seconds rather than the default ten.
            gatewayEnvironment[$"ReverseProxy__Clusters__{cluster}__HealthCheck__Active__Interval"] = "00:00:02";
            gatewayEnvironment[$"ReverseProxy__Clusters__{cluster}__HealthCheck__Active__Timeout"] = "00:00:02";
        }

        gateway = new ServiceProcess("gateway", ServiceProcess.ProjectFolder("gateway/Platform.Gateway"), gatewayEnvironment, ReadyUrl(gatewayHttpPort), logs);

        // A service with its own database (named as the service) and the broker.
        ServiceProcess Service(string name, string project, int http, int grpc)
        {
            var environment = Common(http, grpc);
            // Least privilege as in the local start: it migrates as NAME_owner and runs as NAME_app.
            environment[$"ConnectionStrings__{name}"] = postgres.ConnectionString(name, poolSize: 50, user: name + "_app");
            environment[$"ConnectionStrings__{name}-owner"] = postgres.ConnectionString(name, poolSize: 2, user: name + "_owner");
            environment["ConnectionStrings__rabbitmq"] = rabbitMq.AmqpUri.ToString();
            environment["Auth__Authority"] = GatewayHttp.ToString();
            return new ServiceProcess(name, ServiceProcess.ProjectFolder(project), environment, ReadyUrl(http), logs);
        }

        Dictionary<string, string> Common(int http, int grpc) => new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{http}",
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpc}",
            ["ConnectionStrings__audit"] = postgres.ConnectionString("audit", poolSize: 10, user: "audit_writer", password: AuditWriterPassword),
            // Tokens come from this gateway's issuer (client credentials); every service checks they name it
            // and are signed by a key of its key set (Auth:Authority).
            ["Auth__Issuer"] = GatewayHttp.ToString(),
        };

        static Uri ReadyUrl(int port) => new($"http://127.0.0.1:{port}/health/ready");
    }

    public Uri GatewayHttp => new($"http://127.0.0.1:{gatewayHttpPort}/");

    public Uri GatewayGrpc => new($"http://127.0.0.1:{gatewayGrpcPort}/");

    public string HouseholdsDatabase => postgres.ConnectionString("households");

    public string EducationDatabase => postgres.ConnectionString("education");

    public Uri RabbitMqManagement => rabbitMq.ManagementUri;

    public string Folder => folder;

    /// <summary>Services that died without being killed (each is started again, and reported).</summary>
    public IReadOnlyList<string> UnexpectedExits => unexpectedExits;

    public IEnumerable<ServiceProcess> Services => [households, education, gateway];

    public static async Task<PlatformCluster> StartAsync(TextWriter log)
    {
        await Scripts.RunAsync("ensure-packages.sh", TimeSpan.FromMinutes(15), "postgresql", "rabbitmq-server");
        var folder = Path.Combine(Path.GetTempPath(), "platform-faults", $"{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(folder);
        StartWatchdog(folder);
        for (var attempt = 1; ; attempt++)
        {
            // Twelve consecutive free ports (see the constructor); below the ephemeral range, so they stay free for restarts.
            var basePort = int.Parse((await Scripts.RunAsync("free-port.sh", TimeSpan.FromSeconds(30), "12")).Trim(), CultureInfo.InvariantCulture);
            var cluster = new PlatformCluster(folder, basePort, log);
            try
            {
                await cluster.StartAllAsync();
                return cluster;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // A port taken in the meantime: stop what started, try other ports.
                await cluster.StopProcessesAsync();
                foreach (var stale in new[] { cluster.postgres.DataDir, cluster.rabbitMq.Dir })
                {
                    Directory.Delete(stale, recursive: true);
                }
            }
        }
    }

    private async Task StartAllAsync()
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(postgres.StartAsync(), rabbitMq.StartAsync());
        await postgres.CreateDatabasesAsync("households", "education", "identity", "audit");
        foreach (var service in Services)
        {
            service.Start();
        }

        await WaitReadyAsync(TimeSpan.FromMinutes(3));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"platform up in {clock.Elapsed.TotalSeconds:0.0} s (folder {folder})"));
    }

    /// <summary>An RSA key pair for the gateway's issuer, in PEM, readable by this user only.</summary>
    private static string SigningKeyFile(string folder)
    {
        var file = Path.Combine(folder, "signing-key.pem");
        if (!File.Exists(file))
        {
            using var rsa = System.Security.Cryptography.RSA.Create(2048);
            File.WriteAllText(file, rsa.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return file;
    }

    /// <summary>SIGKILLs the victim.</summary>
    public Task KillAsync(Victim victim) => victim switch
    {
        Victim.RabbitMq => rabbitMq.KillAsync(),
        Victim.Postgres => postgres.KillAsync(),
        Victim.Households => households.KillAsync(),
        Victim.Education => education.KillAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(victim)),
    };

    /// <summary>Starts the victim again on its data and ports (returns when a server accepts connections).</summary>
    public Task RestartAsync(Victim victim)
    {
        switch (victim)
        {
            case Victim.RabbitMq:
                return rabbitMq.StartAsync();
            case Victim.Postgres:
                return postgres.StartAsync();
            case Victim.Households:
                households.Start();
                return Task.CompletedTask;
            case Victim.Education:
                education.Start();
                return Task.CompletedTask;
            default:
                throw new ArgumentOutOfRangeException(nameof(victim));
        }
    }

    /// <summary>
    /// Bounded wait until every service reports ready (its database and broker reachable, its consumers
    /// connected). A service found dead without having been killed is noted and started again.
    /// </summary>
    public async Task WaitReadyAsync(TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var notReady = new List<string>();
            foreach (var service in Services)
            {
                if (service.ExitedOnItsOwn)
                {
                    unexpectedExits.Add($"{service.Name} exited by itself; log tail:{Environment.NewLine}{service.Tail(30)}");
                    log.WriteLine($"!! {service.Name} exited without being killed; starting it again");
                    service.Start();
                }

                if (!await service.IsReadyAsync())
                {
                    notReady.Add(service.Name);
                }
            }

            if (notReady.Count == 0)
            {
                return;
            }

            if (clock.Elapsed > patience)
            {
                var tails = string.Join(Environment.NewLine, notReady.Select(name => $"--- {name}:{Environment.NewLine}{Services.Single(s => s.Name == name).Tail(40)}"));
                throw new TimeoutException($"Not ready after {patience.TotalSeconds:0} s: {string.Join(", ", notReady)}{Environment.NewLine}{tails}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Stops everything and deletes the folder (see <see cref="StopAsync"/> to keep it).</summary>
    public async ValueTask DisposeAsync() => await StopAsync(keepFolder: false);

    /// <summary>Stops everything; the folder (data, logs) is deleted unless kept, also by the watchdog.</summary>
    public async Task StopAsync(bool keepFolder)
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        await StopProcessesAsync();
        KeepLogsForTheRunsScan();
        if (keepFolder)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, KeepMarker), "kept for inspection\n");
        }
        else
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // The watchdog deletes it when the harness exits.
            }
        }
    }

    /// <summary>
    /// Under tests/run.sh, what the services logged goes where every test host's telemetry goes, so that the
    /// run's scan for resident ID numbers reads it too (crash paths log exceptions the other tests never see).
    /// </summary>
    private void KeepLogsForTheRunsScan()
    {
        var runFolder = Environment.GetEnvironmentVariable(TelemetryRecorder.RunFolderVariable);
        if (string.IsNullOrEmpty(runFolder))
        {
            return;
        }

        Directory.CreateDirectory(runFolder);
        foreach (var service in Services.Where(s => File.Exists(s.LogFile)))
        {
            File.Copy(service.LogFile, Path.Combine(runFolder, $"faults-{Environment.ProcessId}-{Path.GetFileName(folder)}-{service.Name}.log"), overwrite: true);
        }
    }

    private async Task StopProcessesAsync()
    {
        foreach (var service in Services)
        {
            await service.KillAsync();
        }

        await Task.WhenAll(Task.Run(postgres.StopQuietly), Task.Run(rabbitMq.StopQuietly));
    }

    /// <summary>
    /// A detached script that waits for the harness process to end, then kills the service processes it
    /// started (by their noted pids, if they still run a platform DLL), stops the servers and deletes the
    /// folder unless it was marked to be kept.
    /// </summary>
    private static void StartWatchdog(string folder)
    {
        static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

        var dir = Quote(folder);
        var pids = Quote(ServiceProcess.PidFile(Path.Combine(folder, "logs")));
        Scripts.StartDetached(
            $"tail --pid={Environment.ProcessId} -s 0.2 -f /dev/null\n" +
            $"if [ -f {pids} ]; then for pid in $(cat {pids}); do\n" +
            "  if tr '\\0' ' ' </proc/$pid/cmdline 2>/dev/null | grep -q 'Platform\\.'; then kill -9 $pid; fi\n" +
            "done; fi\n" +
            $"bash {Quote(Scripts.PathOf("postgres.sh"))} stop {dir}/postgres & bash {Quote(Scripts.PathOf("rabbitmq.sh"))} stop {dir}/rabbitmq --kill & wait\n" +
            $"[ -f {dir}/{KeepMarker} ] || rm -rf {dir}\n");
    }
}
