using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Contracts.Grpc.Relocation.V1;

namespace Platform.DemoCounty;

/// <summary>One feed as the loader sent it: its name, the service's summary, and how long the call took (the feeds' bench reports it).</summary>
public sealed record RelocationFeedRun(string Feed, FeedSummary Summary, TimeSpan Elapsed);

/// <summary>What the relocation load did: each feed it sent, in the order they ended, and how long each phase took.</summary>
public sealed record RelocationLoadSummary(bool AlreadyLoaded, IReadOnlyList<RelocationFeedRun> Feeds, TimeSpan Houses, TimeSpan Households)
{
    public int Rejected => Feeds.Sum(f => f.Summary.Rejected);
}

/// <summary>
/// Loads the demo county's relocation, housing and water data through the gateway's gRPC feeds, in two phases
/// so that the first can run while the registry imports its households: (1) what names no registered household
/// by its id — sites, centralised water projects and their tests, house appraisals, renovations and toilets, whose
/// owners the pillar files under their households as the registry's events bring them; (2) once the pillar follows
/// every household, what must match one — scattered water projects (the households they serve) and their tests,
/// and the relocation cases. Safe to repeat: every feed answers "unchanged" for what is there, and a loaded county
/// is recognised from the figures.
/// </summary>
public sealed class DemoRelocationLoader(HttpClient http, GrpcChannel channel, string accessToken, TextWriter output)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<RelocationFeedRun> feeds = [];

    /// <summary>How long to wait for the pillar to follow every household (registry events in flight).</summary>
    public TimeSpan FollowTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public IProgress<LoadProgress>? Progress { get; init; }

    /// <summary>Every feed this loader has sent so far, in the order they ended.</summary>
    public IReadOnlyList<RelocationFeedRun> Feeds
    {
        get
        {
            lock (feeds)
            {
                return [.. feeds];
            }
        }
    }

    public async Task<RelocationLoadSummary> LoadAsync(DemoRelocation demo, CancellationToken cancellationToken = default)
    {
        if (await IsLoadedAsync(demo, cancellationToken))
        {
            output.WriteLine("Relocation: the demo county's relocation, housing and water data is loaded already, nothing to do. 易地搬迁演示数据已导入，跳过。");
            return new RelocationLoadSummary(true, [], TimeSpan.Zero, TimeSpan.Zero);
        }

        var before = feeds.Count;
        var houses = await LoadHousesAsync(demo, cancellationToken);
        var households = await LoadHouseholdsAsync(demo, cancellationToken);
        return new RelocationLoadSummary(false, feeds[before..], houses, households);
    }

    /// <summary>The figures say the county is there: every site and every relocated household.</summary>
    public async Task<bool> IsLoadedAsync(DemoRelocation demo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var figures = await FiguresAsync(Stopwatch.StartNew(), cancellationToken);
        return figures.GetProperty("sites").GetProperty("total").GetInt32() >= DemoRelocation.Sites
            && figures.GetProperty("relocated").GetProperty("intoSitesHouseholds").GetInt32() >= demo.RelocatedHouseholds
            && figures.GetProperty("water").GetProperty("projects").EnumerateArray().Sum(p => p.GetProperty("projects").GetInt32())
                >= DemoRelocation.CentralisedProjects + DemoRelocation.ScatteredProjects;
    }

    /// <summary>
    /// Phase 1 (may run beside the registry's import), in three lines at once: sites, then centralised water and its
    /// tests; appraisals, then renovations; toilets. None names what another line writes, and the pillar files a
    /// house under its owner's household whichever comes first, so the lines need no order between them; a line
    /// keeps its own order (a test names its project, a renovation follows its house's appraisal).
    /// </summary>
    public async Task<TimeSpan> LoadHousesAsync(DemoRelocation demo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var clock = Stopwatch.StartNew();
        await FiguresAsync(clock, cancellationToken); // the pillar is up
        var headers = Headers();
        var water = new DrinkingWater.DrinkingWaterClient(channel);
        var housing = new HousingSafety.HousingSafetyClient(channel);
        async Task SitesAndWaterAsync()
        {
            await FeedAsync("sites", new ResettlementSites.ResettlementSitesClient(channel).ImportSites(headers, cancellationToken: cancellationToken), demo.SiteRecords().ToList(), cancellationToken);
            var centralised = demo.CentralisedWater().ToList();
            await FeedAsync("centralised water projects", water.ImportWaterProjects(headers, cancellationToken: cancellationToken), centralised, cancellationToken);
            await FeedAsync("centralised water tests", water.ImportWaterTests(headers, cancellationToken: cancellationToken), DemoRelocation.Tests(centralised).ToList(), cancellationToken);
        }

        async Task HousesAsync()
        {
            await FeedAsync("appraisals", housing.ImportAppraisals(headers, cancellationToken: cancellationToken), demo.Appraisals().ToList(), cancellationToken);
            await FeedAsync("renovations", housing.ImportRenovations(headers, cancellationToken: cancellationToken), demo.Renovations().ToList(), cancellationToken);
        }

        async Task ToiletsAsync()
        {
            await Task.Yield();
            await FeedAsync("toilets", housing.ImportToilets(headers, cancellationToken: cancellationToken), demo.ToiletRecords().ToList(), cancellationToken);
        }

        await Task.WhenAll(SitesAndWaterAsync(), HousesAsync(), ToiletsAsync());
        return clock.Elapsed;
    }

    /// <summary>Phase 2, once the pillar follows every household: scattered water and tests, relocation cases.</summary>
    public async Task<TimeSpan> LoadHouseholdsAsync(DemoRelocation demo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var clock = Stopwatch.StartNew();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Relocation: waiting until the pillar follows the county's {demo.HouseholdCount:N0} households (from the registry's events)…"));
        while (true)
        {
            var known = (await FiguresAsync(clock, cancellationToken)).GetProperty("households").GetInt32();
            Progress?.Report(new LoadProgress(known, demo.HouseholdCount, clock.Elapsed, known >= demo.HouseholdCount));
            if (known >= demo.HouseholdCount)
            {
                break;
            }

            if (clock.Elapsed > FollowTimeout)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"The relocation pillar follows {known:N0} of {demo.HouseholdCount:N0} households after {FollowTimeout.TotalMinutes:0} min."));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        var headers = Headers();
        var water = new DrinkingWater.DrinkingWaterClient(channel);
        var scattered = demo.ScatteredWater().ToList();
        await FeedAsync("scattered water projects", water.ImportWaterProjects(headers, cancellationToken: cancellationToken), scattered, cancellationToken);
        await FeedAsync("scattered water tests", water.ImportWaterTests(headers, cancellationToken: cancellationToken), DemoRelocation.Tests(scattered).ToList(), cancellationToken);
        await FeedAsync("relocation cases", new RelocationCases.RelocationCasesClient(channel).ImportCases(headers, cancellationToken: cancellationToken), demo.Cases().ToList(), cancellationToken);
        return clock.Elapsed;
    }

    private async Task FeedAsync<TRecord>(string name, AsyncClientStreamingCall<TRecord, FeedSummary> call, IReadOnlyList<TRecord> records, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var summary = await ClientStreams.SendAsync(call, records, Progress, cancellationToken);
        lock (feeds)
        {
            feeds.Add(new RelocationFeedRun(name, summary, clock.Elapsed));
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Relocation: {name}: {summary.Accepted:N0} accepted, {summary.Unchanged:N0} unchanged, {summary.Rejected:N0} rejected in {clock.Elapsed.TotalSeconds:0.0} s."));
        foreach (var rejection in summary.Rejections.Take(5))
        {
            output.WriteLine($"  #{rejection.Index} {rejection.ClientRef} [{rejection.Field}] {rejection.Reason}");
        }
    }

    private Metadata Headers() => new() { { "authorization", $"Bearer {accessToken}" } };

    /// <summary>The pillar's figures; while the pillar is not up yet (a local start), asks again until the timeout.</summary>
    private async Task<JsonElement> FiguresAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/relocation/figures");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                using var response = await http.SendAsync(request, cancellationToken);
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken)).Clone();
            }
            catch (HttpRequestException) when (clock.Elapsed < FollowTimeout)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }
}
