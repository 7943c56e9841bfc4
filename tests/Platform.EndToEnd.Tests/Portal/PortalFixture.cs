using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.People;
using Platform.DemoCounty;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Portal;

/// <summary>
/// The portal as the county uses it: the registry, the five pillars (education, industry, relocation, ecology, welfare)
/// and the gateway (serving the built portal) against the run's PostgreSQL and RabbitMQ, with a small demo county
/// loaded through the gateway (households, the campaign's history through the exit procedure, and every pillar's demo
/// data through its feeds, as the local start loads them), three poor households of one village that meet the exit
/// standard (their pillars reported income and guarantees), a household of that village with a record in every pillar,
/// a monitoring flag, and one headless Chromium. The village and township users are bound to the demo's most populous
/// village and its township.
/// </summary>
public sealed partial class PortalFixture : IAsyncLifetime
{
    public const double Scale = 0.01;

    /// <summary>The registry's export limit in these tests (Export:MaxRows).</summary>
    public const int ExportLimit = 400;

    public static readonly string Artefacts = Path.Combine(RepositoryPaths.Root, "TestResults", "portal");

    public ServiceHost<Households.Program> Households { get; private set; } = null!;

    public ServiceHost<Education.Program> Education { get; private set; } = null!;

    public ServiceHost<Industry.Program> Industry { get; private set; } = null!;

    public ServiceHost<Relocation.Program> Relocation { get; private set; } = null!;

    public ServiceHost<Ecology.Program> Ecology { get; private set; } = null!;

    public ServiceHost<Welfare.Program> Welfare { get; private set; } = null!;

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

    /// <summary>The platform's virtual host and the services' databases (their outboxes): what "settled" is read from.</summary>
    public Uri VirtualHost { get; private set; } = null!;

    public IReadOnlyList<string> Databases { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var phases = new FixturePhases();
        var build = PortalBuild.EnsureBuiltAsync();
        var byVillage = County.Households().GroupBy(h => h.VillageCode).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).ToList();
        Village = byVillage[0].Key;
        Township = byVillage[0].First().TownshipCode;
        OtherVillage = byVillage.First(g => g.First().TownshipCode != Township).Key;

        var infrastructure = await TestInfrastructure.GetAsync();
        var vhost = await infrastructure.CreateVirtualHostAsync("e2e_portal");
        VirtualHost = vhost;
        var databases = new Dictionary<string, string>();
        foreach (var service in (string[])["households", "education", "industry", "relocation", "ecology", "welfare"])
        {
            databases[service] = await infrastructure.CreateDatabaseAsync($"e2e_portal_{service}");
        }

        Databases = [.. databases.Values];
        Households = ServiceHost<Households.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = databases["households"],
            ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
            // Below the county's households, above any village's: the limit's refusal can be seen.
            [Platform.ServiceDefaults.Export.ExcelExport.MaxRowsSetting] = ExportLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Education = ServiceHost<Education.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:education"] = databases["education"],
            ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
        });
        Industry = ServiceHost<Industry.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:industry"] = databases["industry"],
            ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
        });
        Relocation = ServiceHost<Relocation.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:relocation"] = databases["relocation"],
            ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
        });
        Ecology = ServiceHost<Ecology.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ecology"] = databases["ecology"],
            ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
        });
        Welfare = ServiceHost<Welfare.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:welfare"] = databases["welfare"],
            ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
        });
        Gateway = PlatformFixture.StartGateway(Households, new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:education:Destinations:primary:Address"] = Education.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:education-grpc:Destinations:primary:Address"] = Education.GrpcAddress.ToString(),
            ["ReverseProxy:Clusters:industry:Destinations:primary:Address"] = Industry.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:industry-grpc:Destinations:primary:Address"] = Industry.GrpcAddress.ToString(),
            ["ReverseProxy:Clusters:relocation:Destinations:primary:Address"] = Relocation.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:relocation-grpc:Destinations:primary:Address"] = Relocation.GrpcAddress.ToString(),
            ["ReverseProxy:Clusters:ecology:Destinations:primary:Address"] = Ecology.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:ecology-grpc:Destinations:primary:Address"] = Ecology.GrpcAddress.ToString(),
            ["ReverseProxy:Clusters:welfare:Destinations:primary:Address"] = Welfare.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:welfare-grpc:Destinations:primary:Address"] = Welfare.GrpcAddress.ToString(),
            ["Identity:Users:village:Village"] = Village,
            ["Identity:Users:township:Township"] = Township,
            // Every test user signs in from 127.0.0.1, dozens of times a minute: the per-address limit is not under test here.
            ["Identity:SignInAttemptsPerMinute"] = "1000",
        });

        phases.Done("services and gateway started");
        var token = TestTokens.CountyOffice();
        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(Gateway.GrpcAddress, token: null);
        using (var registry = new DemoCountyLoader(new HouseholdRegistry.HouseholdRegistryClient(channel), token))
        {
            await registry.SeedVillagesAsync(DemoCountyGenerator.County());
            Assert.Equal(0, (await registry.LoadAsync(County.Records(), County.HouseholdCount)).Rejected);
        }

        // Households are registered as poor; the campaign's history takes them through the exit procedure
        // (exited households, village exits, helpers, monitoring), as deploy/start.sh loads the demo.
        phases.Done("county registered");
        using var http = Gateway.CreateHttpClient(token);
        var campaign = await new DemoCampaignLoader(new HouseholdRegistry.HouseholdRegistryClient(channel), http, token).LoadAsync(new DemoCampaign(County));
        Assert.Equal(0, campaign.History.Rejected);
        phases.Done("campaign loaded");
        await LoadPillarsAsync(http, channel, token);
        phases.Done("pillars' demo data loaded");

        EligibleHouseholds = await RegisterEligibleAsync(http, vhost);
        phases.Done("eligible households reported");
        EveryPillar = await RegisterEveryPillarAsync(http, channel, token);
        await RaiseFlagAsync(http);
        phases.Done("a household in every pillar, a flag");

        await build;
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = HeadlessChromium.ExecutablePath,
            Headless = true,
            Args = HeadlessChromium.Arguments,
        });
        Directory.CreateDirectory(Artefacts);
        phases.Done("portal built, Chromium started");
        await phases.WriteAsync(Path.Combine(Artefacts, $"fixture-phases-{Environment.ProcessId}-{VirtualHost.AbsolutePath.Trim('/')}.txt"));
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
            ids.Add(JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
        }

        // The pillars that own a guarantee assess a household when they first follow it (not met: nothing recorded yet);
        // the reports standing in for them come after those, so they are the ones in force.
        foreach (var id in ids)
        {
            await WaitAssessedByTheirOwnersAsync(http, id);
            await ExitScenario.ReportEligibleAsync(e => StreamEvents.PublishAsync(vhost, e), id);
        }

        foreach (var id in ids)
        {
            await ExitScenario.WaitEligibleAsync(http, id);
        }

        return ids;
    }

    /// <summary>A cadre's visit finds an exited household of the village at risk (脱贫不稳定户), one no pillar has flagged yet.</summary>
    private async Task RaiseFlagAsync(HttpClient http)
    {
        var flagged = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/households/monitoring/flags?village={Village}&pageSize=200", UriKind.Relative)))
            .RootElement.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("householdId").GetGuid()).ToHashSet();
        var exited = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/households/exits?village={Village}&pageSize=200", UriKind.Relative)))
            .RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("householdId").GetGuid()).First(h => !flagged.Contains(h));
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
        await Welfare.DisposeAsync();
        await Ecology.DisposeAsync();
        await Relocation.DisposeAsync();
        await Industry.DisposeAsync();
        await Education.DisposeAsync();
        await Households.DisposeAsync();
        await (await TestInfrastructure.GetAsync()).ReleaseAsync(VirtualHost, Gateway, Welfare, Ecology, Relocation, Industry, Education, Households);
    }
}

/// <summary>How long each part of a fixture's preparation took, kept beside the portal's artefacts: what a slow start spent.</summary>
internal sealed class FixturePhases
{
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly System.Text.StringBuilder lines = new();
    private TimeSpan last;

    public void Done(string phase)
    {
        var now = clock.Elapsed;
        lines.Append(System.Globalization.CultureInfo.InvariantCulture, $"{phase}: {(now - last).TotalSeconds:F1} s (at {now.TotalSeconds:F1} s)\n");
        last = now;
    }

    public Task WriteAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return File.WriteAllTextAsync(path, lines.ToString());
    }
}
