using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.People;
using Platform.Contracts.Registry;
using Platform.Ecology.Data;
using Platform.Households.Data;
using Platform.Messaging.Stream;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The ecology pillar and the registry together, through the gateway: a ranger's yearly pay is the
/// household's wage income in the registry exactly once, however often it is delivered; the ranger's death,
/// recorded in the registry, ends the post and opens a vacancy in the township's quota.
/// </summary>
public sealed class EcologyScenario : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private ServiceHost<Households.Program> households = null!;
    private ServiceHost<Ecology.Program> ecology = null!;
    private ServiceHost<Gateway.Program> gateway = null!;
    private string vhost = string.Empty;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        vhost = (await infrastructure.CreateVirtualHostAsync("e2e_ecology")).ToString();
        households = ServiceHost<Households.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("e2e_eco_households"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        ecology = ServiceHost<Ecology.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ecology"] = await infrastructure.CreateDatabaseAsync("e2e_ecology"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        gateway = StartGateway(households, ecology);
    }

    /// <summary>A gateway in front of the registry and the ecology pillar (its configuration routes every ecology gRPC service).</summary>
    internal static ServiceHost<Gateway.Program> StartGateway(ServiceHost<Households.Program> households, ServiceHost<Ecology.Program> ecology) =>
        PlatformFixture.StartGateway(households, new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:ecology:Destinations:primary:Address"] = ecology.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:ecology-grpc:Destinations:primary:Address"] = ecology.GrpcAddress.ToString(),
        });

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await ecology.DisposeAsync();
        await households.DisposeAsync();
        await (await TestInfrastructure.GetAsync()).ReleaseAsync(vhost, gateway, ecology, households);
    }

    [Fact]
    public async Task A_ranger_s_yearly_pay_reaches_the_household_s_income_once_and_the_ranger_s_death_ends_the_post()
    {
        var token = await PlatformFixture.TokenAsync(gateway);
        using var http = gateway.CreateHttpClient(token);
        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(gateway.GrpcAddress, token: null);
        var headers = new Grpc.Core.Metadata { { "authorization", $"Bearer {token}" } };
        var places = new ImportVillagesRequest { Townships = { new TownshipRecord { Code = "420325005", Name = "门古寺镇" } } };
        places.Villages.Add(new VillageRecord { Code = "420325005003", Name = "石堰河村", TownshipCode = "420325005", RuralPopulation = 700 });
        await new HouseholdRegistry.HouseholdRegistryClient(channel).ImportVillagesAsync(places, headers);

        using var registered = await http.PostAsJsonAsync("/api/households", new
        {
            householdNumber = "E2E-ECO-1",
            villageCode = "420325005003",
            status = "poor",
            mainCause = "skills",
            registeredYear = 2016,
            members = new object[]
            {
                new { idNumber = ResidentIdNumber.Create("420325", new DateOnly(1979, 8, 12), 431).Value, name = "覃守山", relation = "户主" },
                new { idNumber = ResidentIdNumber.Create("420325", new DateOnly(1981, 2, 3), 432).Value, name = "杨秀梅", relation = "配偶" },
            },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var household = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement;
        var householdId = household.GetProperty("id").GetString()!;
        var head = household.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "覃守山").GetProperty("id").GetString()!;

        // The pillar learns the household from the registry's event.
        await Eventually.AssertAsync(
            async () => (await http.GetAsync(new Uri($"/api/ecology/households/{householdId}", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            Patience,
            "the ecology pillar knows the household");

        var year = DateTime.UtcNow.AddHours(8).Year;
        using (var quota = await http.PutAsJsonAsync(new Uri($"/api/ecology/rangers/quotas/{year}/420325005", UriKind.Relative), new { posts = 1 }))
        {
            Assert.Equal(HttpStatusCode.OK, quota.StatusCode);
        }

        using var selected = await http.PostAsJsonAsync(new Uri("/api/ecology/rangers", UriKind.Relative), new { memberId = head, year, patrolArea = "石堰河村后山", areaMu = 2100 });
        Assert.Equal(HttpStatusCode.Created, selected.StatusCode);
        var post = JsonDocument.Parse(await selected.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        // The year's pay through the gateway; a retry with the same Idempotency-Key is the same payment.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var pay = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/ecology/rangers/{post}/pay", UriKind.Relative)) { Content = JsonContent.Create(new { note = "全年工资" }) };
            pay.Headers.Add("Idempotency-Key", "e2e-ranger-pay-" + post);
            using var paid = await http.SendAsync(pay);
            Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        }

        var payId = await RecordOfAsync<EcologyDbContext, Guid>(ecology.Services, db => db.RangerPay.Where(p => p.PostId == Guid.Parse(post)).Select(p => p.Id).SingleAsync());
        async Task<List<JsonElement>> IncomeOfPayAsync() =>
            JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/households/{householdId}/income?year={year}", UriKind.Relative)))
                .RootElement.GetProperty("records").EnumerateArray().Where(r => r.GetProperty("sourceRecordId").GetString() == payId.ToString()).ToList();
        await Eventually.AssertAsync(async () => (await IncomeOfPayAsync()).Count == 1, Patience, "the registry records the ranger's pay as income");

        // Delivered again: the very message (same message id), and the same record under a new event id.
        var sent = await RecordOfAsync<EcologyDbContext, IncomeRecorded>(ecology.Services, async db =>
        {
            var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.MessageType.StartsWith("Platform.Contracts.Registry.IncomeRecorded") && m.Body.Contains(payId.ToString()));
            return JsonSerializer.Deserialize<IncomeRecorded>(row.Body, EventWire.Json)!;
        });
        await StreamEvents.PublishAsync(new Uri(vhost), sent);
        var again = sent with { EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow };
        await StreamEvents.PublishAsync(new Uri(vhost), again);
        await Eventually.AssertAsync(
            () => RecordOfAsync<HouseholdsDbContext, bool>(households.Services, db => db.InboxMessages.AnyAsync(m => m.MessageId == again.EventId)),
            Patience,
            "the registry has processed the second delivery");

        var record = Assert.Single(await IncomeOfPayAsync());
        Assert.Equal((4000m, "wage", true), (record.GetProperty("amount").GetDecimal(), record.GetProperty("kind").GetString(), record.GetProperty("countsTowardExit").GetBoolean()));
        var income = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/households/{householdId}/income?year={year}", UriKind.Relative))).RootElement;
        Assert.Equal(4000m, income.GetProperty("total").GetProperty("wage").GetDecimal());
        Assert.Equal(4000m, income.GetProperty("stable").GetProperty("wage").GetDecimal());

        // The ranger dies: the registry removes the member, the post ends and the township has a vacancy.
        using (var died = await http.PostAsJsonAsync(new Uri($"/api/households/{householdId}/members/{head}/removal", UriKind.Relative), new { reason = "died", note = "因病去世" }))
        {
            Assert.Equal(HttpStatusCode.OK, died.StatusCode);
        }

        var ended = JsonDocument.Parse(await Eventually.ReturnsAsync(
            async () =>
            {
                var answer = await http.GetStringAsync(new Uri($"/api/ecology/rangers/{post}", UriKind.Relative));
                return JsonDocument.Parse(answer).RootElement.GetProperty("inPost").GetBoolean() ? null : answer;
            },
            Patience,
            "the ranger's post ends")).RootElement;
        Assert.Equal("died", ended.GetProperty("endReason").GetString());
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ended.GetProperty("endedOn").GetString());
        var vacancies = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/ecology/rangers/quotas?year={year}&vacant=true", UriKind.Relative))).RootElement;
        var township = Assert.Single(vacancies.EnumerateArray());
        Assert.Equal(("420325005", 0, 1), (township.GetProperty("townshipCode").GetString(), township.GetProperty("inPost").GetInt32(), township.GetProperty("vacancies").GetInt32()));
        // The pay already made stays the household's income of the year.
        Assert.Single(await IncomeOfPayAsync());
    }

    private static async Task<TResult> RecordOfAsync<TContext, TResult>(IServiceProvider services, Func<TContext, Task<TResult>> read)
        where TContext : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TContext>());
    }
}

/// <summary>
/// The demo county's ecology data through the gateway, at a small scale: the figures come back as the seed
/// county reports them (4,375 mu afforested, 52,000 mu of cherry and yellow-peach orchards, rangers paid
/// 4,000 yuan each — 8,625 of them in the full county, its share here), nothing is rejected, and a second
/// load changes nothing.
/// </summary>
public sealed class DemoCountyEcologyScenario : IAsyncLifetime
{
    private string vhost = string.Empty;
    private ServiceHost<Households.Program> households = null!;
    private ServiceHost<Ecology.Program> ecology = null!;
    private ServiceHost<Gateway.Program> gateway = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        vhost = (await infrastructure.CreateVirtualHostAsync("e2e_demo_ecology")).ToString();
        households = ServiceHost<Households.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("e2e_demo_eco_households"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        ecology = ServiceHost<Ecology.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ecology"] = await infrastructure.CreateDatabaseAsync("e2e_demo_ecology"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        gateway = EcologyScenario.StartGateway(households, ecology);
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await ecology.DisposeAsync();
        await households.DisposeAsync();
        await (await TestInfrastructure.GetAsync()).ReleaseAsync(vhost, gateway, ecology, households);
    }

    [Fact]
    public async Task The_demo_county_s_ecology_figures_come_back_as_the_seed_county_reports_them()
    {
        var token = await PlatformFixture.TokenAsync(gateway);
        var generator = new Platform.DemoCounty.DemoCountyGenerator(scale: 0.01);
        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(gateway.GrpcAddress, token: null);
        using (var registry = new Platform.DemoCounty.DemoCountyLoader(new HouseholdRegistry.HouseholdRegistryClient(channel), token))
        {
            await registry.SeedVillagesAsync(Platform.DemoCounty.DemoCountyGenerator.County());
            Assert.Equal(0, (await registry.LoadAsync(generator.Records(), generator.HouseholdCount)).Rejected);
        }

        using var http = gateway.CreateHttpClient(token);
        var demo = new Platform.DemoCounty.DemoEcology(generator);
        var loader = new Platform.DemoCounty.DemoEcologyLoader(http, channel, token, TextWriter.Null) { HouseholdsTimeout = TimeSpan.FromMinutes(2) };
        var first = await loader.LoadAsync(demo, generator.HouseholdCount);
        Assert.False(first.AlreadyLoaded);
        foreach (var feed in new[] { first.Selections!, first.Pay!, first.Patrols!, first.Compensation!, first.ProjectIncomes! })
        {
            Assert.True(feed.Rejected == 0, string.Join("; ", feed.Rejections.Take(5).Select(r => $"{r.ClientRef} {r.Field} {r.Reason}")));
        }

        Assert.Equal(demo.Rangers.Count, first.Selections!.Accepted);
        var figures = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/ecology/figures", UriKind.Relative))).RootElement;
        Assert.Equal(Platform.DemoCounty.DemoEcology.Year, figures.GetProperty("year").GetInt32());
        var rangers = figures.GetProperty("rangers");
        Assert.Equal((demo.Rangers.Count, demo.Rangers.Count, 0), (rangers.GetProperty("inPost").GetInt32(), rangers.GetProperty("quota").GetInt32(), rangers.GetProperty("vacancies").GetInt32()));
        Assert.Equal((demo.Rangers.Count, demo.Rangers.Count * 4_000m), (rangers.GetProperty("paid").GetInt32(), rangers.GetProperty("payTotal").GetDecimal()));
        Assert.Equal(4_000m, rangers.GetProperty("annualPay").GetDecimal());
        var projects = figures.GetProperty("projects");
        Assert.Equal((4_375m, 52_000m), (projects.GetProperty("afforestedMu").GetDecimal(), projects.GetProperty("orchardMu").GetDecimal()));
        Assert.Equal(demo.Compensation().Count(), figures.GetProperty("compensation").GetProperty("payments").GetInt32());

        var second = await loader.LoadAsync(demo, generator.HouseholdCount);
        Assert.True(second.AlreadyLoaded);
        Assert.Equal(figures.ToString(), JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/ecology/figures", UriKind.Relative))).RootElement.ToString());
    }
}
