using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Contracts.Grpc.Ecology.V1;

namespace Platform.DemoCounty;

/// <summary>What the ecology load did, step by step, and how long it waited for the pillar to know the households.</summary>
public sealed record EcologyLoadSummary(
    int HouseholdsKnown,
    TimeSpan WaitedForHouseholds,
    FeedSummary? Selections,
    FeedSummary? Patrols,
    FeedSummary? Pay,
    FeedSummary? Compensation,
    int ProjectsCreated,
    FeedSummary? ProjectIncomes,
    bool AlreadyLoaded);

/// <summary>
/// Loads the demo county's ecology data through the gateway once the registry's households have reached
/// the ecology pillar: the townships' quotas and the projects over REST, the rangers (selections, a patrol,
/// the year's pay), compensation and project incomes over the pillar's gRPC feeds, independent streams side by
/// side. Safe to repeat: quotas are set to the same, a record sent again is "unchanged", projects that exist are
/// kept; a county loaded already is recognised from the figures and left alone.
/// </summary>
public sealed class DemoEcologyLoader(HttpClient http, GrpcChannel channel, string accessToken, TextWriter output)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How long to wait for the pillar to know every household (registry events in flight).</summary>
    public TimeSpan HouseholdsTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public async Task<EcologyLoadSummary> LoadAsync(DemoEcology ecology, int households, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        var c = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        var figures = await FiguresWhenReadyAsync(clock, cancellationToken);
        if (IsLoaded(figures, ecology))
        {
            output.WriteLine("Ecology: the demo county's ecology data is loaded already, nothing to do. 生态补偿演示数据已导入，跳过。");
            return new EcologyLoadSummary(figures.GetProperty("householdsKnown").GetInt32(), TimeSpan.Zero, null, null, null, null, 0, null, true);
        }

        output.WriteLine(string.Create(c, $"Ecology: waiting until the pillar knows the county's {households:N0} households (from the registry's events)…"));
        int known;
        while ((known = (await FiguresWhenReadyAsync(clock, cancellationToken)).GetProperty("householdsKnown").GetInt32()) < households)
        {
            if (clock.Elapsed > HouseholdsTimeout)
            {
                throw new TimeoutException(string.Create(c, $"The ecology pillar knows {known:N0} of {households:N0} households after {HouseholdsTimeout.TotalMinutes:0} min."));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        var waited = clock.Elapsed;
        foreach (var (township, posts) in ecology.Quotas())
        {
            using var response = await http.PutAsJsonAsync(string.Create(c, $"/api/ecology/rangers/quotas/{DemoEcology.Year}/{township}"), new { posts }, Json, cancellationToken);
            await EnsureAsync(response, $"the {DemoEcology.Year} quota of {township}", cancellationToken);
        }

        var headers = new Metadata { { "authorization", $"Bearer {accessToken}" } };
        var rangers = new ForestRangers.ForestRangersClient(channel);
        var selections = await StreamAsync(rangers.SelectRangers(headers, cancellationToken: cancellationToken), ecology.Selections(), cancellationToken);
        output.WriteLine(string.Create(c, $"Ecology: {selections.Accepted:N0} forest rangers selected (生态护林员), {selections.Unchanged:N0} before, {selections.Rejected:N0} rejected."));

        var projectIds = await ProjectsAsync(cancellationToken);
        var created = 0;
        foreach (var project in DemoEcology.Projects().Where(p => !projectIds.ContainsKey((p.VillageCode, p.Name))))
        {
            using var response = await http.PostAsJsonAsync(
                "/api/ecology/projects",
                new { name = project.Name, kind = project.Kind, crop = project.Crop, villageCode = project.VillageCode, areaMu = project.AreaMu, year = project.Year, @operator = project.Operator },
                Json,
                cancellationToken);
            await EnsureAsync(response, "the project " + project.Name, cancellationToken);
            projectIds[(project.VillageCode, project.Name)] = (await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken)).GetProperty("id").GetString()!;
            created++;
        }

        var incomes = ecology.ProjectIncomes().Select(x =>
        {
            x.Income.ProjectId = projectIds[(x.Project.VillageCode, x.Project.Name)];
            return x.Income;
        });
        var compensation = new EcologicalCompensation.EcologicalCompensationClient(channel);
        var projects = new EcologyProjects.EcologyProjectsClient(channel);
        var patrolsCall = StreamAsync(rangers.RecordPatrols(headers, cancellationToken: cancellationToken), ecology.Patrols(), cancellationToken);
        var payCall = StreamAsync(rangers.PayRangers(headers, cancellationToken: cancellationToken), ecology.Pay(), cancellationToken);
        var compensationCall = StreamAsync(compensation.PayCompensation(headers, cancellationToken: cancellationToken), ecology.Compensation(), cancellationToken);
        var incomesCall = StreamAsync(projects.RecordProjectIncomes(headers, cancellationToken: cancellationToken), incomes, cancellationToken);
        await Task.WhenAll(patrolsCall, payCall, compensationCall, incomesCall);
        var (patrols, pay, paid, earned) = (await patrolsCall, await payCall, await compensationCall, await incomesCall);
        output.WriteLine(string.Create(c, $"Ecology: {pay.Accepted:N0} rangers paid ({pay.Unchanged:N0} before, {pay.Rejected:N0} rejected), {patrols.Accepted:N0} patrols, {paid.Accepted:N0} compensation payments ({paid.Rejected:N0} rejected)."));
        output.WriteLine(string.Create(c, $"Ecology: {created} projects registered (精准灭荒、林果基地), {earned.Accepted:N0} wages and dividends ({earned.Rejected:N0} rejected)."));
        return new EcologyLoadSummary(known, waited, selections, patrols, pay, paid, created, earned, false);
    }

    /// <summary>Loaded when the figures of the year show every ranger in post and paid, the projects' areas and the compensation.</summary>
    private static bool IsLoaded(JsonElement figures, DemoEcology ecology)
    {
        var rangers = figures.GetProperty("rangers");
        var projects = figures.GetProperty("projects");
        return rangers.GetProperty("inPost").GetInt32() >= ecology.Rangers.Count
            && rangers.GetProperty("paid").GetInt32() >= ecology.Rangers.Count
            && projects.GetProperty("afforestedMu").GetDecimal() >= DemoEcology.AfforestedMu
            && projects.GetProperty("orchardMu").GetDecimal() >= DemoEcology.OrchardMu
            && figures.GetProperty("compensation").GetProperty("payments").GetInt32() >= ecology.Compensation().Count();
    }

    private static async Task<FeedSummary> StreamAsync<TRecord>(AsyncClientStreamingCall<TRecord, FeedSummary> call, IEnumerable<TRecord> records, CancellationToken cancellationToken)
    {
        using (call)
        {
            foreach (var record in records)
            {
                await call.RequestStream.WriteAsync(record, cancellationToken);
            }

            await call.RequestStream.CompleteAsync();
            return await call.ResponseAsync;
        }
    }

    /// <summary>The pillar's figures of the demo year; while the pillar is not up yet (a local start), asks again until the timeout.</summary>
    private async Task<JsonElement> FiguresWhenReadyAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/ecology/figures?year={DemoEcology.Year}"), cancellationToken);
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken)).Clone();
            }
            catch (HttpRequestException) when (clock.Elapsed < HouseholdsTimeout)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    private async Task<Dictionary<(string Village, string Name), string>> ProjectsAsync(CancellationToken cancellationToken)
    {
        var projects = new Dictionary<(string, string), string>();
        for (var page = 1; ; page++)
        {
            var json = await http.GetFromJsonAsync<JsonElement>(string.Create(CultureInfo.InvariantCulture, $"/api/ecology/projects?page={page}&pageSize=200"), Json, cancellationToken);
            var items = json.GetProperty("items");
            foreach (var item in items.EnumerateArray())
            {
                projects[(item.GetProperty("villageCode").GetString()!, item.GetProperty("name").GetString()!)] = item.GetProperty("id").GetString()!;
            }

            if (items.GetArrayLength() < 200)
            {
                return projects;
            }
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
        {
            throw new HttpRequestException($"Setting {what} failed: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
