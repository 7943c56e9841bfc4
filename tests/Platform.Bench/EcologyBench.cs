using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Grpc.Ecology.V1;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.Registry;
using Platform.DemoCounty;
using Platform.Ecology.Data;
using Platform.Households.Data;
using Platform.Testing;
using EcologyProgram = Platform.Ecology.Program;
using GatewayProgram = Platform.Gateway.Program;
using HouseholdsProgram = Platform.Households.Program;

namespace Platform.Bench;

/// <summary>
/// The ecology feeds' bench (issue: ecology pillar). Loads the demo county's households through the gateway,
/// waits until the ecology pillar knows them all, then loads the county's ecology data as the demo loader
/// does — quotas and projects over REST, the ranger selections, then patrols, pay, compensation and project
/// incomes side by side over the gateway's gRPC feeds — timing each feed, and waits until the registry has
/// every income record they caused. Then sends the pay again: every record unchanged, the registry's count the same.
///   dotnet run -c Release --project tests/Platform.Bench -- --ecology [--scale 1]
/// </summary>
internal static class EcologyBench
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
        var vhost = (await infrastructure.CreateVirtualHostAsync("bench_ecology")).ToString();
        var householdsDatabase = await infrastructure.CreateDatabaseAsync("bench_eco_households");
        var ecologyDatabase = await infrastructure.CreateDatabaseAsync("bench_ecology");
        await using var households = ServiceHost<HouseholdsProgram>.Start(new Dictionary<string, string?>(quiet)
        {
            ["ConnectionStrings:households"] = householdsDatabase,
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        await using var ecology = ServiceHost<EcologyProgram>.Start(new Dictionary<string, string?>(quiet)
        {
            ["ConnectionStrings:ecology"] = ecologyDatabase,
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        await using var gateway = ServiceHost<GatewayProgram>.Start(new Dictionary<string, string?>(quiet.Concat(BenchClient.Settings()))
        {
            ["ReverseProxy:Clusters:households:Destinations:primary:Address"] = households.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:households-grpc:Destinations:primary:Address"] = households.GrpcAddress.ToString(),
            ["ReverseProxy:Clusters:ecology:Destinations:primary:Address"] = ecology.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:ecology-grpc:Destinations:primary:Address"] = ecology.GrpcAddress.ToString(),
            ["ConnectionStrings:identity"] = await infrastructure.CreateDatabaseAsync("bench_eco_identity"),
        });

        var generator = new DemoCountyGenerator(seed, scale);
        var demo = new DemoEcology(generator);
        var token = await BenchClient.TokenAsync(gateway);
        using var channel = ServiceHost<GatewayProgram>.CreateGrpcChannel(gateway.GrpcAddress, token: null);
        using var http = gateway.CreateHttpClient(token);
        Console.WriteLine(string.Create(c, $"Ecology bench: {generator.HouseholdCount:N0} households, {demo.Rangers.Count:N0} rangers (scale {scale}); {Environment.ProcessorCount} cores"));

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

        var imported = wall.Elapsed;
        while (await CountAsync<EcologyDbContext>(ecology.Services, db => db.ReplicaHouseholds.CountAsync()) < generator.HouseholdCount)
        {
            if (wall.Elapsed > TimeSpan.FromMinutes(15))
            {
                Console.Error.WriteLine("Bench invalid: the ecology pillar did not learn every household in 15 min.");
                return 1;
            }

            await Task.Delay(200);
        }

        var known = wall.Elapsed;
        Console.WriteLine(string.Create(c, $"Households imported in {imported.TotalSeconds:F1} s; all known to the ecology pillar after {known.TotalSeconds:F1} s. Loading the ecology data…"));

        var load = Stopwatch.StartNew();
        foreach (var (township, posts) in demo.Quotas())
        {
            (await http.PutAsJsonAsync(string.Create(c, $"/api/ecology/rangers/quotas/{DemoEcology.Year}/{township}"), new { posts })).EnsureSuccessStatusCode();
        }

        var projectIds = new Dictionary<(string, string), string>();
        foreach (var project in DemoEcology.Projects())
        {
            using var response = await http.PostAsJsonAsync("/api/ecology/projects", new { name = project.Name, kind = project.Kind, crop = project.Crop, villageCode = project.VillageCode, areaMu = project.AreaMu, year = project.Year, @operator = project.Operator });
            response.EnsureSuccessStatusCode();
            projectIds[(project.VillageCode, project.Name)] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }

        var rest = load.Elapsed;
        var headers = new Metadata { { "authorization", $"Bearer {token}" } };
        var rangers = new ForestRangers.ForestRangersClient(channel);
        var selections = await TimedAsync(rangers.SelectRangers(headers), demo.Selections().ToList());
        var incomes = demo.ProjectIncomes().Select(x =>
        {
            x.Income.ProjectId = projectIds[(x.Project.VillageCode, x.Project.Name)];
            return x.Income;
        }).ToList();
        var paysFrom = load.Elapsed;
        var patrolsCall = TimedAsync(rangers.RecordPatrols(headers), demo.Patrols().ToList());
        var payCall = TimedAsync(rangers.PayRangers(headers), demo.Pay().ToList());
        var compensationCall = TimedAsync(new EcologicalCompensation.EcologicalCompensationClient(channel).PayCompensation(headers), demo.Compensation().ToList());
        var incomesCall = TimedAsync(new EcologyProjects.EcologyProjectsClient(channel).RecordProjectIncomes(headers), incomes);
        await Task.WhenAll(patrolsCall, payCall, compensationCall, incomesCall);
        var loaded = load.Elapsed;
        var feeds = new[] { ("SelectRangers", selections), ("RecordPatrols", await patrolsCall), ("PayRangers", await payCall), ("PayCompensation", await compensationCall), ("RecordProjectIncomes", await incomesCall) };
        foreach (var (name, (summary, _)) in feeds.Where(f => f.Item2.Summary.Rejected > 0))
        {
            Console.Error.WriteLine(string.Create(c, $"Bench invalid: {name} rejected {summary.Rejected}, first: {summary.Rejections[0].Field} {summary.Rejections[0].Reason}"));
            return 1;
        }

        var expectedIncomes = (await payCall).Summary.Accepted + (await compensationCall).Summary.Accepted + (await incomesCall).Summary.Accepted;
        while (await CountAsync<HouseholdsDbContext>(households.Services, db => db.IncomeRecords.CountAsync(i => i.Source == Pillar.Ecology)) < expectedIncomes)
        {
            if (load.Elapsed > TimeSpan.FromMinutes(10))
            {
                Console.Error.WriteLine("Bench invalid: the registry did not receive every income record in 10 min.");
                return 1;
            }

            await Task.Delay(50);
        }

        var caughtUp = load.Elapsed;
        var again = await TimedAsync(rangers.PayRangers(headers), demo.Pay().ToList());
        // Whatever the second send caused has reached the registry: every outbox sent and every queue empty.
        await StreamDrain.WaitAsync(infrastructure, new Uri(vhost), TimeSpan.FromMinutes(2), householdsDatabase, ecologyDatabase);
        var afterAgain = await CountAsync<HouseholdsDbContext>(households.Services, db => db.IncomeRecords.CountAsync(i => i.Source == Pillar.Ecology));
        var figures = JsonDocument.Parse(await http.GetStringAsync("/api/ecology/figures")).RootElement;

        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(c, $"| households / people / rangers | {generator.HouseholdCount:N0} / {generator.PeopleCount:N0} / {demo.Rangers.Count:N0} |"));
        Console.WriteLine(string.Create(c, $"| every household known to the pillar (registry import + events) | {known.TotalSeconds:F1} s |"));
        Console.WriteLine(string.Create(c, $"| quotas ({demo.Quotas().Count}) and projects ({projectIds.Count}) over REST | {rest.TotalSeconds:F2} s |"));
        foreach (var (name, timed) in feeds)
        {
            Console.WriteLine(string.Create(c, $"| {name} through the gateway | {timed.Summary.Accepted:N0} in {timed.Elapsed.TotalSeconds:F2} s ({timed.Summary.Accepted / timed.Elapsed.TotalSeconds:N0} records/s) |"));
        }

        Console.WriteLine(string.Create(c, $"| the ecology load (REST, selections, then four feeds side by side) | {loaded.TotalSeconds:F2} s |"));
        Console.WriteLine(string.Create(c, $"| from the first payment until the registry has all {expectedIncomes:N0} income records | {(caughtUp - paysFrom).TotalSeconds:F2} s |"));
        Console.WriteLine(string.Create(c, $"| PayRangers sent again: unchanged / registry income records after | {again.Summary.Unchanged:N0} in {again.Elapsed.TotalSeconds:F2} s / {afterAgain:N0} |"));
        Console.WriteLine(string.Create(c, $"| figures: rangers in post, paid total, afforested mu, orchard mu | {figures.GetProperty("rangers").GetProperty("inPost")} / {figures.GetProperty("rangers").GetProperty("payTotal")} / {figures.GetProperty("projects").GetProperty("afforestedMu")} / {figures.GetProperty("projects").GetProperty("orchardMu")} |"));
        return again.Summary.Unchanged == demo.Rangers.Count && afterAgain == expectedIncomes ? 0 : 1;
    }

    private static async Task<(FeedSummary Summary, TimeSpan Elapsed)> TimedAsync<TRecord>(AsyncClientStreamingCall<TRecord, FeedSummary> call, IReadOnlyList<TRecord> records)
    {
        var clock = Stopwatch.StartNew();
        using (call)
        {
            foreach (var record in records)
            {
                await call.RequestStream.WriteAsync(record);
            }

            await call.RequestStream.CompleteAsync();
            return (await call, clock.Elapsed);
        }
    }

    private static async Task<int> CountAsync<TContext>(IServiceProvider services, Func<TContext, Task<int>> count)
        where TContext : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await count(scope.ServiceProvider.GetRequiredService<TContext>());
    }
}
