using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.Registry;
using Platform.DemoCounty;
using Platform.DemoCounty.Cli;
using Platform.Education.Data;
using Platform.Households.Data;
using Platform.Testing;
using EducationProgram = Platform.Education.Program;
using GatewayProgram = Platform.Gateway.Program;
using HouseholdsProgram = Platform.Households.Program;

namespace Platform.Bench;

/// <summary>
/// School-roll bench (issue: education pillar). Loads the demo county's households through the gateway,
/// waits until the education pillar knows every student, then streams the whole county's school rolls
/// through the gateway's gRPC import and waits until the registry has every guarantee assessment the
/// rolls caused (one per household whose child is out of school).
///   dotnet run -c Release --project tests/Platform.Bench -- --education [--scale 1] [--dropout-one-in 2000]
/// </summary>
internal static class EducationBench
{
    public static async Task<int> RunAsync(double scale, int seed, int dropoutOneIn)
    {
        var c = CultureInfo.InvariantCulture;
        var infrastructure = await TestInfrastructure.GetAsync();
        var quiet = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
            ["Messaging:Outbox:PollInterval"] = "00:00:01",
        };
        var vhost = (await infrastructure.CreateVirtualHostAsync("bench_education")).ToString();
        await using var households = ServiceHost<HouseholdsProgram>.Start(new Dictionary<string, string?>(quiet)
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("bench_edu_households"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        await using var education = ServiceHost<EducationProgram>.Start(new Dictionary<string, string?>(quiet)
        {
            ["ConnectionStrings:education"] = await infrastructure.CreateDatabaseAsync("bench_education"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        await using var gateway = ServiceHost<GatewayProgram>.Start(new Dictionary<string, string?>(quiet.Concat(BenchClient.Settings()))
        {
            ["ReverseProxy:Clusters:households:Destinations:primary:Address"] = households.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:households-grpc:Destinations:primary:Address"] = households.GrpcAddress.ToString(),
            ["ReverseProxy:Clusters:education:Destinations:primary:Address"] = education.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:education-grpc:Destinations:primary:Address"] = education.GrpcAddress.ToString(),
            // The gateway keeps its clients and users in a database of its own (seeded at start).
            ["ConnectionStrings:identity"] = await infrastructure.CreateDatabaseAsync("bench_edu_identity"),
        });

        var generator = new DemoCountyGenerator(seed, scale);
        var demo = new DemoEducation(generator, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), dropoutOneIn);
        var token = await BenchClient.TokenAsync(gateway);
        using var channel = ServiceHost<GatewayProgram>.CreateGrpcChannel(gateway.GrpcAddress, token: null);
        Console.WriteLine(string.Create(c, $"Education bench: {generator.HouseholdCount:N0} households, {demo.StudentCount:N0} students (scale {scale}); {Environment.ProcessorCount} cores"));

        var wall = Stopwatch.StartNew();
        using (var registry = new DemoCountyLoader(new HouseholdRegistry.HouseholdRegistryClient(channel), token))
        {
            await registry.SeedVillagesAsync(DemoCountyGenerator.County());
            var imported = await registry.LoadAsync(generator.Records(), generator.HouseholdCount);
            if (imported.Rejected > 0)
            {
                Console.Error.WriteLine($"Bench invalid: {imported.Rejected} households rejected.");
                return 1;
            }
        }

        var householdsTime = wall.Elapsed;
        while (await CountAsync<EducationDbContext>(education, db => db.Students.CountAsync()) < demo.StudentCount)
        {
            if (wall.Elapsed > TimeSpan.FromMinutes(15))
            {
                Console.Error.WriteLine("Bench invalid: the education pillar did not learn every student in 15 min.");
                return 1;
            }

            await Task.Delay(200);
        }

        var studentsKnown = wall.Elapsed;
        Console.WriteLine(string.Create(c, $"Households imported in {householdsTime.TotalSeconds:F1} s; every student known to the education pillar after {studentsKnown.TotalSeconds:F1} s. Streaming school rolls…"));

        var rolls = demo.SchoolRolls().ToList();
        var headers = new Metadata { { "authorization", $"Bearer {token}" } };
        var clock = Stopwatch.StartNew();
        SchoolRollSummary summary;
        using (var call = new SchoolRolls.SchoolRollsClient(channel).ImportSchoolRolls(headers))
        {
            var progress = new ConsoleLoadProgress(Console.Out, !Console.IsOutputRedirected) { Unit = "school rolls sent" };
            for (var i = 0; i < rolls.Count; i++)
            {
                await call.RequestStream.WriteAsync(rolls[i]);
                if (i % 1000 == 0)
                {
                    progress.Report(new LoadProgress(i, rolls.Count, clock.Elapsed, false));
                }
            }

            await call.RequestStream.CompleteAsync();
            summary = await call;
            progress.Report(new LoadProgress(rolls.Count, rolls.Count, clock.Elapsed, true));
        }

        var importTime = clock.Elapsed;
        var expected = await CountAsync<EducationDbContext>(education, db => db.OutboxMessages.CountAsync(m => m.MessageType.StartsWith("Platform.Contracts.Registry.GuaranteeAssessed")));
        while (await CountAsync<HouseholdsDbContext>(households, db => db.GuaranteeAssessments.CountAsync(a => a.Source == Pillar.Education)) < expected)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                Console.Error.WriteLine("Bench invalid: the registry did not receive every assessment in 10 min.");
                return 1;
            }

            await Task.Delay(20);
        }

        var caughtUp = clock.Elapsed;
        if (summary.Rejected > 0)
        {
            Console.Error.WriteLine(string.Create(c, $"Bench invalid: {summary.Rejected} school rolls rejected, first: {summary.Rejections[0].Field} {summary.Rejections[0].Reason}"));
            return 1;
        }

        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(c, $"| households / students | {generator.HouseholdCount:N0} / {demo.StudentCount:N0} |"));
        Console.WriteLine(string.Create(c, $"| every student known to the pillar (registry import + events) | {studentsKnown.TotalSeconds:F2} s |"));
        Console.WriteLine(string.Create(c, $"| school rolls through the gateway (gRPC stream) | {rolls.Count:N0} in {importTime.TotalSeconds:F2} s ({rolls.Count / importTime.TotalSeconds:N0} records/s) |"));
        Console.WriteLine(string.Create(c, $"| dropout cases opened / guarantee assessments sent | {summary.CasesOpened:N0} / {expected:N0} |"));
        Console.WriteLine(string.Create(c, $"| from the first roll until the registry has every assessment | {caughtUp.TotalSeconds:F2} s |"));
        return 0;
    }

    private static async Task<int> CountAsync<TContext>(IServiceProvider services, Func<TContext, Task<int>> count)
        where TContext : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await count(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    private static Task<int> CountAsync<TContext>(ServiceHost<HouseholdsProgram> host, Func<TContext, Task<int>> count)
        where TContext : notnull => CountAsync(host.Services, count);

    private static Task<int> CountAsync<TContext>(ServiceHost<EducationProgram> host, Func<TContext, Task<int>> count)
        where TContext : notnull => CountAsync(host.Services, count);
}
