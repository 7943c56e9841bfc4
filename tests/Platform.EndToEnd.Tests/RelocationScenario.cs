using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.Grpc.Relocation.V1;
using Platform.Contracts.People;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// 易地扶贫搬迁 across the platform, through the gateway: a household's case reaches "moved in" at a site in
/// another village; the registry files the household there and shows its housing guarantee met; the education
/// pillar has its child in the new village; the industry pillar shows the county a job-matching task for the
/// household (搬得出、稳得住、有就业) with its working member and the workshop at its site.
/// </summary>
public sealed class RelocationScenario : IAsyncLifetime
{
    private const string Mountain = "420325005007";
    private const string Town = "420325005001";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private string vhost = string.Empty;
    private ServiceHost<Households.Program> households = null!;
    private ServiceHost<Education.Program> education = null!;
    private ServiceHost<Industry.Program> industry = null!;
    private ServiceHost<Relocation.Program> relocation = null!;
    private ServiceHost<Gateway.Program> gateway = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        vhost = (await infrastructure.CreateVirtualHostAsync("e2e_relocation")).ToString();
        households = ServiceHost<Households.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("e2e_rel_households"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        education = ServiceHost<Education.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:education"] = await infrastructure.CreateDatabaseAsync("e2e_rel_education"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        industry = ServiceHost<Industry.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:industry"] = await infrastructure.CreateDatabaseAsync("e2e_rel_industry"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        relocation = ServiceHost<Relocation.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:relocation"] = await infrastructure.CreateDatabaseAsync("e2e_rel_relocation"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        gateway = PlatformFixture.StartGateway(households, new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:education:Destinations:primary:Address"] = education.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:education-grpc:Destinations:primary:Address"] = education.GrpcAddress.ToString(),
            ["ReverseProxy:Clusters:industry:Destinations:primary:Address"] = industry.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:industry-grpc:Destinations:primary:Address"] = industry.GrpcAddress.ToString(),
            ["ReverseProxy:Clusters:relocation:Destinations:primary:Address"] = relocation.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:relocation-grpc:Destinations:primary:Address"] = relocation.GrpcAddress.ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await relocation.DisposeAsync();
        await industry.DisposeAsync();
        await education.DisposeAsync();
        await households.DisposeAsync();
        await (await TestInfrastructure.GetAsync()).ReleaseAsync(vhost, gateway, relocation, industry, education, households);
    }

    [Fact]
    public async Task A_household_that_moves_into_a_resettlement_site_is_filed_there_by_the_registry_with_safe_housing_its_child_follows_in_education_and_industry_matches_it_to_the_site_s_workshop()
    {
        var county = await PlatformFixture.TokenAsync(gateway);
        var bureau = await PlatformFixture.TokenAsync(gateway, "development-bureau");
        using var http = gateway.CreateHttpClient(county);
        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(gateway.GrpcAddress, token: null);
        var asCounty = new Grpc.Core.Metadata { { "authorization", $"Bearer {county}" } };
        var asBureau = new Grpc.Core.Metadata { { "authorization", $"Bearer {bureau}" } };
        var places = new ImportVillagesRequest { Townships = { new TownshipRecord { Code = "420325005", Name = "窑淮镇" } } };
        places.Villages.Add(new VillageRecord { Code = Mountain, Name = "高山村", TownshipCode = "420325005", RuralPopulation = 600 });
        places.Villages.Add(new VillageRecord { Code = Town, Name = "窑淮社区", TownshipCode = "420325005", RuralPopulation = 1200 });
        await new HouseholdRegistry.HouseholdRegistryClient(channel).ImportVillagesAsync(places, asCounty);

        var head = ResidentIdNumber.Create("420325", new DateOnly(1979, 6, 6), 611).Value;
        var child = ResidentIdNumber.Create("420325", new DateOnly(DateTime.UtcNow.Year - 10, 2, 2), 613).Value;
        using var registered = await http.PostAsJsonAsync("/api/households", new
        {
            householdNumber = "E2E-REL-1",
            villageCode = Mountain,
            status = "poor",
            mainCause = "transport",
            registeredYear = 2016,
            members = new object[]
            {
                new { idNumber = head, name = "高山林", relation = "户主" },
                new { idNumber = child, name = "高小林", relation = "之子" },
            },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var household = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        // The pillar follows the household and assesses it at once: no house record yet, so not met.
        await Eventually.AssertAsync(() => GuaranteeIsAsync(http, household, "safe-housing", met: false), Patience, "the registry shows safe housing not met (nothing recorded yet)");

        // The development-and-reform bureau sends the site and the case, up to moving in.
        var site = await FeedAsync(new ResettlementSites.ResettlementSitesClient(channel).ImportSites(asBureau), new SiteRecord
        {
            ClientRef = "site", Code = "AZD-E2E-1", Name = "窑淮幸福家园", Mode = "town-or-county", VillageCode = Town, CapacityHouseholds = 200, CompletedOn = "2018-06-30",
            Facilities = { "service-centre", "clinic", "school", "culture-square", "workshop", "shop", "sanitation" },
        });
        Assert.Equal(1, site.Accepted);
        var siteId = (await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/relocation/sites?village={Town}", UriKind.Relative)))
            .GetProperty("items").EnumerateArray().Single(s => s.GetProperty("code").GetString() == "AZD-E2E-1").GetProperty("id").GetString()!;

        // The agriculture bureau has a poverty-alleviation workshop at the site (扶贫车间 in the resettlement site).
        using var workshop = await http.PostAsJsonAsync("/api/industry/entities", new
        {
            code = "93420325MA4REL0001", kind = "workshop", name = "窑淮幸福家园扶贫车间", villageCode = Town, industry = "edible-fungi",
            workshopSite = "resettlement-site", siteId, siteName = "窑淮幸福家园",
        });
        Assert.Equal(HttpStatusCode.Created, workshop.StatusCode);
        var workshopId = (await workshop.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var moved = await FeedAsync(new RelocationCases.RelocationCasesClient(channel).ImportCases(asBureau), new CaseRecord
        {
            ClientRef = "case", Member = new PersonRef { IdNumber = head, Name = "高山林" }, Mode = "town-or-county", SiteCode = "AZD-E2E-1",
            PlannedOn = "2017-04-01", AllocatedOn = "2018-07-01", HousingUnit = "5栋2单元201", FloorArea = 50, MovedInOn = "2018-08-15",
        });
        Assert.True(moved.Accepted == 1, string.Join("; ", moved.Rejections));

        // The registry files the household under the site's village, and its housing guarantee is met.
        await Eventually.AssertAsync(
            async () => (await DetailAsync(http, household)).GetProperty("villageCode").GetString() == Town,
            Patience,
            "the registry shows the household in the site's village");
        await Eventually.AssertAsync(() => GuaranteeIsAsync(http, household, "safe-housing", met: true), Patience, "the registry shows safe housing met");

        // Education followed the registry's move: the child is a student of the new village.
        await Eventually.AssertAsync(
            async () => (await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/education/households/{household}/students", UriKind.Relative)))
                .EnumerateArray().Any(s => s.GetProperty("villageCode").GetString() == Town),
            Patience,
            "education has the child in the new village");

        // And the relocation pillar's own view agrees: the case in the new village, moved in. The pillar learns the
        // village from the registry's HouseholdMoved like education does, so it is waited for, not read at once.
        var dossier = JsonDocument.Parse(await Eventually.ReturnsAsync(
            async () => await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/relocation/households/{household}", UriKind.Relative)) is var shown
                && shown.GetProperty("villageCode").GetString() == Town ? shown.GetRawText() : null,
            Patience,
            "the relocation pillar has the household in the site's village")).RootElement;
        var relocationCase = dossier.GetProperty("relocation");
        Assert.Equal("moved-in", relocationCase.GetProperty("step").GetString());

        // Industry reacted to the move-in (搬得出、稳得住、有就业): the county's open job-matching tasks have one for the
        // household, from its case, at its site in the new village.
        var task = JsonDocument.Parse(await Eventually.ReturnsAsync(
            async () => (await http.GetFromJsonAsync<JsonElement>(new Uri("/api/industry/job-matching/tasks?open=true&pageSize=200", UriKind.Relative)))
                .GetProperty("items").EnumerateArray().Where(t => t.GetProperty("householdId").GetString() == household).Select(t => t.GetRawText()).FirstOrDefault(),
            Patience,
            "industry shows a job-matching task for the household that moved in")).RootElement;
        Assert.Equal(relocationCase.GetProperty("id").GetString(), task.GetProperty("caseId").GetString());
        Assert.Equal((siteId, "窑淮幸福家园", Town, "2018-08-15"), (
            task.GetProperty("siteId").GetString(), task.GetProperty("siteName").GetString(), task.GetProperty("villageCode").GetString(), task.GetProperty("movedInOn").GetString()));

        // The task shows whom to place and where: the head (of working age), not the child, and the workshop at the site first.
        var detail = await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/industry/job-matching/tasks/{task.GetProperty("id").GetString()}", UriKind.Relative));
        var working = Assert.Single(detail.GetProperty("workingMembers").EnumerateArray());
        Assert.Equal("高山林", working.GetProperty("member").GetProperty("name").GetString());
        var nearest = detail.GetProperty("workshops").EnumerateArray().First();
        Assert.Equal((workshopId, 0), (nearest.GetProperty("id").GetString(), nearest.GetProperty("nearness").GetInt32()));
    }

    private static async Task<FeedSummary> FeedAsync<TRecord>(Grpc.Core.AsyncClientStreamingCall<TRecord, FeedSummary> call, TRecord record)
    {
        using (call)
        {
            await call.RequestStream.WriteAsync(record);
            await call.RequestStream.CompleteAsync();
            return await call;
        }
    }

    private static async Task<JsonElement> DetailAsync(HttpClient http, string household) =>
        await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/households/{household}", UriKind.Relative));

    private static async Task<bool> GuaranteeIsAsync(HttpClient http, string household, string guarantee, bool met) =>
        (await DetailAsync(http, household)).GetProperty("guarantees").EnumerateArray()
            .Any(g => g.GetProperty("guarantee").GetString() == guarantee && g.GetProperty("met").GetBoolean() == met);
}

/// <summary>
/// The demo county's relocation data through the gateway, at a small scale: the figures come back as the seed
/// county's (682 sites, 228 + 870 water projects; households, people, renovations and toilets scaled), the made-safe
/// parts add up, every registered household has both guarantees met in the registry, and a second load changes nothing.
/// </summary>
public sealed class DemoCountyRelocationScenario : IAsyncLifetime
{
    private string vhost = string.Empty;
    private ServiceHost<Households.Program> households = null!;
    private ServiceHost<Relocation.Program> relocation = null!;
    private ServiceHost<Gateway.Program> gateway = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        vhost = (await infrastructure.CreateVirtualHostAsync("e2e_demo_relocation")).ToString();
        households = ServiceHost<Households.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("e2e_demo_rel_households"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        relocation = ServiceHost<Relocation.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:relocation"] = await infrastructure.CreateDatabaseAsync("e2e_demo_relocation"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        gateway = PlatformFixture.StartGateway(households, new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:relocation:Destinations:primary:Address"] = relocation.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:relocation-grpc:Destinations:primary:Address"] = relocation.GrpcAddress.ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await relocation.DisposeAsync();
        await households.DisposeAsync();
        await (await TestInfrastructure.GetAsync()).ReleaseAsync(vhost, gateway, relocation, households);
    }

    [Fact]
    public async Task The_demo_county_s_relocation_figures_come_back_and_every_household_ends_with_both_guarantees_met()
    {
        var token = await PlatformFixture.TokenAsync(gateway);
        var generator = new Platform.DemoCounty.DemoCountyGenerator(scale: 0.01);
        var demo = new Platform.DemoCounty.DemoRelocation(generator);
        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(gateway.GrpcAddress, token: null);
        using var http = gateway.CreateHttpClient(token);
        var loader = new Platform.DemoCounty.DemoRelocationLoader(http, channel, token, TextWriter.Null) { FollowTimeout = TimeSpan.FromMinutes(2) };

        // As the local start does: houses, sites and water beside the registry's import, the rest once followed.
        var houses = loader.LoadHousesAsync(demo);
        using (var registry = new Platform.DemoCounty.DemoCountyLoader(new HouseholdRegistry.HouseholdRegistryClient(channel), token))
        {
            await registry.SeedVillagesAsync(Platform.DemoCounty.DemoCountyGenerator.County());
            Assert.Equal(0, (await registry.LoadAsync(generator.Records(), generator.HouseholdCount)).Rejected);
        }

        await houses;
        await loader.LoadHouseholdsAsync(demo);
        var first = await loader.LoadAsync(demo);
        Assert.True(first.AlreadyLoaded);

        var figures = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/relocation/figures", UriKind.Relative));
        Assert.Equal(682, figures.GetProperty("sites").GetProperty("total").GetInt32());
        Assert.Equal(682, figures.GetProperty("sites").GetProperty("fullyEquipped").GetInt32());
        var relocated = figures.GetProperty("relocated");
        Assert.Equal((demo.RelocatedHouseholds, demo.RelocatedPeople), (relocated.GetProperty("intoSitesHouseholds").GetInt32(), relocated.GetProperty("intoSitesPeople").GetInt32()));
        Assert.Equal((232, 669), (demo.RelocatedHouseholds, demo.RelocatedPeople)); // 23,159 / 66,897 at 1%
        var madeSafe = figures.GetProperty("housing").GetProperty("madeSafe");
        var parts = madeSafe.GetProperty("parts").EnumerateArray().ToDictionary(p => p.GetProperty("by").GetString()!, p => p.GetProperty("households").GetInt32());
        Assert.Equal(demo.MadeSafe, madeSafe.GetProperty("households").GetInt32());
        Assert.Equal(
            (demo.RelocatedHouseholds, demo.ScatteredHouseholds, demo.NonDifferentiated, demo.EarlierRenovations),
            (parts["relocation"], parts["scattered-resettlement"], parts["non-differentiated-renovation"], parts["earlier-renovation"]));
        Assert.Equal(demo.Toilets, figures.GetProperty("housing").GetProperty("toilets").GetProperty("count").GetInt32());
        var water = figures.GetProperty("water").GetProperty("projects").EnumerateArray().ToDictionary(p => p.GetProperty("kind").GetString()!, p => p.GetProperty("projects").GetInt32());
        Assert.Equal((228, 870), (water["centralised"], water["scattered"]));
        Assert.All(figures.GetProperty("guarantees").EnumerateArray(), g => Assert.Equal((generator.HouseholdCount, generator.HouseholdCount), (g.GetProperty("households").GetInt32(), g.GetProperty("met").GetInt32())));

        // The registry agrees: every household's housing and water met, as assessed by their owner.
        await Eventually.AssertAsync(
            async () =>
            {
                await using var scope = households.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<Households.Data.HouseholdsDbContext>();
                var met = await db.GuaranteeStates.CountAsync(s =>
                    (s.Guarantee == Contracts.Registry.Guarantee.SafeHousing || s.Guarantee == Contracts.Registry.Guarantee.SafeDrinkingWater) && s.Met);
                return met == 2 * generator.HouseholdCount;
            },
            TimeSpan.FromSeconds(60),
            "the registry shows every household's housing and water met");

        // Loaded again by the feeds themselves: every record unchanged, no figure moves.
        await loader.LoadHousesAsync(demo);
        await loader.LoadHouseholdsAsync(demo);
        var again = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/relocation/figures", UriKind.Relative));
        Assert.Equal(figures.ToString(), again.ToString());
    }
}
