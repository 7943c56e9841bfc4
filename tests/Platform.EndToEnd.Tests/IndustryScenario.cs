using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.People;
using Platform.Contracts.Registry;
using Platform.Households.Data;
using Platform.Industry.Data;
using Platform.Messaging.Stream;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The industry pillar and the registry together, through the gateway: a dividend an entity pays a household reaches
/// the household's per-capita income in the registry, counted once however often it is delivered, and a correction of
/// the payment corrects it in place.
/// </summary>
public sealed class IndustryScenario : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private ServiceHost<Households.Program> households = null!;
    private ServiceHost<Industry.Program> industry = null!;
    private ServiceHost<Gateway.Program> gateway = null!;
    private string vhost = string.Empty;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        vhost = (await infrastructure.CreateVirtualHostAsync("e2e_industry")).ToString();
        households = ServiceHost<Households.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("e2e_ind_households"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        industry = ServiceHost<Industry.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:industry"] = await infrastructure.CreateDatabaseAsync("e2e_industry"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        gateway = StartGateway(households, industry);
    }

    /// <summary>A gateway in front of the registry and the industry pillar (its configuration routes every industry gRPC service).</summary>
    internal static ServiceHost<Gateway.Program> StartGateway(ServiceHost<Households.Program> households, ServiceHost<Industry.Program> industry) =>
        PlatformFixture.StartGateway(households, new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:industry:Destinations:primary:Address"] = industry.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:industry-grpc:Destinations:primary:Address"] = industry.GrpcAddress.ToString(),
        });

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await industry.DisposeAsync();
        await households.DisposeAsync();
        await (await TestInfrastructure.GetAsync()).ReleaseAsync(vhost, gateway, industry, households);
    }

    [Fact]
    public async Task A_dividend_reaches_the_household_s_per_capita_income_in_the_registry_once_across_redelivery_and_a_correction_corrects_it()
    {
        var token = await PlatformFixture.TokenAsync(gateway);
        using var http = gateway.CreateHttpClient(token);
        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(gateway.GrpcAddress, token: null);
        var places = new ImportVillagesRequest { Townships = { new TownshipRecord { Code = "420325003", Name = "土城镇" } } };
        places.Villages.Add(new VillageRecord { Code = "420325003001", Name = "黄连垭村", TownshipCode = "420325003", RuralPopulation = 700 });
        await new HouseholdRegistry.HouseholdRegistryClient(channel).ImportVillagesAsync(places, new Grpc.Core.Metadata { { "authorization", $"Bearer {token}" } });

        using var registered = await http.PostAsJsonAsync("/api/households", new
        {
            householdNumber = "E2E-IND-1",
            villageCode = "420325003001",
            status = "poor",
            mainCause = "capital",
            registeredYear = 2016,
            members = new object[]
            {
                new { idNumber = ResidentIdNumber.Create("420325", new DateOnly(1975, 6, 6), 421).Value, name = "黄大山", relation = "户主" },
                new { idNumber = ResidentIdNumber.Create("420325", new DateOnly(1977, 8, 8), 422).Value, name = "李小兰", relation = "配偶" },
            },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var household = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        // The industry pillar learns the household from the registry's event.
        var head = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await http.GetAsync(new Uri($"/api/industry/households/{household}", UriKind.Relative));
                return response.IsSuccessStatusCode
                    ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("members").EnumerateArray()
                        .Select(m => m.GetProperty("id").GetString()).FirstOrDefault()
                    : null;
            },
            Patience,
            "the industry pillar knows the household");

        using var entity = await http.PostAsJsonAsync("/api/industry/entities", new
        {
            code = "93420325MA4E2E0001", kind = "cooperative", name = "房县土城镇黄酒专业合作社", villageCode = "420325003001", industry = "yellow-wine", model = "wine-unified",
        });
        Assert.Equal(HttpStatusCode.Created, entity.StatusCode);
        var entityId = JsonDocument.Parse(await entity.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        using var link = await http.PostAsJsonAsync("/api/industry/links", new { entityId, memberId = head, kind = "dividend", startedOn = "2018-01-01" });
        Assert.Equal(HttpStatusCode.Created, link.StatusCode);
        var linkId = JsonDocument.Parse(await link.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        // The dividend through the gateway; a retry with the same Idempotency-Key is the same payment.
        async Task<HttpResponseMessage> PayAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/industry/links/{linkId}/payments")
            {
                Content = JsonContent.Create(new { reference = "HJ-2020-017", paidOn = "2020-12-28", amount = 1600m }),
            };
            request.Headers.Add("Idempotency-Key", "e2e-dividend-1");
            return await http.SendAsync(request);
        }

        using var paid = await PayAsync();
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        using var retried = await PayAsync();
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var payment = JsonDocument.Parse(await paid.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        Assert.Equal(payment, JsonDocument.Parse(await retried.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString());

        async Task<JsonElement> IncomeAsync() =>
            JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/households/{household}/income?year=2020", UriKind.Relative))).RootElement;
        await Eventually.AssertAsync(async () => (await IncomeAsync()).GetProperty("stablePerCapita").GetDecimal() == 800m, Patience, "the registry counts the dividend: 1,600 ÷ 2 people");

        // Delivered twice more: the very message again (same message id), and the same record under a new event id.
        await using (var scope = industry.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IndustryDbContext>();
            var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.MessageType.StartsWith("Platform.Contracts.Registry.IncomeRecorded") && m.Body.Contains(payment));
            var sent = JsonSerializer.Deserialize<IncomeRecorded>(row.Body, EventWire.Json)!;
            await StreamEvents.PublishAsync(new Uri(vhost), sent);
            var again = sent with { EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow };
            await StreamEvents.PublishAsync(new Uri(vhost), again);
            await Eventually.AssertAsync(
                async () =>
                {
                    await using var registryScope = households.Services.CreateAsyncScope();
                    var registry = registryScope.ServiceProvider.GetRequiredService<HouseholdsDbContext>();
                    return await registry.InboxMessages.AnyAsync(m => m.MessageId == again.EventId);
                },
                Patience,
                "the registry has processed the second delivery");
        }

        var income = await IncomeAsync();
        var record = Assert.Single(income.GetProperty("records").EnumerateArray(), r => r.GetProperty("sourceRecordId").GetString() == payment);
        Assert.Equal(("property", "industry", true), (record.GetProperty("kind").GetString(), record.GetProperty("source").GetString(), record.GetProperty("countsTowardExit").GetBoolean()));
        Assert.Equal(1600m, income.GetProperty("stable").GetProperty("property").GetDecimal());
        Assert.Equal(800m, income.GetProperty("stablePerCapita").GetDecimal());

        // A correction of the payment is the same record, corrected in the registry.
        using var corrected = await http.PutAsJsonAsync($"/api/industry/links/{linkId}/payments/{payment}", new { paidOn = "2020-12-28", amount = 1800m });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        await Eventually.AssertAsync(async () => (await IncomeAsync()).GetProperty("stablePerCapita").GetDecimal() == 900m, Patience, "the registry corrects the dividend in place");
        Assert.Single((await IncomeAsync()).GetProperty("records").EnumerateArray(), r => r.GetProperty("sourceRecordId").GetString() == payment);
    }
}

/// <summary>
/// The demo county's industry data through the gateway, at a small scale: the figures come back as the seed county
/// reports them (1.35 million mu, 1.87 million head, 3,493 new market entities, 607 workshops, eight models; 96%
/// coverage, the lifted, the workshop workers and the transferred labourers scaled), and a second load changes nothing.
/// </summary>
public sealed class DemoCountyIndustryScenario : IAsyncLifetime
{
    private string vhost = string.Empty;
    private ServiceHost<Households.Program> households = null!;
    private ServiceHost<Industry.Program> industry = null!;
    private ServiceHost<Gateway.Program> gateway = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        vhost = (await infrastructure.CreateVirtualHostAsync("e2e_demo_industry")).ToString();
        households = ServiceHost<Households.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("e2e_demo_ind_households"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        industry = ServiceHost<Industry.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:industry"] = await infrastructure.CreateDatabaseAsync("e2e_demo_industry"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        gateway = IndustryScenario.StartGateway(households, industry);
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await industry.DisposeAsync();
        await households.DisposeAsync();
        await (await TestInfrastructure.GetAsync()).ReleaseAsync(vhost, gateway, industry, households);
    }

    [Fact]
    public async Task The_demo_county_s_industry_figures_come_back_from_the_records()
    {
        var token = await PlatformFixture.TokenAsync(gateway);
        var generator = new DemoCounty.DemoCountyGenerator(scale: 0.01);
        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(gateway.GrpcAddress, token: null);
        using var http = gateway.CreateHttpClient(token);
        // As the local start loads it: registered as poor, then every village's campaign (the lifted are exited households).
        var county = await new DemoCounty.DemoCountyRun(new HouseholdRegistry.HouseholdRegistryClient(channel), http, token, TextWriter.Null).LoadAsync(generator);
        Assert.False(county.Rejected);
        var demo = new DemoCounty.DemoIndustry(generator);
        var loader = new DemoCounty.DemoIndustryLoader(http, channel, token, TextWriter.Null) { HouseholdsTimeout = TimeSpan.FromMinutes(2) };
        var first = await loader.LoadAsync(demo);
        Assert.False(first.AlreadyLoaded);
        Assert.Equal(0, first.Rejected);
        Assert.Equal(DemoCounty.DemoIndustry.Sales, first.SalesCreated);

        // The campaign's exits reach the pillar on the stream: the lifted count once it knows them all.
        var figures = default(JsonElement);
        await Eventually.AssertAsync(
            async () =>
            {
                figures = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/industry/figures", UriKind.Relative))).RootElement;
                return figures.GetProperty("coverage").GetProperty("liftedByIndustry").GetInt32() == demo.ExpectedLifted;
            },
            TimeSpan.FromSeconds(90),
            "the industry pillar counts the lifted households once it knows the campaign's exits");
        Assert.Equal(1_350_000m, figures.GetProperty("bases").GetProperty("plantedMu").GetDecimal());
        Assert.Equal(1_870_000L, figures.GetProperty("bases").GetProperty("livestockHead").GetInt64());
        Assert.Equal(3_493, figures.GetProperty("entities").GetProperty("newMarketEntities").GetInt32());
        Assert.Equal(8, figures.GetProperty("models").GetProperty("models").GetInt32());
        Assert.All(figures.GetProperty("models").GetProperty("byModel").EnumerateArray(), m => Assert.True(m.GetProperty("entities").GetInt32() > 0));
        var coverage = figures.GetProperty("coverage");
        Assert.Equal((generator.HouseholdCount, demo.ExpectedCovered, demo.ExpectedLifted), (coverage.GetProperty("registeredHouseholds").GetInt32(),
            coverage.GetProperty("coveredHouseholds").GetInt32(), coverage.GetProperty("liftedByIndustry").GetInt32()));
        Assert.Equal(96m, Math.Round(coverage.GetProperty("coveragePercent").GetDecimal()));
        var jobs = figures.GetProperty("jobs");
        Assert.Equal((607, demo.ExpectedWorkshopWorkers, demo.ExpectedTransferred, demo.ExpectedPosts), (jobs.GetProperty("workshops").GetInt32(),
            jobs.GetProperty("workshopWorkers").GetInt32(), jobs.GetProperty("labourTransferred").GetInt32(), jobs.GetProperty("publicWelfarePosts").GetInt32()));
        Assert.Equal(DemoCounty.DemoIndustry.Sales, figures.GetProperty("consumption").GetProperty("sales").GetInt32());

        var second = await loader.LoadAsync(demo);
        Assert.True(second.AlreadyLoaded);
        Assert.Equal(figures.GetRawText(), JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/industry/figures", UriKind.Relative))).RootElement.GetRawText());
    }
}
