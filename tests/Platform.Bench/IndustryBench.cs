using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.Grpc.Industry.V1;
using Platform.Contracts.Registry;
using Platform.DemoCounty;
using Platform.Households.Data;
using Platform.Industry.Data;
using Platform.Testing;
using GatewayProgram = Platform.Gateway.Program;
using HouseholdsProgram = Platform.Households.Program;
using IndustryProgram = Platform.Industry.Program;

namespace Platform.Bench;

/// <summary>
/// The industry feeds' bench (issue: industry pillar). Loads the demo county's households through the gateway, waits
/// until the industry pillar knows every household, then streams the demo's industry records through the gateway's
/// gRPC feeds one feed after another (entities, bases, links, payments, projects, employment), timing each and waiting
/// after each until the registry has every income record it caused (payments, subsidies, wages). Then sends the same
/// load again: every record unchanged, no income reported again, the registry's count the same.
///   dotnet run -c Release --project tests/Platform.Bench -- --industry [--scale 1]
/// </summary>
internal static class IndustryBench
{
    public static async Task<int> RunAsync(double scale, int seed)
    {
        var c = CultureInfo.InvariantCulture;
        var infrastructure = await TestInfrastructure.GetAsync();
        var quiet = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
            ["Messaging:Outbox:PollInterval"] = "00:00:01",
        };
        var vhost = (await infrastructure.CreateVirtualHostAsync("bench_industry")).ToString();
        await using var households = ServiceHost<HouseholdsProgram>.Start(new Dictionary<string, string?>(quiet)
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("bench_ind_households"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        await using var industry = ServiceHost<IndustryProgram>.Start(new Dictionary<string, string?>(quiet)
        {
            ["ConnectionStrings:industry"] = await infrastructure.CreateDatabaseAsync("bench_industry"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        await using var gateway = ServiceHost<GatewayProgram>.Start(new Dictionary<string, string?>(quiet.Concat(BenchClient.Settings()))
        {
            ["ReverseProxy:Clusters:households:Destinations:primary:Address"] = households.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:households-grpc:Destinations:primary:Address"] = households.GrpcAddress.ToString(),
            ["ReverseProxy:Clusters:industry:Destinations:primary:Address"] = industry.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:industry-grpc:Destinations:primary:Address"] = industry.GrpcAddress.ToString(),
            ["ConnectionStrings:identity"] = await infrastructure.CreateDatabaseAsync("bench_ind_identity"),
        });

        var generator = new DemoCountyGenerator(seed, scale);
        var demo = new DemoIndustry(generator);
        var token = await BenchClient.TokenAsync(gateway);
        using var channel = ServiceHost<GatewayProgram>.CreateGrpcChannel(gateway.GrpcAddress, token: null);
        Console.WriteLine(string.Create(c, $"Industry bench: {generator.HouseholdCount:N0} households, {generator.PeopleCount:N0} people (scale {scale}); {Environment.ProcessorCount} cores"));

        var wall = Stopwatch.StartNew();
        using (var registry = new DemoCountyLoader(new HouseholdRegistry.HouseholdRegistryClient(channel), token))
        {
            await registry.SeedVillagesAsync(DemoCountyGenerator.County());
            if ((await registry.LoadAsync(generator.Records(), generator.HouseholdCount)).Rejected > 0)
            {
                Console.Error.WriteLine("Bench invalid: households rejected.");
                return 1;
            }
        }

        var householdsTime = wall.Elapsed;
        while (await CountAsync<IndustryDbContext>(industry.Services, db => db.ReplicaHouseholds.CountAsync()) < generator.HouseholdCount)
        {
            if (wall.Elapsed > TimeSpan.FromMinutes(15))
            {
                Console.Error.WriteLine("Bench invalid: the industry pillar did not learn every household in 15 min.");
                return 1;
            }

            await Task.Delay(200);
        }

        var householdsKnown = wall.Elapsed;
        Console.WriteLine(string.Create(c, $"Households imported in {householdsTime.TotalSeconds:F1} s; every household known to the industry pillar after {householdsKnown.TotalSeconds:F1} s. Streaming the feeds…"));

        var headers = new Metadata { { "authorization", $"Bearer {token}" } };
        var agriculture = new AgricultureFeeds.AgricultureFeedsClient(channel);
        var employment = new EmploymentFeeds.EmploymentFeedsClient(channel);
        var load = new (string Feed, Func<Task<FeedSummary>> Send, int Records)[]
        {
            ("ImportEntities", () => DemoIndustryLoader.StreamAsync(() => agriculture.ImportEntities(headers), demo.Entities(), CancellationToken.None), demo.Entities().Count),
            ("ImportBases", () => DemoIndustryLoader.StreamAsync(() => agriculture.ImportBases(headers), demo.Bases(), CancellationToken.None), demo.Bases().Count),
            ("ImportLinks", () => DemoIndustryLoader.StreamAsync(() => agriculture.ImportLinks(headers), demo.Links(), CancellationToken.None), demo.Links().Count),
            ("ImportPayments", () => DemoIndustryLoader.StreamAsync(() => agriculture.ImportPayments(headers), demo.Payments(), CancellationToken.None), demo.Payments().Count),
            ("ImportProjects", () => DemoIndustryLoader.StreamAsync(() => agriculture.ImportProjects(headers), demo.Projects(), CancellationToken.None), demo.Projects().Count),
            ("ImportEmployment", () => DemoIndustryLoader.StreamAsync(() => employment.ImportEmployment(headers), demo.Employment(), CancellationToken.None), demo.Employment().Count),
        };

        // One feed after another, so each feed's rate and the registry's catch-up on its income are its own.
        var first = new List<FeedRun>();
        var all = Stopwatch.StartNew();
        foreach (var (feed, send, records) in load)
        {
            var clock = Stopwatch.StartNew();
            var summary = await send();
            var streamed = clock.Elapsed;
            if (summary.Rejected > 0 || summary.Accepted != records)
            {
                Console.Error.WriteLine(string.Create(c, $"Bench invalid: {feed} accepted {summary.Accepted} of {records}, first rejection: {summary.Rejections.FirstOrDefault()?.Field} {summary.Rejections.FirstOrDefault()?.Reason}"));
                return 1;
            }

            // Every income row the pillar holds was reported through its outbox in the feed's transaction.
            var incomes = await CountAsync<IndustryDbContext>(industry.Services, db => db.Income.CountAsync());
            while (await RegistryIncomesAsync(households.Services) < incomes)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(10))
                {
                    Console.Error.WriteLine(string.Create(c, $"Bench invalid: the registry did not receive the {feed} income records in 10 min."));
                    return 1;
                }

                await Task.Delay(50);
            }

            first.Add(new FeedRun(feed, summary, streamed, clock.Elapsed, incomes - first.Sum(f => f.IncomesCaused)));
        }

        var loaded = all.Elapsed;
        var incomesBefore = await CountAsync<IndustryDbContext>(industry.Services, db => db.Income.SumAsync(i => i.Reports));
        var registryBefore = await RegistryIncomesAsync(households.Services);

        // The same load sent again: every record unchanged, no income reported again.
        var again = new List<(string Feed, FeedSummary Summary, TimeSpan Elapsed)>();
        var resend = Stopwatch.StartNew();
        foreach (var (feed, send, _) in load)
        {
            var clock = Stopwatch.StartNew();
            again.Add((feed, await send(), clock.Elapsed));
        }

        var resent = resend.Elapsed;
        var incomesAfter = await CountAsync<IndustryDbContext>(industry.Services, db => db.Income.SumAsync(i => i.Reports));
        var registryAfter = await RegistryIncomesAsync(households.Services);

        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"Households / people: {generator.HouseholdCount:N0} / {generator.PeopleCount:N0}; every household known to the pillar {householdsKnown.TotalSeconds:F1} s after the household import began (import {householdsTime.TotalSeconds:F1} s)."));
        Console.WriteLine();
        Console.WriteLine("| feed (gRPC client stream through the gateway) | records | streamed | records/s | income records caused | registry has them all | sent again: unchanged | records/s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (run, (_, summary, elapsed)) in first.Zip(again))
        {
            var caughtUp = run.IncomesCaused > 0 ? string.Create(c, $"{run.UntilRegistryHasAll.TotalSeconds:F2} s") : "–";
            Console.WriteLine(string.Create(c, $"| {run.Feed} | {run.Summary.Accepted:N0} | {run.Streamed.TotalSeconds:F2} s | {run.Summary.Accepted / run.Streamed.TotalSeconds:N0} | {run.IncomesCaused:N0} | {caughtUp} | {summary.Unchanged:N0} | {summary.Received / elapsed.TotalSeconds:N0} |"));
        }

        var accepted = first.Sum(f => f.Summary.Accepted);
        Console.WriteLine(string.Create(c, $"| all six, one after another | {accepted:N0} | {loaded.TotalSeconds:F2} s (with the catch-ups) | {accepted / loaded.TotalSeconds:N0} | {registryBefore:N0} | – | {again.Sum(a => a.Summary.Unchanged):N0} in {resent.TotalSeconds:F2} s | {accepted / resent.TotalSeconds:N0} |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"Sent again: income reports {incomesBefore:N0} before, {incomesAfter:N0} after; the registry's industry income records {registryBefore:N0} before, {registryAfter:N0} after."));
        var unchanged = again.All(a => a.Summary.Rejected == 0 && a.Summary.Unchanged == a.Summary.Received) && incomesAfter == incomesBefore && registryAfter == registryBefore;
        if (!unchanged)
        {
            Console.Error.WriteLine("Bench invalid: the load sent again changed records or reported income again.");
        }

        return unchanged ? 0 : 1;
    }

    private sealed record FeedRun(string Feed, FeedSummary Summary, TimeSpan Streamed, TimeSpan UntilRegistryHasAll, int IncomesCaused);

    private static Task<int> RegistryIncomesAsync(IServiceProvider registry) =>
        CountAsync<HouseholdsDbContext>(registry, db => db.IncomeRecords.CountAsync(r => r.Source == Pillar.Industry));

    private static async Task<int> CountAsync<TContext>(IServiceProvider services, Func<TContext, Task<int>> count)
        where TContext : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await count(scope.ServiceProvider.GetRequiredService<TContext>());
    }
}
