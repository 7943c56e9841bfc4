using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Platform.Contracts.Grpc.Households.V1;
using Platform.DemoCounty;
using Platform.Testing;
using HouseholdsProgram = Platform.Households.Program;

namespace Platform.Bench;

/// <summary>
/// The county's figures over the demo county (issue 10): loads it into a registry of its own as the local start does
/// (households, then the campaign's history through the procedure: what that costs is reported), then times the exit
/// figures with the 三率一度 (GET /api/households/figures/exit), the county figures (GET /api/households/figures) and
/// the households' breakdown as a portal user feels them — HTTP request to answer — and reports p50 and p95.
///   dotnet run -c Release --project tests/Platform.Bench -- --figures [--scale 1] [--runs 50]
/// </summary>
public static class FiguresBench
{
    public static async Task<int> RunAsync(double scale, int seed, int runs)
    {
        var c = CultureInfo.InvariantCulture;
        var infrastructure = await TestInfrastructure.GetAsync();
        await using var registry = ServiceHost<HouseholdsProgram>.Start(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Platform.Households.Campaign"] = "Debug",
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("bench_figures"),
            ["ConnectionStrings:rabbitmq"] = (await infrastructure.CreateVirtualHostAsync("bench_figures")).ToString(),
        });
        var token = TestTokens.CountyOffice();
        var generator = new DemoCountyGenerator(seed, scale);
        var database = registry.Services.GetService(typeof(NpgsqlDataSource)) as NpgsqlDataSource
            ?? throw new InvalidOperationException("The registry has no NpgsqlDataSource.");
        using (var channel = registry.CreateGrpcChannel(token: null))
        using (var rest = registry.CreateHttpClient(token))
        {
            // As the local start loads it (DemoCountyRun): households registered as poor, then the campaign through the
            // procedure. Each step's wall time, and the CPU it took here (loader and registry share this process) and in
            // the database's backends: what the step costs whatever else runs on the machine.
            var client = new HouseholdRegistry.HouseholdRegistryClient(channel);
            var (imported, importCost) = await CostAsync(database, async () =>
            {
                using var loader = new DemoCountyLoader(client, token);
                await loader.SeedVillagesAsync(DemoCountyGenerator.County());
                return await loader.LoadAsync(generator.Records(), generator.HouseholdCount);
            });
            var (campaign, campaignCost) = await CostAsync(database, () => new DemoCampaignLoader(client, rest, token).LoadAsync(new DemoCampaign(generator)));
            if (imported.Rejected > 0 || campaign.History.Rejected > 0)
            {
                Console.Error.WriteLine("Bench invalid: the demo county was not loaded whole.");
                return 1;
            }

            var h = campaign.History;
            Console.WriteLine(string.Create(c, $"Demo county: {generator.HouseholdCount:N0} households registered: {importCost}"));
            Console.WriteLine(string.Create(c, $"The campaign (history of {h.Accepted} villages: {h.HouseholdsExited:N0} households exited through the procedure, {h.VillagesExited} village exits, {h.Pairings:N0} pairings, {h.Stationed} stationed, {h.FlagsRaised} flags; farmers' income; inspection): {campaignCost}"));
        }

        using var http = registry.CreateHttpClient(token);
        Console.WriteLine(string.Create(c, $"Figures bench: {generator.HouseholdCount:N0} households, {generator.PeopleCount:N0} people; {runs} runs each after 3 warm-ups; {Environment.ProcessorCount} cores"));
        Console.WriteLine("| request | p50 | p95 | max |");
        Console.WriteLine("|---|---|---|---|");
        // The first row is the floor under this machine's load: a request that reads 20 rows.
        foreach (var path in new[] { "/api/households/townships", "/api/households/figures/exit", "/api/households/figures", "/api/households/statistics/households" })
        {
            var times = await RequestTimes.GetAsync(http, path, runs);
            Console.WriteLine(string.Create(c, $"| GET {path} | {times.P50:F1} ms | {times.P95:F1} ms | {times.Max:F1} ms |"));
        }

        // Where one request's time goes: the database commands of a /figures/exit, slowest first.
        using (var recorder = new EfCommandRecorder())
        {
            (await http.GetAsync(new Uri("/api/households/figures/exit", UriKind.Relative))).EnsureSuccessStatusCode();
            var commands = recorder.Commands;
            Console.WriteLine(string.Create(c, $"One GET /api/households/figures/exit: {commands.Count} database commands, {commands.Sum(t => t.Duration.TotalMilliseconds):F1} ms in them; slowest:"));
            foreach (var (duration, sql, _) in commands.OrderByDescending(t => t.Duration).Take(5))
            {
                Console.WriteLine(string.Create(c, $"  {duration.TotalMilliseconds,6:F1} ms  {sql.ReplaceLineEndings(" ")[..Math.Min(160, sql.Length)]}"));
            }
        }

        return 0;
    }

    private sealed record Cost(TimeSpan Wall, TimeSpan ProcessCpu, TimeSpan DatabaseCpu)
    {
        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture, $"{Wall.TotalSeconds:F1} s wall, {ProcessCpu.TotalSeconds:F1} s CPU in loader and registry, {DatabaseCpu.TotalSeconds:F1} s CPU in PostgreSQL");
    }

    private static async Task<(T Result, Cost Cost)> CostAsync<T>(NpgsqlDataSource database, Func<Task<T>> step)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var backends = await BackendCpuAsync(database);
        var clock = Stopwatch.StartNew();
        var result = await step();
        var wall = clock.Elapsed;
        process.Refresh();
        var after = await BackendCpuAsync(database);
        var databaseCpu = after.Sum(b => b.Value - backends.GetValueOrDefault(b.Key));
        return (result, new Cost(wall, process.TotalProcessorTime - cpu, TimeSpan.FromSeconds(databaseCpu / 100.0)));
    }

    /// <summary>CPU ticks (1/100 s) of the database's backends serving this database, from /proc (Linux).</summary>
    private static async Task<Dictionary<int, long>> BackendCpuAsync(NpgsqlDataSource database)
    {
        var ticks = new Dictionary<int, long>();
        await using var command = database.CreateCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database()");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var pid = reader.GetInt32(0);
            try
            {
                var stat = await File.ReadAllTextAsync($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The backend has gone.
            }
        }

        return ticks;
    }
}
