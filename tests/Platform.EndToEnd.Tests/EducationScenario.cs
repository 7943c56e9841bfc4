using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.People;
using Platform.Contracts.Registry;
using Platform.DemoCounty;
using Platform.Education.Data;
using Platform.Households.Data;
using Platform.Messaging.Outbox;
using Platform.Messaging.Stream;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The education pillar and the registry together, through the gateway: a 12-year-old out of school
/// makes the household's compulsory-education guarantee unmet in the registry; back at school, met.
/// </summary>
public sealed class EducationScenario : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private ServiceHost<Households.Program> households = null!;
    private ServiceHost<Education.Program> education = null!;
    private ServiceHost<Gateway.Program> gateway = null!;
    private string vhost = string.Empty;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        vhost = (await infrastructure.CreateVirtualHostAsync("e2e_education")).ToString();
        households = ServiceHost<Households.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("e2e_edu_households"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        education = ServiceHost<Education.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:education"] = await infrastructure.CreateDatabaseAsync("e2e_education"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        gateway = StartGateway(households, education);
    }

    /// <summary>A gateway in front of both services (its configuration routes every education gRPC service).</summary>
    internal static ServiceHost<Gateway.Program> StartGateway(ServiceHost<Households.Program> households, ServiceHost<Education.Program> education)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:education:Destinations:primary:Address"] = education.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:education-grpc:Destinations:primary:Address"] = education.GrpcAddress.ToString(),
        };
        return PlatformFixture.StartGateway(households, settings);
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await education.DisposeAsync();
        await households.DisposeAsync();
        await (await TestInfrastructure.GetAsync()).ReleaseAsync(vhost, gateway, education, households);
    }

    [Fact]
    public async Task A_child_out_of_school_breaks_the_guarantee_in_the_registry_and_returning_mends_it()
    {
        var token = await PlatformFixture.TokenAsync(gateway);
        using var http = gateway.CreateHttpClient(token);
        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(gateway.GrpcAddress, token: null);
        var headers = new Grpc.Core.Metadata { { "authorization", $"Bearer {token}" } };
        var places = new ImportVillagesRequest { Townships = { new TownshipRecord { Code = "420325001", Name = "城关镇" } } };
        places.Villages.Add(new VillageRecord { Code = "420325001001", Name = "东城村", TownshipCode = "420325001", RuralPopulation = 900 });
        await new HouseholdRegistry.HouseholdRegistryClient(channel).ImportVillagesAsync(places, headers);

        var child = ResidentIdNumber.Create("420325", new DateOnly(DateTime.UtcNow.Year - 12, 3, 1), 413).Value;
        var registered = await http.PostAsJsonAsync("/api/households", new
        {
            householdNumber = "E2E-EDU-1",
            villageCode = "420325001001",
            status = "poor",
            mainCause = "schooling",
            registeredYear = 2016,
            members = new object[]
            {
                new { idNumber = ResidentIdNumber.Create("420325", new DateOnly(1980, 5, 5), 411).Value, name = "刘大海", relation = "户主" },
                new { idNumber = child, name = "刘小海", relation = "之子" },
            },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var household = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        // The education pillar learns of the child from the registry's event.
        await Eventually.AssertAsync(
            async () => JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/education/households/{household}/students", UriKind.Relative)))
                .RootElement.GetArrayLength() == 1,
            Patience,
            "the education pillar knows the child");

        var rolls = new SchoolRolls.SchoolRollsClient(channel);
        using (var call = rolls.ImportSchoolRolls(headers))
        {
            await call.RequestStream.WriteAsync(new SchoolRollRecord
            {
                ClientRef = "roll-1", IdNumber = child, Name = "刘小海", SchoolName = "城关镇中心学校", Stage = "junior", Grade = 1,
                Status = "not-enrolled", Note = "适龄未入学",
                AdministrativeOfficer = new Contracts.Grpc.Education.V1.ResponsiblePerson { Name = "张镇长", Position = "乡镇长" },
                EducationOfficer = new Contracts.Grpc.Education.V1.ResponsiblePerson { Name = "李校长", Position = "校长" },
            });
            await call.RequestStream.CompleteAsync();
            var summary = await call;
            Assert.Equal((1, 1), (summary.Accepted, summary.CasesOpened));
        }

        await Eventually.AssertAsync(() => GuaranteeMetAsync(http, household!, expected: false), Patience, "the registry shows compulsory education unmet");

        using (var call = rolls.ImportSchoolRolls(headers))
        {
            await call.RequestStream.WriteAsync(new SchoolRollRecord
            {
                ClientRef = "roll-2", IdNumber = child, Name = "刘小海", SchoolCode = "2142032501", SchoolName = "城关镇中心学校",
                Stage = "junior", Grade = 1, Status = "enrolled",
            });
            await call.RequestStream.CompleteAsync();
            Assert.Equal(1, (await call).CasesClosed);
        }

        await Eventually.AssertAsync(() => GuaranteeMetAsync(http, household!, expected: true), Patience, "the registry shows compulsory education met again");
    }

    [Fact]
    public async Task A_grant_reaches_the_household_s_income_in_the_registry_exactly_once_even_when_delivered_twice()
    {
        var token = await PlatformFixture.TokenAsync(gateway);
        using var http = gateway.CreateHttpClient(token);
        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(gateway.GrpcAddress, token: null);
        var headers = new Grpc.Core.Metadata { { "authorization", $"Bearer {token}" } };
        var places = new ImportVillagesRequest { Townships = { new TownshipRecord { Code = "420325002", Name = "军店镇" } } };
        places.Villages.Add(new VillageRecord { Code = "420325002001", Name = "下店村", TownshipCode = "420325002", RuralPopulation = 800 });
        await new HouseholdRegistry.HouseholdRegistryClient(channel).ImportVillagesAsync(places, headers);

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var schoolYear = new DateOnly(today.Month >= 9 ? today.Year : today.Year - 1, 9, 1);
        var child = ResidentIdNumber.Create("420325", schoolYear.AddYears(-16).AddMonths(-3), 415).Value; // 16: vocational grade 2
        using var registered = await http.PostAsJsonAsync("/api/households", new
        {
            householdNumber = "E2E-EDU-2",
            villageCode = "420325002001",
            status = "poor",
            mainCause = "schooling",
            registeredYear = 2016,
            members = new object[]
            {
                new { idNumber = ResidentIdNumber.Create("420325", new DateOnly(1978, 4, 4), 417).Value, name = "吴大江", relation = "户主" },
                new { idNumber = child, name = "吴小江", relation = "之子" },
            },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var household = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var student = (await Eventually.ReturnsAsync(
            async () => JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/education/households/{household}/students", UriKind.Relative)))
                .RootElement.EnumerateArray().Select(s => (string?)s.GetProperty("id").GetString()).FirstOrDefault(),
            Patience,
            "the education pillar knows the student"))!;

        using (var call = new SchoolRolls.SchoolRollsClient(channel).ImportSchoolRolls(headers))
        {
            await call.RequestStream.WriteAsync(new SchoolRollRecord
            {
                ClientRef = "v", IdNumber = child, Name = "吴小江", SchoolCode = "2142032599", SchoolName = "房县职业技术学校", Stage = "vocational", Grade = 2, Status = "enrolled",
            });
            await call.RequestStream.CompleteAsync();
            Assert.Equal(1, (await call).Accepted);
        }

        // 雨露计划 through the gateway; a retry with the same Idempotency-Key is the same grant.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/education/aid/grants") { Content = JsonContent.Create(new { policy = "rain-dew", studentId = student }) };
        request.Headers.Add("Idempotency-Key", "e2e-rain-dew-1");
        using var created = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var grant = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var grantId = grant.GetProperty("id").GetString()!;
        var amount = grant.GetProperty("amount").GetDecimal();
        var year = grant.GetProperty("term").GetString()![..4];

        async Task<List<JsonElement>> IncomeOfGrantAsync() =>
            JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/households/{household}/income?year={year}", UriKind.Relative)))
                .RootElement.GetProperty("records").EnumerateArray().Where(r => r.GetProperty("sourceRecordId").GetString() == grantId).ToList();
        await Eventually.AssertAsync(async () => (await IncomeOfGrantAsync()).Count == 1, Patience, "the registry records the grant as income");

        // Delivered twice: the very message again (same message id), and the same record under a new event id.
        await using (var scope = education.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EducationDbContext>();
            var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.MessageType.StartsWith("Platform.Contracts.Registry.IncomeRecorded") && m.Body.Contains(grantId));
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

        var records = await IncomeOfGrantAsync();
        var record = Assert.Single(records);
        Assert.Equal(amount, record.GetProperty("amount").GetDecimal());
        Assert.Equal("transfer", record.GetProperty("kind").GetString());
        Assert.False(record.GetProperty("countsTowardExit").GetBoolean());
        var income = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/households/{household}/income?year={year}", UriKind.Relative))).RootElement;
        Assert.Equal(amount, income.GetProperty("total").GetProperty("transfer").GetDecimal());
        Assert.Equal(0m, income.GetProperty("stable").GetProperty("transfer").GetDecimal());
    }

    private static async Task<bool> GuaranteeMetAsync(HttpClient http, string household, bool expected)
    {
        var detail = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/households/{household}", UriKind.Relative))).RootElement;
        return detail.GetProperty("guarantees").EnumerateArray().Any(g =>
            g.GetProperty("guarantee").GetString() == "compulsory-education" && g.GetProperty("met").GetBoolean() == expected);
    }
}

/// <summary>
/// The demo county's education data through the gateway, at a small scale: the figures come back as the
/// seed county reports them (42 village kindergartens, 12 care centres, 9,701 training person-times),
/// every entitled student has this term's aid, and a second load changes nothing.
/// </summary>
public sealed class DemoCountyEducationScenario : IAsyncLifetime
{
    private string vhost = string.Empty;
    private ServiceHost<Households.Program> households = null!;
    private ServiceHost<Education.Program> education = null!;
    private ServiceHost<Gateway.Program> gateway = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        vhost = (await infrastructure.CreateVirtualHostAsync("e2e_demo_education")).ToString();
        households = ServiceHost<Households.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("e2e_demo_households"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        education = ServiceHost<Education.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:education"] = await infrastructure.CreateDatabaseAsync("e2e_demo_education"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        gateway = EducationScenario.StartGateway(households, education);
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await education.DisposeAsync();
        await households.DisposeAsync();
        await (await TestInfrastructure.GetAsync()).ReleaseAsync(vhost, gateway, education, households);
    }

    [Fact]
    public async Task The_demo_county_s_education_figures_come_back_42_kindergartens_12_care_centres_9701_person_times()
    {
        var token = await PlatformFixture.TokenAsync(gateway);
        var generator = new DemoCountyGenerator(scale: 0.01);
        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(gateway.GrpcAddress, token: null);
        using (var registry = new DemoCountyLoader(new HouseholdRegistry.HouseholdRegistryClient(channel), token))
        {
            await registry.SeedVillagesAsync(DemoCountyGenerator.County());
            Assert.Equal(0, (await registry.LoadAsync(generator.Records(), generator.HouseholdCount)).Rejected);
        }

        using var http = gateway.CreateHttpClient(token);
        var demo = new DemoEducation(generator, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
        var loader = new DemoEducationLoader(http, channel, token, TextWriter.Null) { StudentsTimeout = TimeSpan.FromMinutes(2) };
        var first = await loader.LoadAsync(demo);
        Assert.False(first.AlreadyLoaded);
        Assert.Equal((0, demo.SchoolRolls().Count()), (first.Rolls!.Rejected, first.Rolls.Accepted));
        Assert.Equal(0, first.Grants!.Rejected);
        Assert.Equal((0, DemoEducation.TrainingPersonTimes), (first.Training!.Rejected, first.Training.Completed));
        Assert.Equal(DemoEducation.Kindergartens + DemoEducation.CareCentres, first.FacilitiesCreated);

        var figures = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/education/figures", UriKind.Relative))).RootElement;
        Assert.Equal(42, figures.GetProperty("kindergartens").GetInt32());
        Assert.Equal(12, figures.GetProperty("careCentres").GetInt32());
        Assert.Equal(9_701, figures.GetProperty("training").GetProperty("personTimes").GetInt32());
        Assert.Equal(demo.StudentCount, figures.GetProperty("students").GetProperty("total").GetInt32());
        Assert.Equal(demo.SchoolRolls().Count(r => r.Status == "dropped-out"), figures.GetProperty("dropoutCases").GetProperty("open").GetInt32());
        Assert.All(figures.GetProperty("aidCoverage").EnumerateArray(), policy => Assert.Equal(100m, policy.GetProperty("percent").GetDecimal()));

        var second = await loader.LoadAsync(demo);
        Assert.True(second.AlreadyLoaded);
    }
}
