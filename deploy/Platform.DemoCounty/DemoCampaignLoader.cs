using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Grpc.Core;
using Platform.Contracts.Grpc.Households.V1;

namespace Platform.DemoCounty;

/// <summary>What the campaign's load did: the history's summary (one per township call, added up), the inspection.</summary>
public sealed record CampaignLoadSummary(HistorySummary History, int FarmersIncomeYears, Guid InspectionId, int VisitsRecorded, int VisitsAlreadyRecorded, bool MissedFindingAdded);

/// <summary>
/// Loads the campaign into the registry after its households: the history of every village over
/// <c>HouseholdRegistry.ImportCampaignHistory</c> (one client stream per township, so no call comes near a body or
/// record limit), the county's farmers' income over REST, and a sampled inspection with its findings over REST.
/// Safe to repeat: the registry accepts a village's history again unchanged, the income years are put, the
/// inspection is found by its name and its findings recognised as recorded.
/// </summary>
public sealed class DemoCampaignLoader(HouseholdRegistry.HouseholdRegistryClient registry, HttpClient http, string? accessToken)
{
    public const string InspectionName = "房县脱贫攻坚成效第三方评估检查（2020年）";
    public const string InspectionSeed = "420325-2020-third-party";
    private const string Inspector = "第三方评估组";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IProgress<LoadProgress>? Progress { get; init; }

    public async Task<CampaignLoadSummary> LoadAsync(DemoCampaign campaign, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var history = await LoadHistoryAsync(campaign, cancellationToken);
        var years = await LoadFarmersIncomeAsync(cancellationToken);
        var (inspection, recorded, already, missed) = await InspectAsync(cancellationToken);
        return new CampaignLoadSummary(history, years, inspection, recorded, already, missed);
    }

    /// <summary>How many townships' calls run at once: the registry plans one while PostgreSQL writes another.</summary>
    public int ConcurrentCalls { get; init; } = 2;

    /// <summary>Every village's history, a township per call (<see cref="ConcurrentCalls"/> at once); the summaries added up.</summary>
    public async Task<HistorySummary> LoadHistoryAsync(DemoCampaign campaign, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var total = new HistorySummary();
        var clock = Stopwatch.StartNew();
        var sent = 0;
        Progress?.Report(new LoadProgress(0, DemoCampaign.VillageCount, TimeSpan.Zero, false));
        var townships = Channel.CreateBounded<List<VillageHistory>>(ConcurrentCalls);
        async Task SendAsync()
        {
            await foreach (var villages in townships.Reader.ReadAllAsync(cancellationToken))
            {
                using var call = registry.ImportCampaignHistory(Headers(), cancellationToken: cancellationToken);
                foreach (var village in villages)
                {
                    await call.RequestStream.WriteAsync(village, cancellationToken);
                }

                var summary = await CompleteAsync(call);
                lock (total)
                {
                    Add(total, summary);
                    sent += villages.Count;
                    Progress?.Report(new LoadProgress(sent, DemoCampaign.VillageCount, clock.Elapsed, false));
                }
            }
        }

        var senders = Enumerable.Range(0, Math.Max(1, ConcurrentCalls)).Select(_ => SendAsync()).ToList();
        try
        {
            // The villages come township by township (in code order): each township is sent as soon as it is whole.
            var township = new List<VillageHistory>();
            foreach (var village in campaign.Villages())
            {
                if (township.Count > 0 && township[0].VillageCode[..9] != village.VillageCode[..9])
                {
                    await townships.Writer.WriteAsync(township, cancellationToken);
                    township = [];
                }

                township.Add(village);
            }

            if (township.Count > 0)
            {
                await townships.Writer.WriteAsync(township, cancellationToken);
            }
        }
        finally
        {
            townships.Writer.Complete();
        }

        await Task.WhenAll(senders);
        Progress?.Report(new LoadProgress(sent, DemoCampaign.VillageCount, clock.Elapsed, true));
        return total;
    }

    /// <summary>农村常住居民人均可支配收入, 2015–2020, as the county's statistics bureau published it.</summary>
    public async Task<int> LoadFarmersIncomeAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (year, income) in DemoCampaign.FarmersIncome())
        {
            using var request = Request(HttpMethod.Put, string.Create(CultureInfo.InvariantCulture, $"/api/households/statistics/rural-income/{year}"));
            request.Content = JsonContent.Create(new { perCapitaDisposableIncome = income, source = "房县统计局 国民经济和社会发展统计公报" });
            using var response = await http.SendAsync(request, cancellationToken);
            await EnsureAsync(response, "farmers' income", cancellationToken);
        }

        return DemoCampaign.FarmersIncome().Count;
    }

    /// <summary>
    /// The inspection the county passed: a reproducible sample (10 poor and 10 other villages, 20 households each),
    /// visits that find one in two hundred exited households wrongly exited and three in a hundred not approving, and
    /// one missed poor household in a sampled village — every rate of the 三率一度 within its limit.
    /// </summary>
    public async Task<(Guid Inspection, int Recorded, int Already, bool MissedAdded)> InspectAsync(CancellationToken cancellationToken = default)
    {
        var id = await InspectionAsync(cancellationToken);
        var sample = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var body = await GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/households/inspections/{id}/sample?page={page}&pageSize=200"), cancellationToken);
            var items = body.GetProperty("items").EnumerateArray().ToList();
            sample.AddRange(items);
            if (items.Count < 200)
            {
                break;
            }
        }

        // Findings by a stable order of the sampled households (a hash of their numbers), so a second load finds the same.
        var ordered = sample.OrderBy(s => Hash(s.GetProperty("householdNumber").GetString()!)).ToList();
        var exited = ordered.Where(s => s.GetProperty("statusAtDraw").GetString() == "exited").ToList();
        var wrong = exited.Take(exited.Count / 200).Select(s => s.GetProperty("householdId").GetGuid()).ToHashSet();
        var disapprove = ordered.Skip(ordered.Count - (3 * ordered.Count / 100)).Select(s => s.GetProperty("householdId").GetGuid()).ToHashSet();
        var visits = ordered.Select(s =>
        {
            var household = s.GetProperty("householdId").GetGuid();
            var on = new DateOnly(2020, 12, 1).AddDays(Hash(s.GetProperty("villageCode").GetString()!) % 20);
            return new
            {
                householdId = household, visitedOn = on, inspector = Inspector, wronglyExited = wrong.Contains(household), approves = !disapprove.Contains(household),
                note = wrong.Contains(household) ? "核查发现该户退出时人均纯收入计算有误" : null,
            };
        }).ToList();
        int recorded = 0, already = 0;
        foreach (var part in visits.Chunk(500))
        {
            using var request = Request(HttpMethod.Post, $"/api/households/inspections/{id}/visits");
            request.Content = JsonContent.Create(new { visits = part });
            using var response = await http.SendAsync(request, cancellationToken);
            await EnsureAsync(response, "inspection visits", cancellationToken);
            var result = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
            recorded += result.GetProperty("recorded").GetInt32();
            already += result.GetProperty("alreadyRecorded").GetInt32();
        }

        var missed = await GetAsync($"/api/households/inspections/{id}/missed?pageSize=1", cancellationToken);
        var villageCode = ordered.Select(s => s.GetProperty("villageCode").GetString()).Order(StringComparer.Ordinal).FirstOrDefault();
        var add = missed.GetProperty("total").GetInt64() == 0 && villageCode is not null;
        if (add)
        {
            using var request = Request(HttpMethod.Post, $"/api/households/inspections/{id}/missed");
            request.Headers.Add("Idempotency-Key", "demo-inspection-missed-" + villageCode);
            request.Content = JsonContent.Create(new
            {
                villageCode, visitedOn = new DateOnly(2020, 12, 3), inspector = Inspector, people = 3,
                description = "三组一户，户主因病丧失劳动力，人均纯收入低于当年标准，未纳入建档立卡",
            });
            using var response = await http.SendAsync(request, cancellationToken);
            await EnsureAsync(response, "missed poor household", cancellationToken);
        }

        return (id, recorded, already, add);
    }

    private async Task<Guid> InspectionAsync(CancellationToken cancellationToken)
    {
        using (var request = Request(HttpMethod.Post, "/api/households/inspections"))
        {
            request.Content = JsonContent.Create(new { name = InspectionName, year = 2020, seed = InspectionSeed, poorVillages = 10, otherVillages = 10, householdsPerVillage = 20 });
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Conflict)
            {
                await EnsureAsync(response, "inspection", cancellationToken);
                return (await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken)).GetProperty("id").GetGuid();
            }
        }

        var list = await GetAsync("/api/households/inspections?pageSize=200", cancellationToken);
        return list.GetProperty("items").EnumerateArray().First(i => i.GetProperty("name").GetString() == InspectionName).GetProperty("id").GetGuid();
    }

    private static async Task<HistorySummary> CompleteAsync(AsyncClientStreamingCall<VillageHistory, HistorySummary> call)
    {
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    private static void Add(HistorySummary total, HistorySummary part)
    {
        total.Received += part.Received;
        total.Accepted += part.Accepted;
        total.AlreadyRecorded += part.AlreadyRecorded;
        total.Rejected += part.Rejected;
        total.Rejections.AddRange(part.Rejections);
        total.HouseholdsExited += part.HouseholdsExited;
        total.PeopleExited += part.PeopleExited;
        total.VillagesExited += part.VillagesExited;
        total.FlagsRaised += part.FlagsRaised;
        total.Pairings += part.Pairings;
        total.Stationed += part.Stationed;
    }

    private async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, path);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, path, cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (!string.IsNullOrEmpty(accessToken))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        }

        return request;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"Loading the {what} failed: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}", null, response.StatusCode);
        }
    }

    private Metadata Headers()
    {
        var headers = new Metadata();
        if (!string.IsNullOrEmpty(accessToken))
        {
            headers.Add("authorization", $"Bearer {accessToken}");
        }

        return headers;
    }

    private static int Hash(string text) => text.GetHashCodeStable();
}
