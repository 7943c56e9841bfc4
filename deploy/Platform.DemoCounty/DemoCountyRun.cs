using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Grpc.Households.V1;

namespace Platform.DemoCounty;

/// <summary>What a demo load did: the households' import (null when the registry held them), the campaign's load (null when complete already), the times.</summary>
public sealed record DemoRunSummary(ImportSummary? Households, CampaignLoadSummary? Campaign, TimeSpan HouseholdsTime, TimeSpan CampaignTime)
{
    /// <summary>Whether anything was refused.</summary>
    public bool Rejected => Households is { Rejected: > 0 } || Campaign is { History.Rejected: > 0 };
}

/// <summary>
/// The registry's part of the demo county, as the local start runs it and the tests repeat it: places and households
/// (建档立卡, as poor), then the campaign (<see cref="DemoCampaignLoader"/>: history, farmers' income, inspection).
/// A second run loads nothing twice: households the registry holds are not sent again, and a campaign the figures
/// show complete (every household and poor village exited, the inspection and the farmers' income there) is not
/// sent again either; a partial one is, and the registry takes what it holds already as recorded.
/// </summary>
public sealed class DemoCountyRun(HouseholdRegistry.HouseholdRegistryClient registry, HttpClient http, string accessToken, TextWriter output)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IProgress<LoadProgress>? HouseholdProgress { get; init; }

    public IProgress<LoadProgress>? VillageProgress { get; init; }

    /// <summary>The households, then the campaign (<see cref="LoadHouseholdsAsync"/>, <see cref="LoadCampaignAsync"/>).</summary>
    public async Task<DemoRunSummary> LoadAsync(DemoCountyGenerator generator, CancellationToken cancellationToken = default)
    {
        var (imported, householdsTime) = await LoadHouseholdsAsync(generator, cancellationToken);
        var (campaign, campaignTime) = await LoadCampaignAsync(generator, cancellationToken);
        return new DemoRunSummary(imported, campaign, householdsTime, campaignTime);
    }

    /// <summary>Places and households (建档立卡, as poor); the import's summary is null when the registry held them all.</summary>
    public async Task<(ImportSummary? Imported, TimeSpan Time)> LoadHouseholdsAsync(DemoCountyGenerator generator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var c = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        ImportSummary? imported = null;
        var held = (await GetAsync("/api/households/figures", cancellationToken)).GetProperty("households").GetInt64();
        if (held >= generator.HouseholdCount)
        {
            output.WriteLine(string.Create(c, $"The registry already holds {held:N0} households: they are not sent again. 户已导入，跳过。"));
        }
        else
        {
            if (held > 0)
            {
                output.WriteLine(string.Create(c, $"The registry holds {held:N0} households already: resuming (existing ones are refused as such)."));
            }

            using var loader = new DemoCountyLoader(registry, accessToken);
            var places = await loader.SeedVillagesAsync(DemoCountyGenerator.County(), cancellationToken);
            output.WriteLine(string.Create(c, $"Townships and villages: {places.TownshipsCreated + places.TownshipsUpdated} townships, {places.VillagesCreated + places.VillagesUpdated} villages (乡镇、行政村已就绪)."));
            output.WriteLine(string.Create(c, $"Registering {generator.HouseholdCount:N0} households ({generator.PeopleCount:N0} people) as poor (建档立卡)…"));
            imported = await loader.LoadAsync(generator.Records(), generator.HouseholdCount, HouseholdProgress, cancellationToken);
            if (held > 0 && imported.Accepted + held >= generator.HouseholdCount)
            {
                // The ones refused as registered already were the ones held: not a failure.
                imported = new ImportSummary { Received = imported.Received, Accepted = imported.Accepted };
            }
        }

        return (imported, clock.Elapsed);
    }

    /// <summary>The campaign 2014–2020 (history, farmers' income, inspection); null when the registry shows it complete.</summary>
    public async Task<(CampaignLoadSummary? Campaign, TimeSpan Time)> LoadCampaignAsync(DemoCountyGenerator generator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var c = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        CampaignLoadSummary? campaign = null;
        if (await CampaignCompleteAsync(generator, cancellationToken))
        {
            output.WriteLine("The campaign's history, farmers' income and inspection are loaded already: nothing to do. 脱贫攻坚历史已导入，跳过。");
        }
        else
        {
            output.WriteLine(string.Create(c, $"The campaign 2014–2020, village by village ({DemoCampaign.VillageCount} villages: exits through the procedure, village exits, work teams, pairings, monitoring)…"));
            campaign = await new DemoCampaignLoader(registry, http, accessToken) { Progress = VillageProgress }.LoadAsync(new DemoCampaign(generator), cancellationToken);
            var h = campaign.History;
            output.WriteLine(string.Create(
                c,
                $"Campaign loaded in {clock.Elapsed.TotalSeconds:0.0} s: {h.Accepted} villages recorded, {h.AlreadyRecorded} recorded before, {h.Rejected} refused; {h.HouseholdsExited:N0} households ({h.PeopleExited:N0} people) exited, {h.VillagesExited} poor villages exited, {h.Pairings:N0} pairings, {h.Stationed} stationed, {h.FlagsRaised} monitoring flags."));
            foreach (var r in h.Rejections.Take(10))
            {
                output.WriteLine(string.Create(c, $"  #{r.Index} {r.ClientRef} 户编号 {r.HouseholdNumber} [{r.Field}] {r.Reason}"));
            }
        }

        return (campaign, clock.Elapsed);
    }

    /// <summary>Every household and poor village exited, the monitoring flags raised, an inspection and the farmers' income in the registry.</summary>
    private async Task<bool> CampaignCompleteAsync(DemoCountyGenerator generator, CancellationToken cancellationToken)
    {
        var figures = await GetAsync("/api/households/figures/exit", cancellationToken);
        return figures.GetProperty("exitedHouseholds").GetInt64() >= generator.HouseholdCount
            && figures.GetProperty("exitedPoorVillages").GetInt32() == figures.GetProperty("poorVillages").GetInt32()
            && figures.GetProperty("countyExit").GetProperty("inspectionId").ValueKind == JsonValueKind.String
            && figures.GetProperty("farmersIncome").ValueKind == JsonValueKind.Object;
    }

    private async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
    }
}
