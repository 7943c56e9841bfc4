using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.People;
using Platform.DemoCounty;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Portal;

/// <summary>
/// The portal as the county uses it: the registry, the education pillar and the gateway (serving the built
/// portal) against the run's PostgreSQL and RabbitMQ, with a small demo county loaded through the gateway
/// (households, the campaign's history through the exit procedure, school rolls, aid, training), three poor households of one village that meet the exit
/// standard (their pillars reported income and guarantees), a monitoring flag, and one headless Chromium.
/// The village and township users are bound to the demo's most populous village and its township.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const double Scale = 0.01;

    /// <summary>The registry's export limit in these tests (Export:MaxRows).</summary>
    public const int ExportLimit = 400;

    public static readonly string Artefacts = Path.Combine(RepositoryPaths.Root, "TestResults", "portal");

    public ServiceHost<Households.Program> Households { get; private set; } = null!;

    public ServiceHost<Education.Program> Education { get; private set; } = null!;

    public ServiceHost<Gateway.Program> Gateway { get; private set; } = null!;

    public DemoCountyGenerator County { get; } = new(scale: Scale);

    /// <summary>The village cadre's village, and its township (the township officer's).</summary>
    public string Village { get; private set; } = null!;

    public string Township { get; private set; } = null!;

    /// <summary>A village of another township, with households: outside the village and township users' scope.</summary>
    public string OtherVillage { get; private set; } = null!;

    /// <summary>Poor households of <see cref="Village"/> that meet the exit standard of 2020.</summary>
    public IReadOnlyList<Guid> EligibleHouseholds { get; private set; } = [];

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseAddress => Gateway.HttpAddress.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        var build = PortalBuild.EnsureBuiltAsync();
        var byVillage = County.Households().GroupBy(h => h.VillageCode).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).ToList();
        Village = byVillage[0].Key;
        Township = byVillage[0].First().TownshipCode;
        OtherVillage = byVillage.First(g => g.First().TownshipCode != Township).Key;

        var infrastructure = await TestInfrastructure.GetAsync();
        var vhost = await infrastructure.CreateVirtualHostAsync("e2e_portal");
        Households = ServiceHost<Households.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("e2e_portal_households"),
            ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
            // Below the county's households, above any village's: the limit's refusal can be seen.
            [Platform.ServiceDefaults.Export.ExcelExport.MaxRowsSetting] = ExportLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Education = ServiceHost<Education.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:education"] = await infrastructure.CreateDatabaseAsync("e2e_portal_education"),
            ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
        });
        Gateway = PlatformFixture.StartGateway(Households, new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:education:Destinations:primary:Address"] = Education.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:education-grpc:Destinations:primary:Address"] = Education.GrpcAddress.ToString(),
            ["Identity:Users:village:Village"] = Village,
            ["Identity:Users:township:Township"] = Township,
            // Every test user signs in from 127.0.0.1, dozens of times a minute: the per-address limit is not under test here.
            ["Identity:SignInAttemptsPerMinute"] = "1000",
        });

        var token = TestTokens.CountyOffice();
        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(Gateway.GrpcAddress, token: null);
        using (var registry = new DemoCountyLoader(new HouseholdRegistry.HouseholdRegistryClient(channel), token))
        {
            await registry.SeedVillagesAsync(DemoCountyGenerator.County());
            Assert.Equal(0, (await registry.LoadAsync(County.Records(), County.HouseholdCount)).Rejected);
        }

        // Households are registered as poor; the campaign's history takes them through the exit procedure
        // (exited households, village exits, helpers, monitoring), as deploy/start.sh loads the demo.
        using var http = Gateway.CreateHttpClient(token);
        var campaign = await new DemoCampaignLoader(new HouseholdRegistry.HouseholdRegistryClient(channel), http, token).LoadAsync(new DemoCampaign(County));
        Assert.Equal(0, campaign.History.Rejected);
        var education = new DemoEducationLoader(http, channel, token, TextWriter.Null) { StudentsTimeout = TimeSpan.FromMinutes(3) };
        await education.LoadAsync(new DemoEducation(County, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))));

        EligibleHouseholds = await RegisterEligibleAsync(http, vhost);
        await RaiseFlagAsync(http);

        await build;
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(Artefacts);
    }

    /// <summary>Three poor households of the village whose pillars report a 2020 income above the line and every guarantee met.</summary>
    private async Task<IReadOnlyList<Guid>> RegisterEligibleAsync(HttpClient http, Uri vhost)
    {
        var ids = new List<Guid>();
        string[] heads = ["王德福", "李春花", "赵有才"];
        string[] spouses = ["刘桂兰", "陈大山", "孙玉梅"];
        for (var i = 0; i < heads.Length; i++)
        {
            using var registered = await http.PostAsJsonAsync("/api/households", new
            {
                householdNumber = $"{Village}9{i:000}",
                villageCode = Village,
                status = "poor",
                mainCause = "illness",
                registeredYear = 2016,
                members = new[]
                {
                    new { idNumber = ResidentIdNumber.Create("420325", new DateOnly(1966 + i, 3, 14), 511 + i).Value, name = heads[i], relation = "户主" },
                    new { idNumber = ResidentIdNumber.Create("420325", new DateOnly(1969 + i, 8, 2), 622 + i).Value, name = spouses[i], relation = "配偶" },
                },
            });
            Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
            var id = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
            await ExitScenario.ReportEligibleAsync(e => StreamEvents.PublishAsync(vhost, e), id);
            ids.Add(id);
        }

        foreach (var id in ids)
        {
            await ExitScenario.WaitEligibleAsync(http, id);
        }

        return ids;
    }

    /// <summary>A cadre's visit finds an exited household of the village at risk (脱贫不稳定户).</summary>
    private async Task RaiseFlagAsync(HttpClient http)
    {
        var exited = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/households/exits?village={Village}&pageSize=1", UriKind.Relative)))
            .RootElement.GetProperty("items")[0].GetProperty("householdId").GetGuid();
        using var raised = await http.PostAsJsonAsync("/api/households/monitoring/flags", new
        {
            householdId = exited, category = "unstable-exited", trigger = "cadre-visit", reason = "户主突发疾病，收入下降",
            on = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.True(raised.IsSuccessStatusCode, await raised.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        await Gateway.DisposeAsync();
        await Education.DisposeAsync();
        await Households.DisposeAsync();
    }
}
