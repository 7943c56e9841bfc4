using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.People;
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

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var vhost = (await infrastructure.CreateVirtualHostAsync("e2e_education")).ToString();
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
        gateway = PlatformFixture.StartGateway(households, new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:education:Destinations:primary:Address"] = education.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:education-grpc:Destinations:primary:Address"] = education.GrpcAddress.ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await education.DisposeAsync();
        await households.DisposeAsync();
    }

    [Fact]
    public async Task A_child_out_of_school_breaks_the_guarantee_in_the_registry_and_returning_mends_it()
    {
        var token = TestTokens.CountyOffice();
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

    private static async Task<bool> GuaranteeMetAsync(HttpClient http, string household, bool expected)
    {
        var detail = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/households/{household}", UriKind.Relative))).RootElement;
        return detail.GetProperty("guarantees").EnumerateArray().Any(g =>
            g.GetProperty("guarantee").GetString() == "compulsory-education" && g.GetProperty("met").GetBoolean() == expected);
    }
}
