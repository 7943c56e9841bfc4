using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Bench;
using Platform.Contracts.Households;
using Platform.DemoCounty;
using Platform.DemoCounty.Cli;
using Platform.Households.Domain;
using Platform.Households.Grpc;
using Platform.Messaging.Stream;
using Platform.Testing;
using GatewayProgram = Platform.Gateway.Program;
using HouseholdsProgram = Platform.Households.Program;

// Import bench (issue: platform foundation). Loads the demo county through the gateway's gRPC import,
// waits until a subscriber of HouseholdRegistered (standing for a pillar) has every event, and times
// a raw Npgsql binary COPY of the same rows into a fresh registry database, side by side.
//   dotnet run -c Release --project tests/Platform.Bench -- [--scale 1] [--seed 2020]
var scale = ArgValue("--scale", 1.0);
var seed = (int)ArgValue("--seed", DemoCountyGenerator.DefaultSeed);
if (args.Contains("--events"))
{
    // The event path beside a raw RabbitMQ.Client loop (EventPathBench.cs).
    return await Platform.Bench.EventPathBench.RunAsync(scale, seed);
}

if (args.Contains("--education"))
{
    // The education pillar's school-roll bench (EducationBench.cs).
    return await Platform.Bench.EducationBench.RunAsync(scale, seed, (int)ArgValue("--dropout-one-in", DemoEducation.DropoutOneIn));
}

if (args.Contains("--industry"))
{
    // The industry pillar's feeds (IndustryBench.cs).
    return await Platform.Bench.IndustryBench.RunAsync(scale, seed);
}

if (args.Contains("--welfare"))
{
    // The welfare pillar's feeds (WelfareBench.cs).
    return await Platform.Bench.WelfareBench.RunAsync(scale, seed);
}

if (args.Contains("--ecology"))
{
    // The ecology pillar's feeds (EcologyBench.cs).
    return await Platform.Bench.EcologyBench.RunAsync(scale, seed);
}

if (args.Contains("--relocation"))
{
    // The relocation pillar's feeds (RelocationBench.cs).
    return await Platform.Bench.RelocationBench.RunAsync(scale, seed);
}

if (args.Contains("--portal"))
{
    // The portal's dashboard in Chromium against a running platform (PortalBench.cs).
    return await Platform.Bench.PortalBench.RunAsync(
        ArgText("--url", "http://localhost:8080"), ArgText("--user", "officer"), ArgText("--password", "Demo-officer-2026"), (int)ArgValue("--runs", 10));
}

if (args.Contains("--figures"))
{
    // The county's figures over the demo county (FiguresBench.cs).
    return await Platform.Bench.FiguresBench.RunAsync(scale, seed, (int)ArgValue("--runs", 50));
}

var c = CultureInfo.InvariantCulture;

var infrastructure = await TestInfrastructure.GetAsync();
var quiet = new Dictionary<string, string?>
{
    ["Logging:LogLevel:Default"] = "Warning",
    ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
    ["Messaging:Outbox:PollInterval"] = "00:00:01",
};
var vhost = await infrastructure.CreateVirtualHostAsync("bench");
await using var households = ServiceHost<HouseholdsProgram>.Start(new Dictionary<string, string?>(quiet)
{
    ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("bench_households"),
    ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
});
await using var gateway = ServiceHost<GatewayProgram>.Start(new Dictionary<string, string?>(quiet.Concat(BenchClient.Settings()))
{
    ["ReverseProxy:Clusters:households:Destinations:primary:Address"] = households.HttpAddress.ToString(),
    ["ReverseProxy:Clusters:households-grpc:Destinations:primary:Address"] = households.GrpcAddress.ToString(),
    ["ConnectionStrings:identity"] = await infrastructure.CreateDatabaseAsync("bench_identity"),
});

// A pillar's subscription: the wall time ends when it has every HouseholdRegistered.
await using var stream = await EventStreamClient.ConnectAsync(vhost, "bench-pillar");
await using var observer = await stream.TapAsync([typeof(HouseholdRegistered)]);

var generator = new DemoCountyGenerator(seed, scale);
var token = await BenchClient.TokenAsync(gateway);
Console.WriteLine(string.Create(c, $"Bench: {generator.HouseholdCount:N0} households, {generator.PeopleCount:N0} people (scale {scale}); {Environment.ProcessorCount} cores"));

using var channel = ServiceHost<GatewayProgram>.CreateGrpcChannel(gateway.GrpcAddress, token: null);
using var loader = new DemoCountyLoader(new HouseholdRegistry.HouseholdRegistryClient(channel), token);
await loader.SeedVillagesAsync(DemoCountyGenerator.County());

var wall = Stopwatch.StartNew();
var summary = await loader.LoadAsync(generator.Records(), generator.HouseholdCount, new ConsoleLoadProgress(Console.Out, !Console.IsOutputRedirected));
var importTime = wall.Elapsed;
while (observer.Received.Count < summary.Accepted && wall.Elapsed < TimeSpan.FromMinutes(10))
{
    await Task.Delay(20);
}

var caughtUp = wall.Elapsed;
var received = observer.Received.Count;
if (summary.Rejected > 0 || received < summary.Accepted)
{
    Console.Error.WriteLine(string.Create(c, $"Bench invalid: {summary.Rejected} rejected, {received}/{summary.Accepted} events received."));
    return 1;
}

// Baseline: the same rows, validated and built beforehand, COPYed into a fresh registry database.
await using var baselineHost = ServiceHost<HouseholdsProgram>.Start(new Dictionary<string, string?>(quiet)
{
    ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("bench_copy"),
    ["ConnectionStrings:rabbitmq"] = (await infrastructure.CreateVirtualHostAsync("bench_copy")).ToString(),
});
using (var direct = baselineHost.CreateGrpcChannel(token: null))
using (var baselineLoader = new DemoCountyLoader(new HouseholdRegistry.HouseholdRegistryClient(direct), token))
{
    await baselineLoader.SeedVillagesAsync(DemoCountyGenerator.County());
}

var dataSource = baselineHost.Services.GetService(typeof(NpgsqlDataSource)) as NpgsqlDataSource
    ?? throw new InvalidOperationException("The registry has no NpgsqlDataSource.");
var villageIds = new Dictionary<string, int>(StringComparer.Ordinal);
await using (var command = dataSource.CreateCommand("SELECT code, id FROM villages"))
await using (var reader = await command.ExecuteReaderAsync())
{
    while (await reader.ReadAsync())
    {
        villageIds[reader.GetString(0)] = reader.GetInt32(1);
    }
}

var today = new DateOnly(2026, 1, 1);
var rows = generator.Records().Select(record =>
{
    var errors = new Dictionary<string, string[]>();
    var registration = RegistrationRules.Validate(
        new HouseholdSubmission(record.HouseholdNumber, record.VillageCode, record.Status, record.MainCause, record.OtherCauses, record.Phone, record.RegisteredYear, record.ExitYear,
            record.Members.Select(m => new MemberSubmission(m.IdNumber, m.Name, m.Sex, m.Relation, m.Health, m.DisabilityGrade, m.LabourAbility, m.SchoolingStatus, m.Ethnicity)).ToList()),
        today,
        errors) ?? throw new InvalidOperationException("Demo record invalid: " + string.Join("; ", errors.Keys));
    return Platform.Households.Domain.Household.Register(registration, villageIds[registration.VillageCode], DateTimeOffset.UtcNow);
}).ToList();

var copyClock = Stopwatch.StartNew();
await using (var connection = await dataSource.OpenConnectionAsync())
await using (var transaction = await connection.BeginTransactionAsync())
{
    await HouseholdRowsCopy.CopyAsync(connection, rows, CancellationToken.None);
    await transaction.CommitAsync();
}

var copyTime = copyClock.Elapsed;

Console.WriteLine();
Console.WriteLine("| measure | value |");
Console.WriteLine("|---|---|");
Console.WriteLine(string.Create(c, $"| households / people | {generator.HouseholdCount:N0} / {generator.PeopleCount:N0} |"));
Console.WriteLine(string.Create(c, $"| gRPC import through the gateway | {importTime.TotalSeconds:F2} s ({generator.HouseholdCount / importTime.TotalSeconds:N0} households/s, {generator.PeopleCount / importTime.TotalSeconds:N0} people/s) |"));
Console.WriteLine(string.Create(c, $"| until every HouseholdRegistered reached the subscriber | {caughtUp.TotalSeconds:F2} s |"));
Console.WriteLine(string.Create(c, $"| raw binary COPY of the same rows | {copyTime.TotalSeconds:F2} s |"));
Console.WriteLine(string.Create(c, $"| import ÷ raw COPY | {importTime / copyTime:F1}× |"));
Console.WriteLine(string.Create(c, $"| caught up ÷ raw COPY | {caughtUp / copyTime:F1}× |"));
return 0;

static double ArgValue(string name, double fallback)
{
    var args = Environment.GetCommandLineArgs();
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static string ArgText(string name, string fallback)
{
    var args = Environment.GetCommandLineArgs();
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
