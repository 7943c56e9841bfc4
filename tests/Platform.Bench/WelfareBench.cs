using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.Grpc.Welfare.V1;
using Platform.Contracts.Registry;
using Platform.DemoCounty;
using Platform.Households.Data;
using Platform.Testing;
using Platform.Welfare.Data;
using GatewayProgram = Platform.Gateway.Program;
using HouseholdsProgram = Platform.Households.Program;
using WelfareProgram = Platform.Welfare.Program;

namespace Platform.Bench;

/// <summary>
/// The welfare feeds' bench (issue: social security pillar). Loads the demo county's households through the gateway,
/// waits until the welfare pillar knows every member, then streams the county's welfare records through the gateway's
/// gRPC feeds one feed after another (insurance, means checks, 低保/特困 enrolments, certificates, disability
/// assessments, in-county claims, protection payouts), timing each and waiting after each until the registry has every
/// income record and guarantee assessment it caused. Then sends the same load again: every record unchanged, nothing
/// published again, the registry the same.
///   dotnet run -c Release --project tests/Platform.Bench -- --welfare [--scale 1]
/// </summary>
internal static class WelfareBench
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
        var vhost = (await infrastructure.CreateVirtualHostAsync("bench_welfare")).ToString();
        await using var households = ServiceHost<HouseholdsProgram>.Start(new Dictionary<string, string?>(quiet)
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("bench_wf_households"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        await using var welfare = ServiceHost<WelfareProgram>.Start(new Dictionary<string, string?>(quiet)
        {
            ["ConnectionStrings:welfare"] = await infrastructure.CreateDatabaseAsync("bench_welfare"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        await using var gateway = ServiceHost<GatewayProgram>.Start(new Dictionary<string, string?>(quiet.Concat(BenchClient.Settings()))
        {
            ["ReverseProxy:Clusters:households:Destinations:primary:Address"] = households.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:households-grpc:Destinations:primary:Address"] = households.GrpcAddress.ToString(),
            ["ReverseProxy:Clusters:welfare:Destinations:primary:Address"] = welfare.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:welfare-grpc:Destinations:primary:Address"] = welfare.GrpcAddress.ToString(),
            ["ConnectionStrings:identity"] = await infrastructure.CreateDatabaseAsync("bench_wf_identity"),
        });

        var generator = new DemoCountyGenerator(seed, scale);
        var demo = new DemoWelfare(generator, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
        var token = await BenchClient.TokenAsync(gateway);
        using var channel = ServiceHost<GatewayProgram>.CreateGrpcChannel(gateway.GrpcAddress, token: null);
        Console.WriteLine(string.Create(c, $"Welfare bench: {generator.HouseholdCount:N0} households, {generator.PeopleCount:N0} people (scale {scale}); {Environment.ProcessorCount} cores"));

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
        while (await CountAsync<WelfareDbContext>(welfare.Services, db => db.ReplicaMembers.CountAsync()) < generator.PeopleCount)
        {
            if (wall.Elapsed > TimeSpan.FromMinutes(20))
            {
                Console.Error.WriteLine("Bench invalid: the welfare pillar did not learn every member in 20 min.");
                return 1;
            }

            await Task.Delay(200);
        }

        var known = wall.Elapsed;
        Console.WriteLine(string.Create(c, $"Households imported in {imported.TotalSeconds:F1} s; every member known to the welfare pillar after {known.TotalSeconds:F1} s. Streaming the feeds…"));

        using var http = gateway.CreateHttpClient(token);
        var standard = (await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/welfare/assistance/standards")).EnumerateArray().Single(s => s.GetProperty("year").GetInt32() == demo.Year);
        var standards = new DemoWelfare.Standards(standard.GetProperty("minimumLivingAnnual").GetDecimal(), standard.GetProperty("extremePovertyAnnual").GetDecimal());
        (await http.PostAsJsonAsync("/api/welfare/protection/policies", new { year = demo.Year, insurer = DemoWelfare.Insurer, policyNumber = "BENCH" + demo.Year, premiumPerPerson = 60m, illnessSum = 10_000m, schoolingSum = 3_000m, disasterSum = 20_000m })).EnsureSuccessStatusCode();

        var headers = new Metadata { { "authorization", $"Bearer {token}" } };
        var medical = new MedicalInsurance.MedicalInsuranceClient(channel);
        var assistance = new SocialAssistance.SocialAssistanceClient(channel);
        var health = new HealthRecords.HealthRecordsClient(channel);
        var disability = new DisabilityAssessments.DisabilityAssessmentsClient(channel);
        var protection = new ProtectionInsurance.ProtectionInsuranceClient(channel);
        var load = new (string Feed, Func<Task<FeedSummary>> Send, int Records)[]
        {
            ("ImportInsuranceEnrolments", () => DemoWelfareLoader.StreamAsync(() => medical.ImportInsuranceEnrolments(headers), demo.InsuranceEnrolments(), CancellationToken.None), demo.InsuranceEnrolments().Count()),
            ("ImportMeansChecks", () => DemoWelfareLoader.StreamAsync(() => assistance.ImportMeansChecks(headers), demo.MeansChecks(standards), CancellationToken.None), demo.MeansChecks(standards).Count()),
            ("ImportEnrolments (低保/特困)", () => DemoWelfareLoader.StreamAsync(() => assistance.ImportEnrolments(headers), demo.Enrolments(), CancellationToken.None), demo.Enrolments().Count()),
            ("ImportChronicCertificates", () => DemoWelfareLoader.StreamAsync(() => health.ImportChronicCertificates(headers), demo.Certificates(), CancellationToken.None), demo.Certificates().Count()),
            ("ImportDisabilityAssessments", () => DemoWelfareLoader.StreamAsync(() => disability.ImportDisabilityAssessments(headers), demo.Disabilities(), CancellationToken.None), demo.Disabilities().Count()),
            ("ImportClaims", () => DemoWelfareLoader.StreamAsync(() => medical.ImportClaims(headers), demo.Claims(), CancellationToken.None), demo.Claims().Count()),
            ("ImportPayouts", () => DemoWelfareLoader.StreamAsync(() => protection.ImportPayouts(headers), demo.Payouts(), CancellationToken.None), demo.Payouts().Count()),
        };

        // One feed after another (claims after insurance and enrolment, as the demo loader does), so each feed's rate
        // and the registry's catch-up on the income records and assessments it caused are its own.
        var first = new List<FeedRun>();
        var all = Stopwatch.StartNew();
        var published = await PublishedAsync(welfare.Services);
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

            // What the feed's transactions put in the outbox; the registry keeps each income record and each assessment.
            var now = await PublishedAsync(welfare.Services);
            while (await RegistryAsync(households.Services) is var registry && (registry.Incomes < now.Incomes || registry.Assessments < now.Assessments))
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(10))
                {
                    Console.Error.WriteLine(string.Create(c, $"Bench invalid: the registry did not receive what {feed} caused in 10 min ({registry} of {now})."));
                    return 1;
                }

                await Task.Delay(50);
            }

            first.Add(new FeedRun(feed, summary, streamed, clock.Elapsed, now.Incomes - published.Incomes, now.Assessments - published.Assessments));
            published = now;
        }

        var loaded = all.Elapsed;
        var registryBefore = await RegistryAsync(households.Services);

        // The same load sent again: every record unchanged, nothing published, the registry the same.
        var again = new List<(FeedSummary Summary, TimeSpan Elapsed)>();
        var resend = Stopwatch.StartNew();
        foreach (var (_, send, _) in load)
        {
            var clock = Stopwatch.StartNew();
            again.Add((await send(), clock.Elapsed));
        }

        var resent = resend.Elapsed;
        var publishedAfter = await PublishedAsync(welfare.Services);
        var registryAfter = await RegistryAsync(households.Services);

        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"Households / people: {generator.HouseholdCount:N0} / {generator.PeopleCount:N0}; every member known to the pillar {known.TotalSeconds:F1} s after the household import began (import {imported.TotalSeconds:F1} s)."));
        Console.WriteLine();
        Console.WriteLine("| feed (gRPC client stream through the gateway) | records | streamed | records/s | income records caused | guarantee assessments caused | registry has them all | sent again: unchanged | records/s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (run, (summary, elapsed)) in first.Zip(again))
        {
            var caughtUp = run.IncomesCaused + run.AssessmentsCaused > 0 ? string.Create(c, $"{run.UntilRegistryHasAll.TotalSeconds:F2} s") : "–";
            Console.WriteLine(string.Create(c, $"| {run.Feed} | {run.Summary.Accepted:N0} | {run.Streamed.TotalSeconds:F2} s | {run.Summary.Accepted / run.Streamed.TotalSeconds:N0} | {run.IncomesCaused:N0} | {run.AssessmentsCaused:N0} | {caughtUp} | {summary.Unchanged:N0} | {summary.Received / elapsed.TotalSeconds:N0} |"));
        }

        var accepted = first.Sum(f => f.Summary.Accepted);
        Console.WriteLine(string.Create(c, $"| all seven, one after another | {accepted:N0} | {loaded.TotalSeconds:F2} s (with the catch-ups) | {accepted / loaded.TotalSeconds:N0} | {first.Sum(f => f.IncomesCaused):N0} | {first.Sum(f => f.AssessmentsCaused):N0} | – | {again.Sum(a => a.Summary.Unchanged):N0} in {resent.TotalSeconds:F2} s | {accepted / resent.TotalSeconds:N0} |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"Sent again: published (income records, assessments) {published} before, {publishedAfter} after; the registry's welfare income records and assessments {registryBefore} before, {registryAfter} after."));
        var unchanged = again.All(a => a.Summary.Rejected == 0 && a.Summary.Unchanged == a.Summary.Received) && publishedAfter == published && registryAfter == registryBefore;
        if (!unchanged)
        {
            Console.Error.WriteLine("Bench invalid: the load sent again changed records or published events again.");
        }

        return unchanged ? 0 : 1;
    }

    private sealed record FeedRun(string Feed, FeedSummary Summary, TimeSpan Streamed, TimeSpan UntilRegistryHasAll, int IncomesCaused, int AssessmentsCaused);

    /// <summary>The income records and guarantee assessments the pillar has put in its outbox so far.</summary>
    private static async Task<(int Incomes, int Assessments)> PublishedAsync(IServiceProvider welfare) => (
        await CountAsync<WelfareDbContext>(welfare, db => db.OutboxMessages.CountAsync(m => m.MessageType.StartsWith(typeof(IncomeRecorded).FullName! + ","))),
        await CountAsync<WelfareDbContext>(welfare, db => db.OutboxMessages.CountAsync(m => m.MessageType.StartsWith(typeof(GuaranteeAssessed).FullName! + ","))));

    /// <summary>The welfare pillar's income records and guarantee assessments the registry holds.</summary>
    private static async Task<(int Incomes, int Assessments)> RegistryAsync(IServiceProvider registry) => (
        await CountAsync<HouseholdsDbContext>(registry, db => db.IncomeRecords.CountAsync(r => r.Source == Pillar.Welfare)),
        await CountAsync<HouseholdsDbContext>(registry, db => db.GuaranteeAssessments.CountAsync(a => a.Source == Pillar.Welfare)));

    private static async Task<int> CountAsync<TContext>(IServiceProvider services, Func<TContext, Task<int>> count)
        where TContext : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await count(scope.ServiceProvider.GetRequiredService<TContext>());
    }
}
