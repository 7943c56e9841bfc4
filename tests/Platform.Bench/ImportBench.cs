using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.Households;
using Platform.DemoCounty;
using Platform.DemoCounty.Cli;
using Platform.Households.Domain;
using Household = Platform.Households.Domain.Household;
using Platform.Households.Grpc;
using Platform.Messaging.Stream;
using Platform.Testing;
using GatewayProgram = Platform.Gateway.Program;
using HouseholdsProgram = Platform.Households.Program;

namespace Platform.Bench;

/// <summary>What the import bench measured: the gRPC import through the gateway against a raw binary COPY of the same rows.</summary>
internal sealed record ImportFigures(int Households, int People, TimeSpan Import, TimeSpan CaughtUp, TimeSpan RawCopy)
{
    public double ImportPerCopy => Import / RawCopy;

    public double CaughtUpPerCopy => CaughtUp / RawCopy;
}

/// <summary>
/// Import bench (issue: platform foundation). Loads the demo county through the gateway's gRPC import, waits until a
/// subscriber of HouseholdRegistered (standing for a pillar) has every event, and times a raw Npgsql binary COPY of the
/// same rows into a fresh registry database, side by side.
///   dotnet run -c Release --project tests/Platform.Bench -- [--scale 1] [--seed 2020]
/// </summary>
internal static class ImportBench
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Settings every bench host gets: warnings only, the outbox polled each second.</summary>
    public static Dictionary<string, string?> Quiet() => new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
        ["Messaging:Outbox:PollInterval"] = "00:00:01",
    };

    public static async Task<int> RunAsync(double scale, int seed)
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var vhost = await infrastructure.CreateVirtualHostAsync("bench");
        await using var households = ServiceHost<HouseholdsProgram>.Start(new Dictionary<string, string?>(Quiet())
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("bench_households"),
            ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
        });
        await using var gateway = ServiceHost<GatewayProgram>.Start(new Dictionary<string, string?>(Quiet().Concat(BenchClient.Settings()))
        {
            ["ReverseProxy:Clusters:households:Destinations:primary:Address"] = households.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:households-grpc:Destinations:primary:Address"] = households.GrpcAddress.ToString(),
            ["ConnectionStrings:identity"] = await infrastructure.CreateDatabaseAsync("bench_identity"),
        });
        var generator = new DemoCountyGenerator(seed, scale);
        var token = await BenchClient.TokenAsync(gateway);
        Console.WriteLine(string.Create(C, $"Bench: {generator.HouseholdCount:N0} households, {generator.PeopleCount:N0} people (scale {scale}); {Environment.ProcessorCount} cores"));
        var figures = await MeasureAsync(infrastructure, vhost, gateway.GrpcAddress, generator, token);

        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(C, $"| households / people | {figures.Households:N0} / {figures.People:N0} |"));
        Console.WriteLine(string.Create(C, $"| gRPC import through the gateway | {figures.Import.TotalSeconds:F2} s ({figures.Households / figures.Import.TotalSeconds:N0} households/s, {figures.People / figures.Import.TotalSeconds:N0} people/s) |"));
        Console.WriteLine(string.Create(C, $"| until every HouseholdRegistered reached the subscriber | {figures.CaughtUp.TotalSeconds:F2} s |"));
        Console.WriteLine(string.Create(C, $"| raw binary COPY of the same rows | {figures.RawCopy.TotalSeconds:F2} s |"));
        Console.WriteLine(string.Create(C, $"| import ÷ raw COPY | {figures.ImportPerCopy:F1}× |"));
        Console.WriteLine(string.Create(C, $"| caught up ÷ raw COPY | {figures.CaughtUpPerCopy:F1}× |"));
        return 0;
    }

    /// <summary>
    /// Imports the county through the gateway at <paramref name="gatewayGrpc"/> (its registry on <paramref name="vhost"/>) with a subscriber of
    /// HouseholdRegistered tapping the stream, then COPYs the same rows into a fresh registry database of its own.
    /// </summary>
    public static async Task<ImportFigures> MeasureAsync(TestInfrastructure infrastructure, Uri vhost, Uri gatewayGrpc, DemoCountyGenerator generator, string token)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        ArgumentNullException.ThrowIfNull(gatewayGrpc);
        ArgumentNullException.ThrowIfNull(generator);

        // A pillar's subscription: the wall time ends when it has every HouseholdRegistered.
        await using var stream = await EventStreamClient.ConnectAsync(vhost, "bench-pillar");
        await using var observer = await stream.TapAsync([typeof(HouseholdRegistered)]);
        using var channel = ServiceHost<GatewayProgram>.CreateGrpcChannel(gatewayGrpc, token: null);
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
            throw new InvalidOperationException(string.Create(C, $"Import invalid: {summary.Rejected} rejected, {received}/{summary.Accepted} events received."));
        }

        // Baseline: the same rows, validated and built beforehand, COPYed into a fresh registry database.
        await using var baselineHost = ServiceHost<HouseholdsProgram>.Start(new Dictionary<string, string?>(Quiet())
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

        var rows = DemoHouseholdRows.Build(generator, new DateOnly(2026, 1, 1), (registration, _) => villageIds[registration.VillageCode]);
        var copyClock = Stopwatch.StartNew();
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await HouseholdRowsCopy.CopyAsync(connection, rows, CancellationToken.None);
            await transaction.CommitAsync();
        }

        return new ImportFigures(generator.HouseholdCount, generator.PeopleCount, importTime, caughtUp, copyClock.Elapsed);
    }
}

/// <summary>The demo county's households as the registry builds them from a valid submission, ready for a raw COPY.</summary>
internal static class DemoHouseholdRows
{
    public static List<Household> Build(DemoCountyGenerator generator, DateOnly today, Func<HouseholdRegistration, HouseholdRecord, int> villageId) =>
        BuildWith(generator, today, (registration, record) => Household.Register(registration, villageId(registration, record), DateTimeOffset.UtcNow));

    /// <summary>Each record validated by the registry's rules, then turned into what <paramref name="build"/> makes of it.</summary>
    public static List<T> BuildWith<T>(DemoCountyGenerator generator, DateOnly today, Func<HouseholdRegistration, HouseholdRecord, T> build)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(build);
        return generator.Records().Select(record =>
        {
            var errors = new Dictionary<string, string[]>();
            var registration = RegistrationRules.Validate(
                new HouseholdSubmission(record.HouseholdNumber, record.VillageCode, record.Status, record.MainCause, record.OtherCauses, record.Phone, record.RegisteredYear, record.ExitYear,
                    record.Members.Select(m => new MemberSubmission(m.IdNumber, m.Name, m.Sex, m.Relation, m.Health, m.DisabilityGrade, m.LabourAbility, m.SchoolingStatus, m.Ethnicity)).ToList()),
                today,
                errors) ?? throw new InvalidOperationException("Demo record invalid: " + string.Join("; ", errors.Keys));
            return build(registration, record);
        }).ToList();
    }
}
