using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using Platform.Contracts.Grpc.Households.V1;
using Platform.DemoCounty;
using Platform.Testing;
using GatewayProgram = Platform.Gateway.Program;

namespace Platform.Bench;

/// <summary>What <c>--all</c> runs with.</summary>
/// <param name="GatewayOnly">Only the import (for data) and part c: the gateway against nginx, in about a minute.</param>
/// <param name="Hold">After part c, the platform stays up this long (its addresses, token and pids printed) for a profiler.</param>
/// <param name="GatewaySettings">Extra settings (or environment variables) of the gateway's process only, to try one out.</param>
internal sealed record AllBenchOptions(
    double Scale, int Seed, string JsonPath, TimeSpan Duration, int Connections, int Runs, bool GatewayOnly = false, TimeSpan Hold = default,
    IReadOnlyDictionary<string, string>? GatewaySettings = null);

/// <summary>One line of the table: a measure of a part, its value and unit, and a ratio to the part's baseline when it has one.</summary>
internal sealed record BenchRow(string Part, string Measure, double Value, string Unit, double? Ratio = null, string? RatioOf = null);

/// <summary>
/// Every ratio in one run (issue 16): (a) the county import against a raw binary COPY of the same rows, (b) the
/// household event path against a raw RabbitMQ.Client loop, (c) GET /api/households/{id} with a county token straight
/// to the registry, through the gateway (its rate limit lifted) and through nginx, (d) the county's figures and a
/// household's 360 view over the demo county, (e) the memory of each service once the county is loaded. The services
/// and the gateway run as OS processes of their own (<see cref="ServiceProcess"/>), so each one's memory is its own
/// and the load generator (wrk) meets them over sockets only.
/// Prints one Markdown table and writes the same as JSON; a part that fails is named and the others still reported.
///   dotnet run -c Release --project tests/Platform.Bench -- --all [--scale 1] [--json bench-results.json] [--duration 10] [--connections 32] [--runs 200]
/// </summary>
internal static class AllBench
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(AllBenchOptions options)
    {
        var started = DateTimeOffset.UtcNow;
        var loadBefore = LoadAverage();
        var rows = new List<BenchRow>();
        var failures = new List<(string Part, string Error)>();
        var generator = new DemoCountyGenerator(options.Seed, options.Scale);
        Console.WriteLine(string.Create(C, $"Every ratio in one run: {generator.HouseholdCount:N0} households, {generator.PeopleCount:N0} people (scale {options.Scale}); {Environment.ProcessorCount} cores, load {loadBefore}"));

        async Task Part(string name, Func<Task> measure)
        {
            if (options.GatewayOnly && !name.StartsWith("a)", StringComparison.Ordinal) && !name.StartsWith("c)", StringComparison.Ordinal))
            {
                return;
            }

            Console.WriteLine($"== {name}");
            try
            {
                await measure();
            }
#pragma warning disable CA1031 // A failed part is reported by name; the others still run and are written.
            catch (Exception error)
#pragma warning restore CA1031
            {
                Console.Error.WriteLine($"Part {name} failed: {error}");
                failures.Add((name, error.GetType().Name + ": " + error.Message));
            }
        }

        try
        {
            await using var platform = await CountyPlatform.StartAsync(options.GatewaySettings ?? new Dictionary<string, string>());
            await Part("a) county import", async () =>
            {
                var import = await ImportBench.MeasureAsync(platform.Infrastructure, platform.VirtualHost, platform.Gateway.GrpcAddress, generator, platform.Token);
                rows.Add(new BenchRow("a) import", "raw binary COPY of the same rows", import.RawCopy.TotalSeconds, "s", 1, "raw COPY"));
                rows.Add(new BenchRow("a) import", "gRPC import through the gateway (all six services following)", import.Import.TotalSeconds, "s", import.ImportPerCopy, "raw COPY"));
                rows.Add(new BenchRow("a) import", "until a subscriber had every HouseholdRegistered", import.CaughtUp.TotalSeconds, "s", import.CaughtUpPerCopy, "raw COPY"));
            });
            if (options.GatewayOnly)
            {
                // The import's events settle first, so the pillars' consumers do not share the CPU with part c.
                await StreamDrain.WaitAsync(platform.Infrastructure, platform.VirtualHost, TimeSpan.FromMinutes(10), platform.RegistryDatabase);
            }

            await Part("d) county figures and household 360 view", async () =>
            {
                await platform.LoadCampaignAsync(generator);
                await StreamDrain.WaitAsync(platform.Infrastructure, platform.VirtualHost, TimeSpan.FromMinutes(10), platform.RegistryDatabase);
                foreach (var path in new[] { "/api/households/figures", "/api/households/figures/exit" })
                {
                    var times = await RequestTimes.GetAsync(platform.Http, path, options.Runs);
                    rows.Add(new BenchRow("d) reads", $"GET {path} p50 (through the gateway)", times.P50, "ms"));
                    rows.Add(new BenchRow("d) reads", $"GET {path} p99", times.P99, "ms"));
                }

                var views = await platform.HouseholdViewTimesAsync(options.Runs);
                rows.Add(new BenchRow("d) reads", "household 360 view (11 GETs at once, as the portal) p50", views.P50, "ms"));
                rows.Add(new BenchRow("d) reads", "household 360 view p99", views.P99, "ms"));
            });
            await Part("e) memory", async () =>
            {
                foreach (var service in platform.Services)
                {
                    var heap = await service.GcHeapAsync();
                    rows.Add(new BenchRow("e) memory", $"{service.Name}: working set", service.WorkingSet() / 1048576.0, "MiB"));
                    rows.Add(heap is { } bytes
                        ? new BenchRow("e) memory", $"{service.Name}: GC heap at its last collection", bytes / 1048576.0, "MiB")
                        : throw new InvalidOperationException("dotnet-counters (the repository's local tool) read no GC heap of " + service.Name));
                }
            });
            await Part("c) GET /api/households/{id}", async () =>
            {
                await ProxyBench.EnsurePackagesAsync();
                var id = await platform.SomeHouseholdIdAsync();
                await using var nginx = await NginxProxy.StartAsync(platform.Registry.HttpAddress);
                var path = $"/api/households/{id}";
                LoadTarget[] targets =
                [
                    new LoadTarget("direct", new Uri(platform.Registry.HttpAddress, path)),
                    new LoadTarget("gateway", new Uri(platform.Gateway.HttpAddress, path), platform.Gateway.Cpu),
                    new LoadTarget("nginx", new Uri(nginx.Address, path), nginx.Cpu),
                ];
                var loads = await ProxyBench.LoadAsync(
                    targets,
                    platform.Token,
                    options.Connections,
                    options.Duration);
                var (direct, gateway, proxied) = (loads[0], loads[1], loads[2]);
                var what = string.Create(C, $"wrk -t1 -c{options.Connections}, {options.Duration.TotalSeconds:F0} s × 3 rounds taking turns, medians");
                foreach (var (figures, label) in new[] { (direct, "straight to the registry"), (gateway, "through the gateway (rate limit lifted)"), (proxied, "through nginx (keepalive upstream)") })
                {
                    rows.Add(new BenchRow("c) household GET", $"{label}: req/s ({what})", figures.RequestsPerSecond, "req/s", figures.RequestsPerSecond / direct.RequestsPerSecond, "direct"));
                    rows.Add(new BenchRow("c) household GET", $"{label}: p50", figures.P50Ms, "ms"));
                    rows.Add(new BenchRow("c) household GET", $"{label}: p99", figures.P99Ms, "ms"));
                }

                rows.Add(new BenchRow("c) household GET", "gateway ÷ nginx, req/s (issue 16 asks ≥ 1.0)", gateway.RequestsPerSecond / proxied.RequestsPerSecond, "×"));
                // The two proxies' rounds run back to back, so each round's own ratio is the one a drift in the machine's
                // speed over the run (another guest's load, say) disturbs least; their median beside the medians' ratio.
                rows.Add(new BenchRow("c) household GET", "gateway ÷ nginx, the median of each round's own ratio", ProxyBench.Median(gateway.RoundsRequestsPerSecond.Zip(proxied.RoundsRequestsPerSecond, (g, n) => g / n)), "×"));
                // Issue 16's latency bound: the p99 a proxy adds at half of nginx's throughput.
                var half = proxied.RequestsPerSecond / 2;
                var paced = await ProxyBench.PacedAsync([.. targets], platform.Token, options.Connections, options.Duration, half);
                foreach (var figures in paced.Skip(1))
                {
                    rows.Add(new BenchRow("c) household GET", string.Create(C, $"{figures.Target} at half load (~{half:N0} req/s): p99 added to direct's {paced[0].P99Ms:F2} ms (issue 16 asks ≤ 5 ms)"), figures.P99Ms - paced[0].P99Ms, "ms"));
                }

                rows.Add(new BenchRow("c) household GET", "gateway's CPU per request (median of the rounds)", (gateway.ProxyCpuMsPerRequest ?? 0) * 1000, "µs"));
                rows.Add(new BenchRow("c) household GET", "nginx's CPU per request (master and workers)", (proxied.ProxyCpuMsPerRequest ?? 0) * 1000, "µs"));
                if (options.Hold > TimeSpan.Zero)
                {
                    Console.WriteLine(string.Create(C, $"Holding for {options.Hold.TotalSeconds:F0} s: gateway pid {platform.Gateway.Id} {new Uri(platform.Gateway.HttpAddress, path)}, registry pid {platform.Registry.Id} {new Uri(platform.Registry.HttpAddress, path)}, nginx {new Uri(nginx.Address, path)}"));
                    await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "bench-hold.env"), string.Create(C, $"""
                        GATEWAY_PID={platform.Gateway.Id}
                        REGISTRY_PID={platform.Registry.Id}
                        GATEWAY_URL={new Uri(platform.Gateway.HttpAddress, path)}
                        REGISTRY_URL={new Uri(platform.Registry.HttpAddress, path)}
                        NGINX_URL={new Uri(nginx.Address, path)}
                        TOKEN={platform.Token}

                        """));
                    await Task.Delay(options.Hold);
                }
            });
        }
#pragma warning disable CA1031 // The platform did not start: the parts that need it are reported failed, the event path still runs.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"The platform failed: {error}");
            failures.Add(("platform (a, c, d, e)", error.GetType().Name + ": " + error.Message));
        }

        await Part("b) household event path", async () =>
        {
            var events = await EventPathBench.MeasureAsync(options.Scale, options.Seed);
            rows.Add(new BenchRow("b) event path", "raw RabbitMQ.Client loop (quorum queue, persistent 512 B, confirms, manual acks)", events.RawRate, "events/s", 1, "raw loop"));
            rows.Add(new BenchRow("b) event path", "registry outbox → RabbitMQ → education's commit", events.EducationRate, "events/s", events.EducationPerRaw, "raw loop"));
            rows.Add(new BenchRow("b) event path", "… → education's outbox → RabbitMQ → registry's commit", events.RoundTripRate, "events/s", events.RoundTripPerRaw, "raw loop"));
            rows.Add(new BenchRow("b) event path", ".NET CPU per event (registry + education, both ways)", events.PathCpuMicrosecondsPerEvent, "µs/event",
                events.PathCpuMicrosecondsPerEvent / events.RawLoopCpuMicrosecondsPerEvent, "raw loop's client"));
        });

        var loadAfter = LoadAverage();
        Console.WriteLine();
        Console.WriteLine(string.Create(C, $"Scale {options.Scale}: {generator.HouseholdCount:N0} households, {generator.PeopleCount:N0} people; {Environment.ProcessorCount} cores; load average {loadBefore} before, {loadAfter} after; {(DateTimeOffset.UtcNow - started).TotalMinutes:F1} min"));
        Console.WriteLine();
        Console.WriteLine("| part | measure | value | ratio |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var row in rows.OrderBy(r => r.Part[..2], StringComparer.Ordinal))
        {
            var ratio = row.Ratio is { } r ? string.Create(C, $"{r:F2}× {row.RatioOf}") : string.Empty;
            Console.WriteLine(string.Create(C, $"| {row.Part} | {row.Measure} | {Format(row.Value)} {row.Unit} | {ratio} |"));
        }

        foreach (var (part, error) in failures)
        {
            Console.WriteLine($"| {part} | FAILED | {error.ReplaceLineEndings(" ")} | |");
        }

        var json = JsonSerializer.Serialize(
            new
            {
                started,
                options.Scale,
                households = generator.HouseholdCount,
                people = generator.PeopleCount,
                cores = Environment.ProcessorCount,
                loadAverageBefore = loadBefore,
                loadAverageAfter = loadAfter,
                rows = rows.OrderBy(r => r.Part[..2], StringComparer.Ordinal),
                failures = failures.Select(f => new { part = f.Part, error = f.Error }),
            },
            new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
        await File.WriteAllTextAsync(options.JsonPath, json);
        Console.WriteLine($"Written to {Path.GetFullPath(options.JsonPath)}");
        return failures.Count == 0 ? 0 : 1;
    }

    private static string Format(double value) => value >= 100 ? value.ToString("N0", C) : value.ToString("F2", C);

    /// <summary>The 1, 5 and 15 minutes' load average (Linux), for the caveat beside the figures.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>
    /// The registry, the five pillars and a gateway in front of them (rate limit lifted), each an OS process of its own
    /// as in production, each service on a database of its own, all on one virtual host of the bench's broker.
    /// </summary>
    private sealed class CountyPlatform : IAsyncDisposable
    {
        private static readonly string[] Pillars = ["education", "industry", "welfare", "ecology", "relocation"];

        private CountyPlatform(TestInfrastructure infrastructure, Uri virtualHost, string registryDatabase, ServiceProcess registry, ServiceProcess gateway, IReadOnlyList<ServiceProcess> services, string token)
        {
            Infrastructure = infrastructure;
            VirtualHost = virtualHost;
            RegistryDatabase = registryDatabase;
            Registry = registry;
            Gateway = gateway;
            Services = services;
            Token = token;
            Http = new HttpClient { BaseAddress = gateway.HttpAddress, Timeout = TimeSpan.FromSeconds(60) };
            Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        public TestInfrastructure Infrastructure { get; }

        public Uri VirtualHost { get; }

        public string RegistryDatabase { get; }

        public ServiceProcess Registry { get; }

        public ServiceProcess Gateway { get; }

        /// <summary>Every process: the registry, the pillars, the gateway.</summary>
        public IReadOnlyList<ServiceProcess> Services { get; }

        /// <summary>The bench client's token (county administrator, every scope).</summary>
        public string Token { get; }

        /// <summary>REST through the gateway with the token, as the portal calls.</summary>
        public HttpClient Http { get; }

        public static async Task<CountyPlatform> StartAsync(IReadOnlyDictionary<string, string> extraGatewaySettings)
        {
            var infrastructure = await TestInfrastructure.GetAsync();
            var vhost = await infrastructure.CreateVirtualHostAsync("bench_all");
            var registryDatabase = await infrastructure.CreateDatabaseAsync("bench_all_households");
            var services = new List<ServiceProcess>();
            try
            {
                // The registry first: it migrates the shared audit database the others then find ready.
                var registry = await ServiceProcess.StartAsync("households", "services/households/Platform.Households", new Dictionary<string, string?>(ImportBench.Quiet())
                {
                    ["ConnectionStrings:households"] = registryDatabase,
                    ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
                });
                services.Add(registry);
                // Side by side; each pillar joins the list as soon as it runs, so that one failing to start stops the others too.
                await Task.WhenAll(Pillars.Select(async pillar =>
                {
                    var started = await ServiceProcess.StartAsync(pillar, $"services/{pillar}/Platform.{char.ToUpperInvariant(pillar[0])}{pillar[1..]}", new Dictionary<string, string?>(ImportBench.Quiet())
                    {
                        [$"ConnectionStrings:{pillar}"] = await infrastructure.CreateDatabaseAsync("bench_all_" + pillar),
                        ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
                    });
                    lock (services)
                    {
                        services.Add(started);
                    }
                }));
                var gatewaySettings = new Dictionary<string, string?>(ImportBench.Quiet().Concat(BenchClient.Settings()))
                {
                    ["ConnectionStrings:identity"] = await infrastructure.CreateDatabaseAsync("bench_all_identity"),
                    // Lifted for the bench: the load would otherwise measure the limiter's 429s.
                    ["RateLimiting:PermitsPerSecond"] = "1000000",
                    ["RateLimiting:Burst"] = "1000000",
                };
                foreach (var service in services)
                {
                    gatewaySettings[$"ReverseProxy:Clusters:{service.Name}:Destinations:primary:Address"] = service.HttpAddress.ToString();
                    gatewaySettings[$"ReverseProxy:Clusters:{service.Name}-grpc:Destinations:primary:Address"] = service.GrpcAddress.ToString();
                }

                // Last, so that a setting tried out can change a cluster too (its address, its HTTP version); "{grpc:households}"
                // in a value stands for that service's HTTP/2 address, whose port the bench chose.
                foreach (var (key, value) in extraGatewaySettings)
                {
                    gatewaySettings[key] = services.Aggregate(value, (text, service) => text.Replace($"{{grpc:{service.Name}}}", service.GrpcAddress.ToString(), StringComparison.Ordinal));
                }

                var gateway = await ServiceProcess.StartAsync("gateway", "gateway/Platform.Gateway", gatewaySettings, isGateway: true);
                services.Add(gateway);
                return new CountyPlatform(infrastructure, vhost, registryDatabase, registry, gateway, services, await BenchClient.TokenAsync(gateway.HttpAddress));
            }
            catch
            {
                foreach (var service in services)
                {
                    await service.DisposeAsync();
                }

                throw;
            }
        }

        /// <summary>The demo campaign's history through the procedure, as the local start loads it after the households.</summary>
        public async Task LoadCampaignAsync(DemoCountyGenerator generator)
        {
            using var channel = ServiceHost<GatewayProgram>.CreateGrpcChannel(Gateway.GrpcAddress, token: null);
            var campaign = await new DemoCampaignLoader(new HouseholdRegistry.HouseholdRegistryClient(channel), Http, Token).LoadAsync(new DemoCampaign(generator));
            if (campaign.History.Rejected > 0)
            {
                throw new InvalidOperationException(string.Create(C, $"The campaign was not loaded whole: {campaign.History.Rejected} rejected."));
            }
        }

        public async Task<Guid> SomeHouseholdIdAsync() => (await HouseholdIdsAsync(1)).Single();

        /// <summary>
        /// A household's 360 view as the portal opens it: the registry's record, income, eligibility, exit history and
        /// measures and each pillar's section, requested at once through the gateway; the time until the last answer,
        /// for <paramref name="runs"/> households drawn at random (after 3 warm-ups).
        /// </summary>
        public async Task<Percentiles> HouseholdViewTimesAsync(int runs)
        {
            var ids = await HouseholdIdsAsync(runs + 3);
            var times = new List<double>();
            foreach (var id in ids)
            {
                var time = await RequestTimes.TimeAsync(() => Task.WhenAll(
                    new[] { "", "/income", "/eligibility", "/exit-history", "/measures" }.Select(tail => RequestTimes.ReadAsync(Http, $"/api/households/{id}{tail}"))
                        .Concat(new[] { $"/api/education/households/{id}/students", $"/api/education/households/{id}/training", $"/api/industry/households/{id}", $"/api/relocation/households/{id}", $"/api/ecology/households/{id}", $"/api/welfare/households/{id}" }
                            .Select(PillarSectionAsync))));
                times.Add(time);
            }

            return Percentiles.Of(times.Skip(3));
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            foreach (var service in Services.Reverse())
            {
                await service.DisposeAsync();
            }
        }

        /// <summary>A pillar's section: "not found" is the answer for a household it holds nothing of.</summary>
        private async Task PillarSectionAsync(string path)
        {
            using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
            await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
            {
                response.EnsureSuccessStatusCode();
            }
        }

        private async Task<List<Guid>> HouseholdIdsAsync(int count)
        {
            await using var database = NpgsqlDataSource.Create(RegistryDatabase);
            await using var command = database.CreateCommand("SELECT id FROM households ORDER BY random() LIMIT $1");
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
            var ids = new List<Guid>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }

            return ids.Count > 0 ? ids : throw new InvalidOperationException("The registry holds no household.");
        }
    }
}
