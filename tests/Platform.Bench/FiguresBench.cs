using System.Diagnostics;
using System.Globalization;
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
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("bench_figures"),
            ["ConnectionStrings:rabbitmq"] = (await infrastructure.CreateVirtualHostAsync("bench_figures")).ToString(),
        });
        var token = TestTokens.CountyOffice();
        var generator = new DemoCountyGenerator(seed, scale);
        using (var channel = registry.CreateGrpcChannel(token: null))
        using (var rest = registry.CreateHttpClient(token))
        {
            // As the local start loads it: households registered as poor, then the campaign through the procedure.
            var run = new DemoCountyRun(new HouseholdRegistry.HouseholdRegistryClient(channel), rest, token, TextWriter.Null);
            var loaded = await run.LoadAsync(generator);
            if (loaded.Rejected || loaded.Campaign is null)
            {
                Console.Error.WriteLine("Bench invalid: the demo county was not loaded whole.");
                return 1;
            }

            var h = loaded.Campaign.History;
            Console.WriteLine(string.Create(c, $"Demo county: {generator.HouseholdCount:N0} households registered in {loaded.HouseholdsTime.TotalSeconds:F1} s; the campaign (history of {h.Accepted} villages: {h.HouseholdsExited:N0} households / {h.PeopleExited:N0} people exited through the procedure, {h.VillagesExited} village exits, {h.Pairings:N0} pairings, {h.Stationed} stationed, {h.FlagsRaised} flags; farmers' income; inspection) in {loaded.CampaignTime.TotalSeconds:F1} s"));
        }

        using var http = registry.CreateHttpClient(token);
        Console.WriteLine(string.Create(c, $"Figures bench: {generator.HouseholdCount:N0} households, {generator.PeopleCount:N0} people; {runs} runs each after 3 warm-ups; {Environment.ProcessorCount} cores"));
        Console.WriteLine("| request | p50 | p95 | max |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var path in new[] { "/api/households/figures/exit", "/api/households/figures", "/api/households/statistics/households" })
        {
            var times = new List<double>(runs);
            for (var i = 0; i < runs + 3; i++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                if (i >= 3)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            times.Sort();
            Console.WriteLine(string.Create(c, $"| GET {path} | {times[times.Count / 2]:F1} ms | {times[(int)(times.Count * 0.95)]:F1} ms | {times[^1]:F1} ms |"));
        }

        return 0;
    }
}
