using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.People;
using Platform.Contracts.Registry;
using Platform.Households.Data;
using Platform.Messaging.Stream;
using Platform.Testing;
using Platform.Welfare.Data;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The welfare pillar and the registry together, through the gateway: a household's members insured make its
/// basic-medical guarantee met in the registry; a hospital claim is reimbursed layer by layer to 90% of its
/// within-policy costs and what is left to pay, over the monitoring threshold, flags the exited household in the
/// registry's monitoring; a 低保 payment reaches the household's income in the registry exactly once.
/// </summary>
public sealed class WelfareScenario : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private ServiceHost<Households.Program> households = null!;
    private ServiceHost<Welfare.Program> welfare = null!;
    private ServiceHost<Gateway.Program> gateway = null!;
    private Uri vhost = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        vhost = await infrastructure.CreateVirtualHostAsync("e2e_welfare");
        households = ServiceHost<Households.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("e2e_welfare_households"),
            ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
        });
        welfare = ServiceHost<Welfare.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:welfare"] = await infrastructure.CreateDatabaseAsync("e2e_welfare"),
            ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
        });
        gateway = StartGateway(households, welfare);
    }

    /// <summary>A gateway in front of the registry and the welfare pillar (REST and every welfare gRPC service).</summary>
    internal static ServiceHost<Gateway.Program> StartGateway(ServiceHost<Households.Program> households, ServiceHost<Welfare.Program> welfare) =>
        PlatformFixture.StartGateway(households, new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:welfare:Destinations:primary:Address"] = welfare.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:welfare-grpc:Destinations:primary:Address"] = welfare.GrpcAddress.ToString(),
        });

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await welfare.DisposeAsync();
        await households.DisposeAsync();
        await (await TestInfrastructure.GetAsync()).ReleaseAsync(vhost, gateway, welfare, households);
    }

    [Fact]
    public async Task A_claim_reimbursed_to_90_percent_flags_the_exited_household_for_what_is_left_and_a_minimum_living_payment_reaches_its_income_once()
    {
        var token = await PlatformFixture.TokenAsync(gateway);
        using var http = gateway.CreateHttpClient(token);
        using (var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(gateway.GrpcAddress, token: null))
        {
            var places = new ImportVillagesRequest { Townships = { new TownshipRecord { Code = "420325003", Name = "门古寺镇" } } };
            places.Villages.Add(new VillageRecord { Code = "420325003001", Name = "板桥村", TownshipCode = "420325003", RuralPopulation = 700, IsPoorVillage = true });
            await new HouseholdRegistry.HouseholdRegistryClient(channel).ImportVillagesAsync(places, new Grpc.Core.Metadata { { "authorization", $"Bearer {token}" } });
        }

        using var registered = await http.PostAsJsonAsync("/api/households", new
        {
            householdNumber = "E2E-WELFARE-1",
            villageCode = "420325003001",
            status = "poor",
            mainCause = "illness",
            registeredYear = 2015,
            members = new object[]
            {
                new { idNumber = ResidentIdNumber.Create("420325", new DateOnly(1962, 8, 8), 521).Value, name = "谢明山", relation = "户主" },
                new { idNumber = ResidentIdNumber.Create("420325", new DateOnly(1965, 2, 2), 522).Value, name = "王翠兰", relation = "配偶" },
            },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var household = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

        // The welfare pillar follows the household: its members, not insured yet, so the guarantee is not met.
        var file = JsonDocument.Parse(await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await http.GetAsync(new Uri($"/api/welfare/households/{household}", UriKind.Relative));
                return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
            },
            Patience,
            "the welfare pillar follows the household")).RootElement;
        await Eventually.AssertAsync(() => BasicMedicalCareAsync(http, household, met: false), Patience, "the registry shows basic medical care assessed, not met");

        // Both members insured (资助参保): met in the registry.
        var members = file.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("member").GetProperty("id").GetGuid()).ToList();
        foreach (var member in members)
        {
            using var insured = await http.PostAsJsonAsync("/api/welfare/insurance/enrolments", new { memberId = member });
            Assert.Equal(HttpStatusCode.Created, insured.StatusCode);
        }

        await Eventually.AssertAsync(() => BasicMedicalCareAsync(http, household, met: true), Patience, "the registry shows basic medical care met");

        // The household exits by the procedure (the other pillars' reports stand in for them).
        await ExitScenario.ReportEligibleAsync(e => StreamEvents.PublishAsync(vhost, e), household);
        await ExitScenario.WaitEligibleAsync(http, household);
        await ExitScenario.ExitAsync(http, "420325003001", household);

        // The head's stay at the county hospital: 30,000 in all, 20,000 within policy.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        using var claimed = await http.PostAsJsonAsync("/api/welfare/claims", new
        {
            memberId = members[0], hospital = "房县人民医院", diagnosis = "脑梗死", admittedOn = today.AddDays(-15), dischargedOn = today.AddDays(-3), totalCost = 30_000m, withinPolicyCost = 20_000m,
            settlementNumber = "E2E-JS-0001",
        });
        Assert.Equal(HttpStatusCode.Created, claimed.StatusCode);
        var claim = JsonDocument.Parse(await claimed.Content.ReadAsStringAsync()).RootElement;
        var layers = claim.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("amount").GetDecimal()).ToList();
        Assert.Equal([13_790m, 726m, 1_645.20m, 767.76m, 1_071.04m], layers); // basic, critical illness, assistance, supplementary, 985 top-up
        Assert.Equal((18_000m, 90m, 12_000m), (claim.GetProperty("reimbursed").GetDecimal(), claim.GetProperty("withinPolicyRatio").GetDecimal(), claim.GetProperty("outOfPocket").GetDecimal()));

        // 12,000 out of pocket passes the 5,000 threshold: the registry flags the exited household (脱贫不稳定户).
        var flag = JsonDocument.Parse(await Eventually.ReturnsAsync(
            async () =>
            {
                var open = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/households/monitoring/flags?category=unstable-exited&village=420325003001", UriKind.Relative))).RootElement;
                return open.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("householdId").GetGuid() == household).Select(i => i.ToString()).FirstOrDefault();
            },
            Patience,
            "the registry flags the household for monitoring")).RootElement;
        Assert.Equal("large-expense", flag.GetProperty("trigger").GetString());
        Assert.Equal("exited", JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/households/{household}", UriKind.Relative))).RootElement.GetProperty("status").GetString());

        // 低保: no stable income this year for two people — enrolled for the gap, this month paid.
        using var applied = await http.PostAsJsonAsync("/api/welfare/assistance/applications", new { householdId = household });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var enrolment = JsonDocument.Parse(await applied.Content.ReadAsStringAsync()).RootElement.GetProperty("enrolment");
        Assert.Equal("minimum-living", enrolment.GetProperty("category").GetString());
        var monthly = enrolment.GetProperty("monthlyAmount").GetDecimal();
        var month = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        using var paid = await http.PostAsJsonAsync("/api/welfare/assistance/payments", new { month });
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        var payment = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/welfare/assistance/payments?householdId={household}", UriKind.Relative)))
            .RootElement.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid();
        var source = "assistance-payment:" + payment;

        async Task<List<JsonElement>> IncomeOfPaymentAsync() =>
            JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/households/{household}/income?year={today.Year}", UriKind.Relative)))
                .RootElement.GetProperty("records").EnumerateArray().Where(r => r.GetProperty("sourceRecordId").GetString() == source).Select(r => r.Clone()).ToList();
        await Eventually.AssertAsync(async () => (await IncomeOfPaymentAsync()).Count == 1, Patience, "the registry records the payment as the household's income");

        // The payment run asked again pays nobody twice; the event delivered twice (the same message, and the same record
        // under a new event id) is still one income record.
        using (var again = await http.PostAsJsonAsync("/api/welfare/assistance/payments", new { month }))
        {
            Assert.Equal(0, JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("paid").GetInt32());
        }

        await using (var scope = welfare.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WelfareDbContext>();
            var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.MessageType.StartsWith("Platform.Contracts.Registry.IncomeRecorded") && m.Body.Contains(source));
            var sent = JsonSerializer.Deserialize<IncomeRecorded>(row.Body, EventWire.Json)!;
            var copy = sent with { EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow };
            await StreamEvents.PublishAsync(vhost, sent);
            await StreamEvents.PublishAsync(vhost, copy);
            await Eventually.AssertAsync(
                async () =>
                {
                    await using var registryScope = households.Services.CreateAsyncScope();
                    return await registryScope.ServiceProvider.GetRequiredService<HouseholdsDbContext>().InboxMessages.AnyAsync(m => m.MessageId == copy.EventId);
                },
                Patience,
                "the registry has processed the second delivery");
        }

        var record = Assert.Single(await IncomeOfPaymentAsync());
        Assert.Equal((monthly, "transfer", true), (record.GetProperty("amount").GetDecimal(), record.GetProperty("kind").GetString(), record.GetProperty("countsTowardExit").GetBoolean()));
    }

    private static async Task<bool> BasicMedicalCareAsync(HttpClient http, Guid household, bool met)
    {
        var detail = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/households/{household}", UriKind.Relative))).RootElement;
        return detail.GetProperty("guarantees").EnumerateArray().Any(g =>
            g.GetProperty("guarantee").GetString() == "basic-medical-care" && g.GetProperty("met").GetBoolean() == met
            && g.GetProperty("source").GetString() == "welfare");
    }
}

/// <summary>
/// The demo county's social-security data through the gateway, at a small scale: every registered person insured
/// (100%), every household that meets the conditions enrolled (应保尽保: none left out), poor patients' in-county
/// within-policy inpatient costs reimbursed at 90% or more without a large expense, certificates and assessments as
/// the households' health records say; a second load changes no figure.
/// </summary>
public sealed class DemoCountyWelfareScenario : IAsyncLifetime
{
    private string vhost = string.Empty;
    private ServiceHost<Households.Program> households = null!;
    private ServiceHost<Welfare.Program> welfare = null!;
    private ServiceHost<Gateway.Program> gateway = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        vhost = (await infrastructure.CreateVirtualHostAsync("e2e_demo_welfare")).ToString();
        households = ServiceHost<Households.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("e2e_demo_wf_households"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        welfare = ServiceHost<Welfare.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:welfare"] = await infrastructure.CreateDatabaseAsync("e2e_demo_welfare"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        gateway = WelfareScenario.StartGateway(households, welfare);
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await welfare.DisposeAsync();
        await households.DisposeAsync();
        await (await TestInfrastructure.GetAsync()).ReleaseAsync(vhost, gateway, welfare, households);
    }

    [Fact]
    public async Task The_demo_countys_welfare_figures_come_back_everyone_insured_no_household_left_out_and_poor_patients_at_90_percent()
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
        var demo = new Platform.DemoCounty.DemoWelfare(generator, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
        var loader = new Platform.DemoCounty.DemoWelfareLoader(http, channel, token, TextWriter.Null) { MembersTimeout = TimeSpan.FromMinutes(2) };
        var first = await loader.LoadAsync(demo);
        Assert.False(first.AlreadyLoaded);
        foreach (var (feed, summary) in new[]
                 {
                     ("insurance", first.Insurance!), ("means checks", first.MeansChecks!), ("enrolments", first.Enrolments!), ("certificates", first.Certificates!),
                     ("disabilities", first.Disabilities!), ("claims", first.Claims!), ("payouts", first.Payouts!),
                 })
        {
            Assert.True(summary.Rejected == 0, $"{feed}: {string.Join("; ", summary.Rejections.Take(3).Select(r => $"{r.Field} {r.Reason}"))}");
        }

        Assert.Equal(0, first.Claims!.LargeExpenses);
        var figures = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/welfare/figures", UriKind.Relative))).RootElement;
        var insurance = figures.GetProperty("insurance");
        Assert.Equal((generator.PeopleCount, 100m), (insurance.GetProperty("insured").GetInt32(), insurance.GetProperty("percent").GetDecimal()));
        Assert.Equal(generator.HouseholdCount, insurance.GetProperty("guaranteeMet").GetInt32());
        var conditions = figures.GetProperty("assistance").GetProperty("conditions");
        Assert.Equal(0, conditions.GetProperty("notEnrolled").GetInt32());
        var enrolled = figures.GetProperty("assistance").GetProperty("categories").EnumerateArray().Sum(c => c.GetProperty("households").GetInt32());
        Assert.Equal(conditions.GetProperty("qualifying").GetInt32(), enrolled);
        Assert.Equal(demo.Enrolments().Count(), enrolled);
        var ratio = figures.GetProperty("reimbursementRatio");
        Assert.True(ratio.GetProperty("met").GetBoolean());
        Assert.InRange(ratio.GetProperty("percent").GetDecimal(), 90m, 92m);
        Assert.Equal(demo.Certificates().Count(), figures.GetProperty("certificates").GetProperty("active").GetInt32());
        Assert.Equal(demo.Disabilities().Count(), figures.GetProperty("disabilities").GetProperty("people").GetInt32());
        Assert.Equal(generator.HouseholdCount, figures.GetProperty("protection").GetProperty("coveredHouseholds").GetInt32());

        // The campaign registers households the welfare data does not cover (monitored at the edge, uninsured here):
        // a second start must still see the demo's data as loaded and send nothing (it sent every feed again before).
        var edge = generator.AtTheEdge();
        using (var registry = new Platform.DemoCounty.DemoCountyLoader(new HouseholdRegistry.HouseholdRegistryClient(channel), token))
        {
            Assert.Equal(0, (await registry.LoadAsync(edge.Select(h => h.ToRecord()), edge.Count)).Rejected);
        }

        var edgePeople = edge.Sum(h => h.Members.Count);
        var year = demo.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.AssertAsync(
            async () => JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/welfare/insurance/uninsured?year={year}&pageSize=1", UriKind.Relative))).RootElement.GetProperty("total").GetInt32() == edgePeople,
            TimeSpan.FromMinutes(1),
            "the welfare pillar knows the people of the households at the edge, uninsured");
        figures = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/welfare/figures", UriKind.Relative))).RootElement;

        var second = await loader.LoadAsync(demo);
        Assert.True(second.AlreadyLoaded);
        Assert.Equal(figures.ToString(), JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/welfare/figures", UriKind.Relative))).RootElement.ToString());
    }
}
