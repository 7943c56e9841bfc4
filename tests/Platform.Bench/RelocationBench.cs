using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Registry;
using Platform.DemoCounty;
using Platform.Households.Data;
using Platform.Relocation.Data;
using Platform.Testing;
using RelocationProgram = Platform.Relocation.Program;

namespace Platform.Bench;

/// <summary>
/// The relocation feeds' bench (issue 12: relocation pillar). Loads the demo county's households through the gateway
/// and waits until the relocation pillar follows them all and the registry has the pillar's first assessments (nothing
/// recorded yet: not met). Then loads the county's relocation, housing and water data with the demo loader through the
/// gateway's gRPC feeds (sites, water projects and tests, appraisals, renovations, toilets, cases), timing each feed, and
/// waits until the registry shows the safe-housing and safe-water guarantees the pillar sent — both met for every
/// household. Then sends the whole load again: every record unchanged, nothing published, the registry and the figures
/// the same.
///   dotnet run -c Release --project tests/Platform.Bench -- --relocation [--scale 1]
/// </summary>
internal static class RelocationBench
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(15);

    public static async Task<int> RunAsync(double scale, int seed)
    {
        var c = CultureInfo.InvariantCulture;
        await using var platform = await PillarBenchPlatform<RelocationProgram>.StartAsync("relocation");
        var (households, relocation, http, channel, token) = (platform.Registry, platform.Pillar, platform.Http, platform.Channel, platform.Token);
        var generator = new DemoCountyGenerator(seed, scale);
        var demo = new DemoRelocation(generator);
        Console.WriteLine(string.Create(c, $"Relocation bench: {generator.HouseholdCount:N0} households, {generator.PeopleCount:N0} people (scale {scale}); {Environment.ProcessorCount} cores"));

        var wall = Stopwatch.StartNew();
        if (!await platform.ImportHouseholdsAsync(generator))
        {
            Console.Error.WriteLine("Bench invalid: households rejected.");
            return 1;
        }

        var imported = wall.Elapsed;
        await Eventually.AssertAsync(
            async () => await ServiceDatabase.CountAsync<RelocationDbContext>(relocation.Services, db => db.ReplicaHouseholds.CountAsync()) == generator.HouseholdCount,
            Patience,
            "the relocation pillar follows every household");
        var followed = wall.Elapsed;

        // The pillar assessed each household as it followed it (nothing recorded yet: not met); those assessments reach
        // the registry before the feeds start, so that what the registry shows after the load is the feeds' doing.
        await Eventually.AssertAsync(async () => await RegistryHasAllAsync(households.Services, relocation.Services), Patience, "the registry has the pillar's first assessments");
        var firstAssessed = wall.Elapsed;
        Console.WriteLine(string.Create(c, $"Households imported in {imported.TotalSeconds:F1} s; followed by the pillar after {followed.TotalSeconds:F1} s, first assessed in the registry after {firstAssessed.TotalSeconds:F1} s. Loading the relocation data…"));

        // The demo loader, as the local start runs it (there, the first phase runs beside the registry's import).
        var assessedBefore = await AssessmentsPublishedAsync(relocation.Services);
        var load = Stopwatch.StartNew();
        var first = await new DemoRelocationLoader(http, channel, token, TextWriter.Null).LoadAsync(demo);
        var loaded = load.Elapsed;
        if (first.AlreadyLoaded || first.Rejected > 0)
        {
            var rejection = first.Feeds.SelectMany(f => f.Summary.Rejections).FirstOrDefault();
            Console.Error.WriteLine(string.Create(c, $"Bench invalid: already loaded {first.AlreadyLoaded}, {first.Rejected} rejected, first: {rejection?.Field} {rejection?.Reason}"));
            return 1;
        }

        // What the registry shows: every assessment the pillar published, both guarantees met for every household.
        await Eventually.AssertAsync(async () => await RegistryHasAllAsync(households.Services, relocation.Services), Patience, "the registry has every assessment the feeds caused");
        var shown = load.Elapsed;
        var assessed = await AssessmentsPublishedAsync(relocation.Services) - assessedBefore;
        var bothMet = await ServiceDatabase.CountAsync<HouseholdsDbContext>(households.Services, db => db.Households.CountAsync(h => db.GuaranteeStates.Count(s =>
            s.HouseholdId == h.Id && (s.Guarantee == Guarantee.SafeHousing || s.Guarantee == Guarantee.SafeDrinkingWater) && s.Source == Pillar.Relocation && s.Met) == 2));
        var figures = await http.GetStringAsync(new Uri("/api/relocation/figures", UriKind.Relative));

        // The same load sent again: every record unchanged, nothing published, the registry and the figures the same.
        var outboxBefore = await ServiceDatabase.CountAsync<RelocationDbContext>(relocation.Services, db => db.OutboxMessages.CountAsync());
        var registryBefore = await RegistryAssessmentsAsync(households.Services);
        var again = new DemoRelocationLoader(http, channel, token, TextWriter.Null);
        var resend = Stopwatch.StartNew();
        await again.LoadHousesAsync(demo);
        await again.LoadHouseholdsAsync(demo);
        var resent = resend.Elapsed;
        var failed = await StreamDrain.WaitAsync(platform.Infrastructure, platform.VirtualHost, TimeSpan.FromMinutes(2), platform.RegistryDatabase, platform.PillarDatabase);
        var outboxAfter = await ServiceDatabase.CountAsync<RelocationDbContext>(relocation.Services, db => db.OutboxMessages.CountAsync());
        var registryAfter = await RegistryAssessmentsAsync(households.Services);
        var figuresAfter = await http.GetStringAsync(new Uri("/api/relocation/figures", UriKind.Relative));

        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"Households / people: {generator.HouseholdCount:N0} / {generator.PeopleCount:N0}; followed by the pillar {followed.TotalSeconds:F1} s after the household import began (import {imported.TotalSeconds:F1} s), its first assessments (not met) in the registry after {firstAssessed.TotalSeconds:F1} s."));
        Console.WriteLine();
        Console.WriteLine("| feed (gRPC client stream through the gateway) | records | first send | records/s | sent again: unchanged | in | records/s |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        // Phase 1's lines run at once, so feeds end in a different order each time: pair them by name.
        foreach (var (run, repeat) in first.Feeds.Join(again.Feeds, f => f.Feed, f => f.Feed, (run, repeat) => (run, repeat)))
        {
            Console.WriteLine(string.Create(c, $"| {run.Feed} | {run.Summary.Accepted:N0} | {run.Elapsed.TotalSeconds:F2} s | {Rate(run.Summary.Accepted, run.Elapsed)} | {repeat.Summary.Unchanged:N0} | {repeat.Elapsed.TotalSeconds:F2} s | {Rate(repeat.Summary.Received, repeat.Elapsed)} |"));
        }

        var accepted = first.Feeds.Sum(f => f.Summary.Accepted);
        var unchanged = again.Feeds.Sum(f => f.Summary.Unchanged);
        Console.WriteLine(string.Create(c, $"| all {first.Feeds.Count} feeds as the demo loader sends them (phase 1 in three lines at once) | {accepted:N0} | {loaded.TotalSeconds:F2} s | {Rate(accepted, loaded)} | {unchanged:N0} | {resent.TotalSeconds:F2} s | {Rate(unchanged, resent)} |"));
        Console.WriteLine();
        Console.WriteLine("| the guarantees the pillar sent, in the registry | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(c, $"| assessments the load published (safe housing, safe drinking water) | {assessed:N0} |"));
        Console.WriteLine(string.Create(c, $"| from the first record sent until the registry has them all | {shown.TotalSeconds:F2} s ({(shown - loaded).TotalSeconds:F2} s after the last feed's summary) |"));
        Console.WriteLine(string.Create(c, $"| households with both guarantees met in the registry | {bothMet:N0} of {generator.HouseholdCount:N0} |"));
        Console.WriteLine(string.Create(c, $"| sent again: the pillar's outbox / the registry's relocation assessments | {outboxBefore:N0} → {outboxAfter:N0} / {registryBefore:N0} → {registryAfter:N0} |"));
        var shape = JsonDocument.Parse(figures).RootElement;
        Console.WriteLine(string.Create(c, $"| figures: sites; relocated households / people; made safe; toilets | {shape.GetProperty("sites").GetProperty("total")}; {shape.GetProperty("relocated").GetProperty("intoSitesHouseholds")} / {shape.GetProperty("relocated").GetProperty("intoSitesPeople")}; {shape.GetProperty("housing").GetProperty("madeSafe").GetProperty("households")}; {shape.GetProperty("housing").GetProperty("toilets").GetProperty("count")} |"));

        var valid = bothMet == generator.HouseholdCount
            && again.Feeds.All(f => f.Summary.Rejected == 0 && f.Summary.Unchanged == f.Summary.Received)
            && outboxAfter == outboxBefore && registryAfter == registryBefore && figuresAfter == figures && failed == 0;
        if (!valid)
        {
            Console.Error.WriteLine(string.Create(c, $"Bench invalid: {bothMet} of {generator.HouseholdCount} households with both guarantees met in the registry, or the load sent again changed records, published events or moved a figure ({failed} messages in error queues)."));
        }

        return valid ? 0 : 1;
    }

    private static string Rate(int records, TimeSpan elapsed) => (records / elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The guarantee assessments the pillar has put in its outbox so far.</summary>
    private static Task<int> AssessmentsPublishedAsync(IServiceProvider relocation) =>
        ServiceDatabase.CountAsync<RelocationDbContext>(relocation, db => db.OutboxMessages.CountAsync(m => m.MessageType.StartsWith(typeof(GuaranteeAssessed).FullName! + ",")));

    private static Task<int> RegistryAssessmentsAsync(IServiceProvider registry) =>
        ServiceDatabase.CountAsync<HouseholdsDbContext>(registry, db => db.GuaranteeAssessments.CountAsync(a => a.Source == Pillar.Relocation));

    /// <summary>The registry holds every assessment the pillar has published so far.</summary>
    private static async Task<bool> RegistryHasAllAsync(IServiceProvider registry, IServiceProvider relocation) =>
        await RegistryAssessmentsAsync(registry) >= await AssessmentsPublishedAsync(relocation);
}
