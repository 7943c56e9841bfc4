using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Grpc.Households.V1;
using Platform.DemoCounty;
using Platform.Education.Data;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// A pillar added to a running county (or one that lost its queues) catches up from the registry's
/// announcements and ends with the same figures as a pillar that was there from the start.
/// </summary>
public sealed class CatchUpScenario
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_pillar_started_after_the_county_is_loaded_catches_up_and_counts_what_a_pillar_there_from_the_start_counts()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var county = new DemoCountyGenerator(DemoCountyGenerator.DefaultSeed, 0.004);

        // The county as it should be: a registry and an education pillar side by side from the start.
        var (firstRegistry, firstVhost, firstRegistryDb) = await StartRegistryAsync(infrastructure, "catchup_first");
        await using var firstReleased = new ReleasedAtEnd(infrastructure, firstVhost);
        await using var _ = firstReleased.Host(firstRegistry);
        var (fromTheStart, fromTheStartDb) = await StartEducationAsync(infrastructure, firstVhost, "catchup_first");
        await using var __ = firstReleased.Host(fromTheStart);
        await LoadAsync(firstRegistry, county);
        Assert.Equal(0, await StreamDrain.WaitAsync(infrastructure, firstVhost, Patience, firstRegistryDb, fromTheStartDb));

        // The same county in a registry that ran alone: its events went to nobody.
        var (registry, vhost, registryDb) = await StartRegistryAsync(infrastructure, "catchup_late");
        await using var lateReleased = new ReleasedAtEnd(infrastructure, vhost);
        await using var ___ = lateReleased.Host(registry);
        await LoadAsync(registry, county);
        Assert.Equal(0, await StreamDrain.WaitAsync(infrastructure, vhost, Patience, registryDb));

        // The pillar joins late: it knows nothing until the registry announces the county to it.
        var (late, lateDb) = await StartEducationAsync(infrastructure, vhost, "catchup_late");
        await using var ____ = lateReleased.Host(late);
        Assert.Equal(0, await CountAsync(late, db => db.Households.CountAsync()));
        using (var http = registry.CreateHttpClient(TestTokens.CountyOffice()))
        {
            using var announced = await http.PostAsJsonAsync("/api/households/announcements", new { audience = "education" });
            Assert.True(announced.IsSuccessStatusCode, await announced.Content.ReadAsStringAsync());
            Assert.Equal(county.HouseholdCount, JsonDocument.Parse(await announced.Content.ReadAsStringAsync()).RootElement.GetProperty("households").GetInt32());
        }

        Assert.Equal(0, await StreamDrain.WaitAsync(infrastructure, vhost, Patience, registryDb, lateDb));

        Assert.Equal(county.HouseholdCount, await CountAsync(late, db => db.Households.CountAsync()));
        Assert.Equal(county.PeopleCount, await CountAsync(late, db => db.Members.CountAsync()));
        Assert.Equal(await FiguresAsync(fromTheStart), await FiguresAsync(late));
        Assert.Equal(await StudentsByVillageAsync(fromTheStart), await StudentsByVillageAsync(late));

        // A second announcement changes nothing: the pillar's copy already equals the registry's.
        using (var http = registry.CreateHttpClient(TestTokens.CountyOffice()))
        {
            (await http.PostAsJsonAsync("/api/households/announcements", new { audience = "education" })).EnsureSuccessStatusCode();
        }

        Assert.Equal(0, await StreamDrain.WaitAsync(infrastructure, vhost, Patience, registryDb, lateDb));
        Assert.Equal(await FiguresAsync(fromTheStart), await FiguresAsync(late));
    }

    private static async Task<(ServiceHost<Households.Program> Host, Uri Vhost, string Database)> StartRegistryAsync(TestInfrastructure infrastructure, string name)
    {
        var vhost = await infrastructure.CreateVirtualHostAsync(name);
        var database = await infrastructure.CreateDatabaseAsync(name + "_households");
        var host = ServiceHost<Households.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = database,
            ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
        });
        return (host, vhost, database);
    }

    private static async Task<(ServiceHost<Education.Program> Host, string Database)> StartEducationAsync(TestInfrastructure infrastructure, Uri vhost, string name)
    {
        var database = await infrastructure.CreateDatabaseAsync(name + "_education");
        var host = ServiceHost<Education.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:education"] = database,
            ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
        });
        return (host, database);
    }

    private static async Task LoadAsync(ServiceHost<Households.Program> registry, DemoCountyGenerator county)
    {
        using var channel = registry.CreateGrpcChannel(token: null);
        using var loader = new DemoCountyLoader(new HouseholdRegistry.HouseholdRegistryClient(channel), TestTokens.CountyOffice());
        await loader.SeedVillagesAsync(DemoCountyGenerator.County());
        var summary = await loader.LoadAsync(county.Records(), county.HouseholdCount);
        Assert.Equal((county.HouseholdCount, 0), (summary.Accepted, summary.Rejected));
    }

    private static async Task<string> FiguresAsync(ServiceHost<Education.Program> education)
    {
        using var http = education.CreateHttpClient(TestTokens.CountyOffice());
        return await http.GetStringAsync(new Uri("/api/education/figures", UriKind.Relative));
    }

    private static async Task<string> StudentsByVillageAsync(ServiceHost<Education.Program> education) =>
        string.Join(";", await CountGroupsAsync(education));

    private static async Task<List<string>> CountGroupsAsync(ServiceHost<Education.Program> education)
    {
        await using var scope = education.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EducationDbContext>();
        return await db.Students.GroupBy(s => s.VillageCode).OrderBy(g => g.Key).Select(g => g.Key + "=" + g.Count()).ToListAsync();
    }

    private static async Task<int> CountAsync(ServiceHost<Education.Program> education, Func<EducationDbContext, Task<int>> count)
    {
        await using var scope = education.Services.CreateAsyncScope();
        return await count(scope.ServiceProvider.GetRequiredService<EducationDbContext>());
    }
}
