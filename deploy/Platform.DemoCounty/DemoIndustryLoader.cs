using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Contracts.Grpc.Industry.V1;

namespace Platform.DemoCounty;

/// <summary>What the industry load did, feed by feed (null when the data was there already).</summary>
public sealed record IndustryLoadSummary(
    int Households, FeedSummary? Entities, FeedSummary? Bases, FeedSummary? Links, FeedSummary? Payments, FeedSummary? Projects, FeedSummary? Employment, int SalesCreated,
    bool AlreadyLoaded, TimeSpan WaitedForHouseholds, TimeSpan Loaded)
{
    /// <summary>Records any feed refused.</summary>
    public int Rejected => new[] { Entities, Bases, Links, Payments, Projects, Employment }.Sum(s => s?.Rejected ?? 0);
}

/// <summary>
/// Loads the demo county's industry data through the gateway once the registry's households have reached the industry
/// pillar: entities first, then bases, links and their payments, projects and the employment records over the
/// pillar's gRPC feeds side by side, and the consumption sales over REST. Safe to repeat: every feed recognises what
/// it holds already, the sales carry idempotency keys, and a county whose figures are complete is not sent again.
/// </summary>
public sealed class DemoIndustryLoader(HttpClient http, GrpcChannel channel, string accessToken, TextWriter output)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How long to wait for the pillar to know every household (registry events in flight).</summary>
    public TimeSpan HouseholdsTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public async Task<IndustryLoadSummary> LoadAsync(DemoIndustry industry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(industry);
        var c = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        var figures = await FiguresWhenReadyAsync(clock, cancellationToken);
        if (IsLoaded(figures, industry))
        {
            output.WriteLine("Industry: the demo county's industry and jobs data is loaded already, nothing to do. 产业就业扶贫演示数据已导入，跳过。");
            return new IndustryLoadSummary(Registered(figures), null, null, null, null, null, null, 0, true, TimeSpan.Zero, TimeSpan.Zero);
        }

        output.WriteLine(string.Create(c, $"Industry: waiting until the pillar knows the county's {industry.HouseholdCount:N0} households (from the registry's events)…"));
        while (Registered(figures) < industry.HouseholdCount)
        {
            if (clock.Elapsed > HouseholdsTimeout)
            {
                throw new TimeoutException(string.Create(c, $"The industry pillar knows {Registered(figures):N0} of {industry.HouseholdCount:N0} households after {HouseholdsTimeout.TotalMinutes:0} min."));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            figures = await FiguresWhenReadyAsync(clock, cancellationToken);
        }

        var waited = clock.Elapsed;
        var headers = new Metadata { { "authorization", $"Bearer {accessToken}" } };
        var agriculture = new AgricultureFeeds.AgricultureFeedsClient(channel);
        var employment = new EmploymentFeeds.EmploymentFeedsClient(channel);
        var entities = await StreamAsync(() => agriculture.ImportEntities(headers, cancellationToken: cancellationToken), industry.Entities(), cancellationToken);
        output.WriteLine(string.Create(c, $"Industry: {industry.Entities().Count:N0} market entities and workshops ({entities.Created:N0} new, {entities.Rejected} refused)."));

        // Independent of each other once the entities are there: side by side.
        var bases = StreamAsync(() => agriculture.ImportBases(headers, cancellationToken: cancellationToken), industry.Bases(), cancellationToken);
        var linksThenPayments = LinksThenPaymentsAsync(agriculture, headers, industry, cancellationToken);
        var projects = StreamAsync(() => agriculture.ImportProjects(headers, cancellationToken: cancellationToken), industry.Projects(), cancellationToken);
        var jobs = StreamAsync(() => employment.ImportEmployment(headers, cancellationToken: cancellationToken), industry.Employment(), cancellationToken);
        await Task.WhenAll(bases, linksThenPayments, projects, jobs);
        var (links, payments) = await linksThenPayments;
        var sales = await SalesAsync(industry, cancellationToken);
        var summary = new IndustryLoadSummary(
            industry.HouseholdCount, entities, await bases, links, payments, await projects, await jobs, sales, false, waited, clock.Elapsed - waited);
        output.WriteLine(string.Create(
            c,
            $"Industry: {summary.Bases!.Accepted:N0} bases, {links.Accepted:N0} benefit links, {payments.Accepted:N0} payments, {summary.Projects!.Accepted:N0} projects, {summary.Employment!.Accepted:N0} employment records, {sales} sales in {summary.Loaded.TotalSeconds:0.0} s ({summary.Rejected} refused)."));
        foreach (var rejection in new[] { entities, summary.Bases, links, payments, summary.Projects, summary.Employment }.SelectMany(s => s!.Rejections).Take(10))
        {
            output.WriteLine(string.Create(c, $"  #{rejection.Index} {rejection.ClientRef} [{rejection.Field}] {rejection.Reason}"));
        }

        return summary;
    }

    /// <summary>Every figure the demo sets is there (a partial load is sent again; the feeds recognise what they hold).</summary>
    private static bool IsLoaded(JsonElement figures, DemoIndustry industry) =>
        figures.GetProperty("entities").GetProperty("newMarketEntities").GetInt32() >= DemoIndustry.NewMarketEntities
        && figures.GetProperty("jobs").GetProperty("workshops").GetInt32() >= DemoIndustry.Workshops
        && figures.GetProperty("coverage").GetProperty("coveredHouseholds").GetInt32() >= industry.ExpectedCovered
        && figures.GetProperty("jobs").GetProperty("labourTransferred").GetInt32() >= industry.ExpectedTransferred
        && figures.GetProperty("jobs").GetProperty("workshopWorkers").GetInt32() >= industry.ExpectedWorkshopWorkers
        && figures.GetProperty("consumption").GetProperty("sales").GetInt32() >= Math.Min(DemoIndustry.Sales, industry.ConsumptionSales().Count);

    private static int Registered(JsonElement figures) => figures.GetProperty("coverage").GetProperty("registeredHouseholds").GetInt32();

    private static async Task<(FeedSummary Links, FeedSummary Payments)> LinksThenPaymentsAsync(
        AgricultureFeeds.AgricultureFeedsClient agriculture, Metadata headers, DemoIndustry industry, CancellationToken cancellationToken)
    {
        var links = await StreamAsync(() => agriculture.ImportLinks(headers, cancellationToken: cancellationToken), industry.Links(), cancellationToken);
        var payments = await StreamAsync(() => agriculture.ImportPayments(headers, cancellationToken: cancellationToken), industry.Payments(), cancellationToken);
        return (links, payments);
    }

    /// <summary>Streams the records in calls of at most <see cref="ClientStreams.RecordsPerCall"/> and adds their summaries up (the feeds' bench times it).</summary>
    public static Task<FeedSummary> StreamAsync<TRecord>(Func<AsyncClientStreamingCall<TRecord, FeedSummary>> open, IReadOnlyList<TRecord> records, CancellationToken cancellationToken) =>
        ClientStreams.SendInCallsAsync(open, records, new FeedSummary(), (total, summary) =>
        {
            total.Received += summary.Received;
            total.Accepted += summary.Accepted;
            total.Rejected += summary.Rejected;
            total.Created += summary.Created;
            total.Corrected += summary.Corrected;
            total.Unchanged += summary.Unchanged;
            total.Rejections.AddRange(summary.Rejections);
        }, cancellationToken);

    private async Task<int> SalesAsync(DemoIndustry industry, CancellationToken cancellationToken)
    {
        var created = 0;
        foreach (var sale in industry.ConsumptionSales())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/industry/sales")
            {
                Content = JsonContent.Create(
                    new
                    {
                        product = sale.Product, channel = sale.Channel, buyer = sale.Buyer, soldOn = sale.SoldOn, amount = sale.Amount,
                        shares = sale.Shares.Select(s => new { householdNumber = s.Household.HouseholdNumber, amount = s.Share }).ToList(),
                    },
                    options: Json),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            // The same key again replays the first answer: a second load adds no sale.
            request.Headers.Add("Idempotency-Key", sale.Key);
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"Recording the sale {sale.Key} failed: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            created += response.Headers.Contains("Idempotent-Replayed") ? 0 : 1;
        }

        return created;
    }

    /// <summary>The pillar's figures; while the pillar is not up yet (a local start), asks again until the timeout.</summary>
    private async Task<JsonElement> FiguresWhenReadyAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/industry/figures");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                using var response = await http.SendAsync(request, cancellationToken);
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken)).Clone();
            }
            catch (HttpRequestException) when (clock.Elapsed < HouseholdsTimeout)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }
}
