using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Platform.Testing;

namespace Platform.Bench;

/// <summary>
/// A service (or the gateway) as an OS process of its own, as it runs in production: its build (the bench's
/// configuration) run with <c>dotnet</c> from its project folder, configured by environment variables like a
/// <see cref="ServiceHost{TProgram}"/> (the test run's keys, the shared audit database, loopback ports), its output
/// in a log file. So each service's memory is its own, and a load generator meets it over real sockets only.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServiceProcess(string name, Process process, int httpPort, int grpcPort, string logFile)
    {
        Name = name;
        this.process = process;
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        LogFile = logFile;
    }

    public string Name { get; }

    public Uri HttpAddress { get; }

    public Uri GrpcAddress { get; }

    public string LogFile { get; }

    /// <summary>Starts <paramref name="project"/> (e.g. "services/households/Platform.Households") and waits until its /health/ready says Healthy.</summary>
    public static async Task<ServiceProcess> StartAsync(string name, string project, IReadOnlyDictionary<string, string?> settings, bool isGateway = false)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var folder = Path.Combine(RepositoryPaths.Root, project);

        var ports = await FreePortsAsync(3);
        var environment = new Dictionary<string, string?>(isGateway ? TestKeys.IssuerSettings : TestKeys.ServiceSettings)
        {
            ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{ports}",
            ["Kestrel:Endpoints:Http:Protocols"] = "Http1",
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{ports + 1}",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["Messaging:WaitUntilStarted"] = "true",
        };
        if (isGateway)
        {
            environment["Kestrel:Endpoints:Management:Url"] = $"http://127.0.0.1:{ports + 2}";
            environment["Kestrel:Endpoints:Management:Protocols"] = "Http1";
        }

        foreach (var (key, value) in (await AuditDatabase.SharedAsync()).Settings(owner: true).Where(s => s.Key != "Audit:ServiceName").Concat(settings))
        {
            environment[key] = value;
        }

        var logFile = Path.Combine(Path.GetTempPath(), $"bench-{name}-{Environment.ProcessId}.log");
        var processEnvironment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Testing", ["DOTNET_ENVIRONMENT"] = "Testing" };
        foreach (var (key, value) in environment.Where(e => e.Value is not null))
        {
            processEnvironment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        var service = new ServiceProcess(name, ServiceBuilds.StartProcess(name, folder, processEnvironment, logFile), ports, ports + 1, logFile);
        var clock = Stopwatch.StartNew();
        while (!await service.IsReadyAsync())
        {
            if (service.process.HasExited || clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                var log = File.Exists(logFile) ? string.Join(Environment.NewLine, File.ReadLines(logFile).TakeLast(30)) : "(no log)";
                await service.DisposeAsync();
                throw new InvalidOperationException($"{name} did not become ready:{Environment.NewLine}{log}");
            }

            await Task.Delay(250);
        }

        return service;
    }

    /// <summary>CPU time (user + system) the process has used so far.</summary>
    public TimeSpan Cpu()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>The process id (for a profiler to attach to).</summary>
    public int Id => process.Id;

    /// <summary>Resident memory (VmRSS) of the process, in bytes (Linux).</summary>
    public long WorkingSet()
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    /// <summary>
    /// The GC heap after the runtime's last collection, in bytes, from the process's own System.Runtime meter read with
    /// dotnet-counters, a local tool of the repository (dotnet-tools.json), restored on first use.
    /// </summary>
    public async Task<long?> GcHeapAsync()
    {
        await ToolsRestored.Value;
        var output = Path.Combine(Path.GetTempPath(), $"bench-counters-{process.Id}.json");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        foreach (var argument in new[] { "tool", "run", "dotnet-counters", "collect", "-p", process.Id.ToString(CultureInfo.InvariantCulture), "--counters", "System.Runtime", "--format", "json", "-o", output, "--duration", "00:00:00:04", "--refresh-interval", "1" })
        {
            start.ArgumentList.Add(argument);
        }

        using (var counters = Process.Start(start) ?? throw new InvalidOperationException("dotnet-counters could not be started"))
        {
            await Task.WhenAll(counters.StandardOutput.ReadToEndAsync(), counters.StandardError.ReadToEndAsync());
            await counters.WaitForExitAsync();
        }

        if (!File.Exists(output))
        {
            return null;
        }

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        File.Delete(output);
        var latest = new Dictionary<string, double>();
        foreach (var sample in document.RootElement.GetProperty("Events").EnumerateArray())
        {
            var counter = sample.GetProperty("name").GetString() ?? string.Empty;
            if (counter.StartsWith("dotnet.gc.last_collection.heap.size", StringComparison.Ordinal))
            {
                latest[sample.TryGetProperty("tags", out var tags) ? tags.ToString() : counter] = sample.GetProperty("value").GetDouble();
            }
        }

        // One value per generation (gen0, gen1, gen2, loh, poh): the heap is their sum, each at its last sample.
        return latest.Count > 0 ? (long)latest.Values.Sum() : null;
    }

    /// <summary>Ports handed to the bench's services so far: free-port.sh only sees ports already bound, and the pillars start side by side.</summary>
    private static readonly HashSet<int> PortsHandedOut = [];

    /// <summary>The first of <paramref name="count"/> free ports, none of them handed to another service of this bench (which may not have bound it yet).</summary>
    private static async Task<int> FreePortsAsync(int count)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var first = int.Parse((await Scripts.RunAsync("free-port.sh", TimeSpan.FromSeconds(30), count.ToString(CultureInfo.InvariantCulture))).Trim(), CultureInfo.InvariantCulture);
            lock (PortsHandedOut)
            {
                if (Enumerable.Range(first, count).All(port => !PortsHandedOut.Contains(port)))
                {
                    PortsHandedOut.UnionWith(Enumerable.Range(first, count));
                    return first;
                }
            }
        }

        throw new InvalidOperationException($"No {count} free ports apart from the bench's own services'");
    }

    /// <summary>The repository's local .NET tools (dotnet-counters), restored once per bench run; a fresh machine has none.</summary>
    private static readonly Lazy<Task> ToolsRestored = new(async () =>
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        start.ArgumentList.Add("tool");
        start.ArgumentList.Add("restore");
        using var restore = Process.Start(start) ?? throw new InvalidOperationException("dotnet tool restore could not be started");
        var said = restore.StandardOutput.ReadToEndAsync();
        var complained = restore.StandardError.ReadToEndAsync();
        await restore.WaitForExitAsync();
        if (restore.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet tool restore failed ({restore.ExitCode}): {await said}{await complained}");
        }
    });

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private Task<bool> IsReadyAsync() => ServiceBuilds.IsHealthyAsync(new Uri(HttpAddress, "/health/ready"));
}
