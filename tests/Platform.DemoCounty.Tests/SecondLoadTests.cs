using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Testing;
using HouseholdsProgram = Platform.Households.Program;

namespace Platform.DemoCounty.Tests;

/// <summary>
/// The demo county loaded into a registry of its own (small scale), as the local start loads it: the seed's figures
/// come back, and a second load changes none of them — whether the loader sees the county complete and sends nothing,
/// or the registry is sent the whole history again.
/// </summary>
public sealed class SecondLoadTests : IAsyncLifetime
{
    private const double Scale = 0.01;
    private ServiceHost<HouseholdsProgram> registry = null!;
    private string database = string.Empty;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        registry = ServiceHost<HouseholdsProgram>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = database = await infrastructure.CreateDatabaseAsync("demo_twice"),
            ["ConnectionStrings:rabbitmq"] = (await infrastructure.CreateVirtualHostAsync("demo_twice")).ToString(),
        });
    }

    public async Task DisposeAsync() => await registry.DisposeAsync();

    [Fact]
    public async Task The_demo_county_ends_as_the_seed_says_and_a_second_load_changes_no_figure()
    {
        var generator = new DemoCountyGenerator(scale: Scale);
        var token = TestTokens.CountyOffice();
        using var channel = registry.CreateGrpcChannel(token: null);
        var client = new HouseholdRegistry.HouseholdRegistryClient(channel);
        using var http = registry.CreateHttpClient(token);
        var run = new DemoCountyRun(client, http, token, TextWriter.Null);

        var first = await run.LoadAsync(generator);
        Assert.False(first.Rejected, string.Join("; ", first.Campaign?.History.Rejections.Select(r => $"{r.ClientRef} {r.HouseholdNumber} {r.Field} {r.Reason}") ?? []));
        Assert.Equal(DemoCampaign.VillageCount, first.Campaign!.History.Accepted);

        var exit = await JsonAsync(http, "/api/households/figures/exit");
        Assert.Equal(generator.HouseholdCount, exit.GetProperty("exitedHouseholds").GetInt64());
        Assert.Equal(generator.PeopleCount, exit.GetProperty("exitedPeople").GetInt64());
        Assert.Equal(0, exit.GetProperty("remainingPoorHouseholds").GetInt64());
        Assert.Equal(Enumerable.Range(2014, 7), exit.GetProperty("exitsByYear").EnumerateArray().Select(y => y.GetProperty("year").GetInt32()));
        Assert.Equal((69, 69), (exit.GetProperty("poorVillages").GetInt32(), exit.GetProperty("exitedPoorVillages").GetInt32()));
        var helpers = exit.GetProperty("helpers");
        Assert.Equal((281L, 913L, 281L), (helpers.GetProperty("workTeams").GetInt64(), helpers.GetProperty("stationedCadres").GetInt64(), helpers.GetProperty("firstSecretaries").GetInt64()));
        Assert.Equal(generator.HouseholdCount, helpers.GetProperty("pairedHouseholds").GetInt64());
        Assert.True(helpers.GetProperty("pairedCadres").GetInt64() >= Math.Round(DemoCampaign.PairedCadres * Scale));
        Assert.Equal(11_109m, exit.GetProperty("farmersIncome").GetProperty("perCapitaDisposableIncome").GetDecimal());
        Assert.True(exit.GetProperty("countyExit").GetProperty("passes").GetBoolean(), exit.GetProperty("countyExit").ToString());
        var monitoring = exit.GetProperty("monitoring").EnumerateArray().ToDictionary(c => c.GetProperty("category").GetString()!, c => c.GetProperty("households").GetInt64());
        Assert.All(new[] { "unstable-exited", "edge", "sudden-hardship" }, c => Assert.True(monitoring[c] > 0, c));
        Assert.Equal(generator.EdgeCount, monitoring["edge"]);
        Assert.Equal(generator.SuddenHardshipCount, monitoring["sudden-hardship"]);

        // What the figures read (sizes, helpers, tallies) agrees with a count of the records after the bulk paths.
        Assert.Empty(await RegistryConsistency.DisagreementsAsync(database));

        var before = await EveryFigureAsync(http);
        var second = await run.LoadAsync(generator);
        Assert.Null(second.Households);
        Assert.Null(second.Campaign);
        Assert.Equal(before, await EveryFigureAsync(http));

        // Sent the whole history again, the registry takes every village as recorded already and changes nothing.
        var again = await new DemoCampaignLoader(client, http, token).LoadAsync(new DemoCampaign(generator));
        Assert.Equal((0, DemoCampaign.VillageCount, 0), (again.History.Accepted, again.History.AlreadyRecorded, again.History.Rejected));
        Assert.Equal(0, again.VisitsRecorded);
        Assert.False(again.MissedFindingAdded);
        Assert.Equal(before, await EveryFigureAsync(http));
    }

    /// <summary>Every figure the portal shows, and the size of every list behind one, as one text to compare.</summary>
    private static async Task<string> EveryFigureAsync(HttpClient http)
    {
        var text = new StringBuilder();
        foreach (var path in new[]
        {
            "/api/households/figures", "/api/households/figures/exit", "/api/households/townships/incidence",
            "/api/households/villages/incidence?pageSize=200", "/api/households/villages/incidence?pageSize=200&page=2",
            "/api/households/inspections", "/api/households/statistics/rural-income", "/api/households/statistics/households",
            "/api/households/monitoring/flags?pageSize=1&category=unstable-exited", "/api/households/monitoring/flags?pageSize=1&category=edge",
            "/api/households/monitoring/flags?pageSize=1&category=sudden-hardship", "/api/households/exits?pageSize=1",
            "/api/households/exit-batches?pageSize=1", "/api/households/village-exits?pageSize=1", "/api/households/helpers?pageSize=1",
            "/api/households/work-teams?pageSize=1", "/api/households?pageSize=1",
        })
        {
            text.Append(path).Append(' ').AppendLine(await http.GetStringAsync(new Uri(path, UriKind.Relative)));
        }

        return text.ToString();
    }

    private static async Task<JsonElement> JsonAsync(HttpClient http, string path) =>
        await http.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));
}
