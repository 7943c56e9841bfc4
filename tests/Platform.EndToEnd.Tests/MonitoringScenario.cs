using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.ServiceDefaults.Auth;
using Platform.Messaging.Stream;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// 防返贫监测 end to end, through the gateway, on a clock the test moves: a household exits by the procedure; a
/// welfare pillar reports a hospital bill with 8,000 yuan out of pocket (over the 5,000 threshold); the registry
/// flags it as 脱贫不稳定户 and tells the pillars; the flag stays until income has been above the monitoring line
/// for six months after the cause was resolved, and only then is it removed (and the pillars told).
/// </summary>
public sealed class MonitoringScenario : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly ManualClock clock = new(DateTimeOffset.UtcNow);
    private ServiceHost<Households.Program> households = null!;
    private ServiceHost<Gateway.Program> gateway = null!;
    private Uri vhost = null!;
    private EventStreamClient stream = null!;
    private EventTap pillar = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        vhost = await infrastructure.CreateVirtualHostAsync("e2e_monitoring");
        households = ServiceHost<Households.Program>.Start(
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("e2e_monitoring"),
                ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
                // The clock goes past the lines the county has configured: the next year's line, for this test.
                ["Registry:MonitoringLines:2027"] = "7800",
                ["Registry:MonitoringLines:2028"] = "8000",
            },
            services => services.AddSingleton<TimeProvider>(clock));
        // The issuer lives on the same clock as the registry, so its tokens are fresh in the months the test moves through.
        gateway = PlatformFixture.StartGateway(households, configureServices: services => services.AddSingleton<TimeProvider>(clock));

        // A pillar (welfare, say) that listens to the registry's monitoring events.
        stream = await EventStreamClient.ConnectAsync(vhost, "e2e-welfare");
        pillar = await stream.TapAsync([typeof(MonitoringFlagRaised), typeof(MonitoringFlagRemoved)]);
        using var channel = households.CreateGrpcChannel(TestTokens.CountyOffice());
        var villages = new Platform.Contracts.Grpc.Households.V1.ImportVillagesRequest
        {
            Townships = { new Platform.Contracts.Grpc.Households.V1.TownshipRecord { Code = PlatformFixture.Township, Name = "城关镇" } },
            Villages = { new Platform.Contracts.Grpc.Households.V1.VillageRecord { Code = PlatformFixture.Village, Name = "监测村", TownshipCode = PlatformFixture.Township, RuralPopulation = 900, IsPoorVillage = true } },
        };
        await new Platform.Contracts.Grpc.Households.V1.HouseholdRegistry.HouseholdRegistryClient(channel).ImportVillagesAsync(villages);
    }

    public async Task DisposeAsync()
    {
        await pillar.DisposeAsync();
        await stream.DisposeAsync();
        await gateway.DisposeAsync();
        await households.DisposeAsync();
        await (await TestInfrastructure.GetAsync()).ReleaseAsync(vhost, gateway, households);
    }

    [Fact]
    public async Task A_hospital_bill_over_the_threshold_flags_an_exited_household_until_six_stable_months_have_passed()
    {
        var token = await PlatformFixture.TokenAsync(gateway);
        using var http = gateway.CreateHttpClient(token);

        var registered = await http.PostAsJsonAsync("/api/households", new
        {
            householdNumber = "M" + Guid.NewGuid().ToString("N")[..10], villageCode = PlatformFixture.Village, status = "poor", mainCause = "illness", registeredYear = 2015,
            members = new[]
            {
                new { idNumber = Platform.Contracts.People.ResidentIdNumber.Create("420325", new DateOnly(1968, 5, 6), 137).Value, name = "陈大山", relation = "户主" },
                new { idNumber = Platform.Contracts.People.ResidentIdNumber.Create("420325", new DateOnly(1970, 2, 3), 246).Value, name = "刘桂兰", relation = "配偶" },
            },
        });
        registered.EnsureSuccessStatusCode();
        var household = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        await ExitScenario.ReportEligibleAsync(e => StreamEvents.PublishAsync(vhost, e), household);
        await ExitScenario.WaitEligibleAsync(http, household);
        await ExitScenario.ExitAsync(http, PlatformFixture.Village, household);

        // The welfare pillar's claim: 8,000 yuan out of pocket after every layer, over the 5,000 threshold.
        var bill = new LargeExpenseReported
        {
            EventId = Guid.NewGuid(), HouseholdId = household, OccurredAt = clock.GetUtcNow(), Kind = ExpenseKind.Medical, OutOfPocket = 8000m, TotalCost = 80000m,
            IncurredOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), Source = Pillar.Welfare, SourceRecordId = "claim-" + household, Description = "县人民医院住院",
        };
        await StreamEvents.PublishAsync(vhost, bill);
        // The same claim reported again under another event: it counts once.
        var again = bill with { EventId = Guid.NewGuid() };
        await StreamEvents.PublishAsync(vhost, again);

        var flag = await Eventually.ReturnsAsync(
            async () =>
            {
                var open = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/households/monitoring/flags?category=unstable-exited&village={PlatformFixture.Village}", UriKind.Relative))).RootElement;
                return open.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("householdId").GetGuid() == household).Select(i => (JsonElement?)i).FirstOrDefault()?.ToString();
            },
            Patience,
            "the registry flags the household");
        var flagId = JsonDocument.Parse(flag).RootElement.GetProperty("id").GetGuid();
        await Eventually.AssertAsync(() => Task.FromResult(pillar.Of<MonitoringFlagRaised>().Any(e => e.FlagId == flagId && e.Category == MonitoringCategory.UnstableExited)), Patience, "the pillars hear of the flag");
        Assert.Equal("exited", JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/households/{household}", UriKind.Relative))).RootElement.GetProperty("status").GetString());
        var figures = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/households/figures/exit", UriKind.Relative))).RootElement;
        Assert.Equal(1, figures.GetProperty("monitoring").EnumerateArray().Single(c => c.GetProperty("category").GetString() == "unstable-exited").GetProperty("households").GetInt64());
        Assert.Equal(1, figures.GetProperty("exitedHouseholds").GetInt64()); // monitored, and still exited

        // A month later: medical assistance paid the bill, income is above the line — the six months start.
        clock.Advance(TimeSpan.FromDays(30));
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await PlatformFixture.TokenAsync(gateway));
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync($"/api/households/monitoring/flags/{flagId}/reviews", new { perCapitaIncome = 9000m, causeResolved = true, note = "医疗救助已到位" })).StatusCode);

        // Three months on: not yet.
        clock.Advance(TimeSpan.FromDays(91));
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await PlatformFixture.TokenAsync(gateway));
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync($"/api/households/monitoring/flags/{flagId}/reviews", new { perCapitaIncome = 9100m, causeResolved = true })).StatusCode);
        var early = await http.PostAsJsonAsync($"/api/households/monitoring/flags/{flagId}/removal", new { reason = "收入稳定" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("未满6个月", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Six months after the first stable review, confirmed by a review: removed, and the record stays.
        clock.Advance(TimeSpan.FromDays(95));
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await PlatformFixture.TokenAsync(gateway));
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync($"/api/households/monitoring/flags/{flagId}/reviews", new { perCapitaIncome = 9300m, causeResolved = true })).StatusCode);
        var removed = await http.PostAsJsonAsync($"/api/households/monitoring/flags/{flagId}/removal", new { reason = "风险消除：收入稳定超过监测线半年" });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var detail = JsonDocument.Parse(await removed.Content.ReadAsStringAsync()).RootElement;
        Assert.NotEqual(JsonValueKind.Null, detail.GetProperty("flag").GetProperty("removedOn").ValueKind);
        Assert.Equal(3, detail.GetProperty("reviews").GetArrayLength());
        Assert.Single(detail.GetProperty("signals").EnumerateArray()); // the claim counted once
        await Eventually.AssertAsync(() => Task.FromResult(pillar.Of<MonitoringFlagRemoved>().Any(e => e.FlagId == flagId)), Patience, "the pillars hear of the removal");
        var open = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/households/monitoring/flags", UriKind.Relative))).RootElement;
        Assert.Equal(0, open.GetProperty("total").GetInt64());
    }
}
