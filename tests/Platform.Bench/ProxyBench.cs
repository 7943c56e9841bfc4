using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Testing;

namespace Platform.Bench;

/// <summary>
/// One target's load figures: medians of the rounds' requests per second, latency percentiles and, where the target
/// names its proxy's processes, the proxy's CPU per request (ms).
/// </summary>
internal sealed record LoadFigures(string Target, double RequestsPerSecond, double P50Ms, double P99Ms, IReadOnlyList<double> RoundsRequestsPerSecond, double? ProxyCpuMsPerRequest = null);

/// <summary>A target of the load: its URL and, for a proxy, the CPU time its processes have used so far.</summary>
internal sealed record LoadTarget(string Target, Uri Url, Func<TimeSpan>? ProxyCpu = null);

/// <summary>
/// The same GET with the same token against several targets (the registry direct, the gateway, nginx in front of the
/// registry), loaded with wrk from the Debian package: a warm-up, then rounds of a fixed duration on N connections,
/// the targets taking turns within each round; the medians of the rounds.
/// </summary>
internal static partial class ProxyBench
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Installs nginx and wrk from Debian when missing (as the local start installs its packages).</summary>
    public static Task EnsurePackagesAsync() => Scripts.RunAsync("ensure-packages.sh", TimeSpan.FromMinutes(15), "nginx", "wrk");

    /// <summary>
    /// Each target warmed up, then <paramref name="rounds"/> rounds in which every target is loaded in turn (so a change
    /// in the machine's load falls on all of them alike); each target's medians.
    /// </summary>
    public static async Task<List<LoadFigures>> LoadAsync(IReadOnlyList<LoadTarget> targets, string token, int connections, TimeSpan duration, int rounds = 3)
    {
        ArgumentNullException.ThrowIfNull(targets);
        foreach (var target in targets)
        {
            await WrkAsync(target.Url, token, connections, TimeSpan.FromSeconds(Math.Max(2, duration.TotalSeconds / 3)));
        }

        var results = targets.Select(_ => new List<(double Rate, double P50, double P99, double? CpuMs)>()).ToList();
        for (var round = 1; round <= rounds; round++)
        {
            for (var i = 0; i < targets.Count; i++)
            {
                var cpuBefore = targets[i].ProxyCpu?.Invoke();
                var result = await WrkAsync(targets[i].Url, token, connections, duration);
                // CPU of the proxy's processes over the round (wrk's own start and end included), per request answered.
                double? cpuMs = cpuBefore is { } before && targets[i].ProxyCpu is { } cpu
                    ? (cpu() - before).TotalMilliseconds / (result.Rate * Math.Max(1, (int)duration.TotalSeconds))
                    : null;
                results[i].Add((result.Rate, result.P50, result.P99, cpuMs));
                var cpuText = cpuMs is { } ms ? string.Create(C, $", proxy CPU {ms * 1000:F0} µs/req") : string.Empty;
                Console.WriteLine(string.Create(C, $"  round {round}, {targets[i].Target}: {result.Rate:N0} req/s, p50 {result.P50:F2} ms, p99 {result.P99:F2} ms{cpuText}"));
            }
        }

        return targets.Select((target, i) => new LoadFigures(
            target.Target,
            Median(results[i].Select(r => r.Rate)),
            Median(results[i].Select(r => r.P50)),
            Median(results[i].Select(r => r.P99)),
            results[i].Select(r => r.Rate).ToList(),
            target.ProxyCpu is null ? null : Median(results[i].Select(r => r.CpuMs ?? 0)))).ToList();
    }

    /// <summary>CPU time (user + system) of a process and its children, from /proc (Linux; clock ticks of 10 ms).</summary>
    public static TimeSpan CpuOfProcessTree(int rootPid)
    {
        long ticks = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, C, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (IOException)
            {
                continue;
            }

            // After the command's closing parenthesis: state, ppid, … utime (14th field), stime (15th).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], C);
            if (pid == rootPid || parent == rootPid)
            {
                ticks += long.Parse(fields[11], C) + long.Parse(fields[12], C);
            }
        }

        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>One wrk run (one thread, <paramref name="connections"/> keep-alive connections); fails on any non-2xx answer or socket error.</summary>
    /// <summary>
    /// Each target at a fixed share of a full load: every connection waits between its requests (wrk's <c>delay()</c>) so
    /// the <paramref name="connections"/> together send about <paramref name="requestsPerSecond"/>; one round each, in turn.
    /// </summary>
    public static async Task<List<LoadFigures>> PacedAsync(IReadOnlyList<LoadTarget> targets, string token, int connections, TimeSpan duration, double requestsPerSecond)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var script = Path.Combine(Path.GetTempPath(), $"bench-paced-{Environment.ProcessId}.lua");
        var delayMs = (int)Math.Round(connections * 1000 / requestsPerSecond);
        await File.WriteAllTextAsync(script, string.Create(C, $"function delay() return {delayMs} end\n"));
        try
        {
            var figures = new List<LoadFigures>();
            foreach (var target in targets)
            {
                var result = await WrkAsync(target.Url, token, connections, duration, script);
                Console.WriteLine(string.Create(C, $"  paced ({requestsPerSecond:N0} req/s asked), {target.Target}: {result.Rate:N0} req/s, p50 {result.P50:F2} ms, p99 {result.P99:F2} ms"));
                figures.Add(new LoadFigures(target.Target, result.Rate, result.P50, result.P99, [result.Rate]));
            }

            return figures;
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task<(double Rate, double P50, double P99)> WrkAsync(Uri url, string token, int connections, TimeSpan duration, string? script = null)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] scriptArguments = script is null ? [] : ["-s", script];
        foreach (var argument in new[] { "-t1", $"-c{connections}", string.Create(C, $"-d{Math.Max(1, (int)duration.TotalSeconds)}s"), "--latency", "-H", "Authorization: Bearer " + token }.Concat(scriptArguments).Append(url.ToString()))
        {
            start.ArgumentList.Add(argument);
        }

        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk could not be started");
        var output = wrk.StandardOutput.ReadToEndAsync();
        var errors = wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var text = await output + await errors;
        if (wrk.ExitCode != 0 || text.Contains("Non-2xx", StringComparison.Ordinal) || text.Contains("Socket errors", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"wrk against {url} failed or saw errors:\n{text}");
        }

        var rate = double.Parse(RequestsPerSecond().Match(text).Groups[1].Value, C);
        return (rate, Percentile(text, "50%"), Percentile(text, "99%"));
    }

    private static double Percentile(string wrkOutput, string label)
    {
        var match = Regex.Match(wrkOutput, @"^\s+" + Regex.Escape(label) + @"\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            throw new InvalidOperationException($"No {label} latency in wrk's output:\n{wrkOutput}");
        }

        var value = double.Parse(match.Groups[1].Value, C);
        return match.Groups[2].Value switch { "us" => value / 1000, "ms" => value, _ => value * 1000 };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();
}

/// <summary>
/// nginx from the Debian package as a local process of the bench, with its own configuration in a temp folder:
/// a reverse proxy on a loopback port with a keep-alive upstream to one backend.
/// </summary>
internal sealed class NginxProxy : IAsyncDisposable
{
    private readonly Process process;
    private readonly string folder;

    private NginxProxy(Process process, string folder, int port)
    {
        this.process = process;
        this.folder = folder;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    /// <summary>CPU time of nginx's master and workers so far.</summary>
    public TimeSpan Cpu() => ProxyBench.CpuOfProcessTree(process.Id);

    public static async Task<NginxProxy> StartAsync(Uri backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var folder = Path.Combine(Path.GetTempPath(), "bench-nginx-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var port = int.Parse((await Scripts.RunAsync("free-port.sh", TimeSpan.FromSeconds(30), "1")).Trim(), CultureInfo.InvariantCulture);
        var configuration = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(configuration, $$"""
            # The bench's nginx: in the foreground, everything in this folder, no access log (the gateway keeps none either).
            daemon off;
            worker_processes auto;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                upstream backend {
                    server {{backend.Host}}:{{backend.Port}};
                    keepalive 64;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://backend;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host;
                    }
                }
            }
            """);
        var start = new ProcessStartInfo("/usr/sbin/nginx") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", folder, "-c", configuration, "-e", Path.Combine(folder, "error.log") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = ChildProcesses.StoppedWithThisProcess(Process.Start(start) ?? throw new InvalidOperationException("nginx could not be started"));
        var proxy = new NginxProxy(process, folder, port);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("nginx exited: " + await process.StandardError.ReadToEndAsync() + ReadLog(folder));
            }

            try
            {
                using var response = await probe.GetAsync(new Uri(proxy.Address, "/health/live"));
                return proxy;
            }
            catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(100);
            }
            catch (TaskCanceledException) when (clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static string ReadLog(string folder)
    {
        var log = Path.Combine(folder, "error.log");
        return File.Exists(log) ? File.ReadAllText(log) : string.Empty;
    }
}
