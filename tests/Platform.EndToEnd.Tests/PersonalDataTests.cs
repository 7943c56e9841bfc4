using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.Households;
using Platform.Contracts.People;
using Platform.Messaging.Stream;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Resident ID numbers pass through every path — REST bodies, gRPC streams, conflicts, lookups,
/// events on the bus — and none may reach a log line or a trace.
/// </summary>
public sealed class PersonalDataTests : IAsyncLifetime
{
    private readonly TelemetryRecorder recorder = new();
    private ServiceHost<Households.Program> households = null!;
    private ServiceHost<Gateway.Program> gateway = null!;
    private Uri vhost = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        vhost = await infrastructure.CreateVirtualHostAsync("pii");
        var verbose = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft"] = "Information",
            ["Logging:LogLevel:Yarp"] = "Information",
        };
        void Record(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(recorder);
        households = ServiceHost<Households.Program>.Start(
            new Dictionary<string, string?>(verbose)
            {
                ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("pii_households"),
                ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
            },
            Record);
        gateway = PlatformFixture.StartGateway(households, verbose, Record);
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await households.DisposeAsync();
        recorder.Dispose();
        await (await TestInfrastructure.GetAsync()).ReleaseAsync(vhost, gateway, households);
    }

    private static string Id(int year, int sequence) => ResidentIdNumber.Create("420325", new DateOnly(year, 3, 15), sequence).Value;

    [Fact]
    public async Task No_resident_id_number_reaches_a_log_line_or_a_trace()
    {
        await using var stream = await EventStreamClient.ConnectAsync(vhost, "pii-observer");
        await using var observer = await stream.TapAsync([typeof(HouseholdRegistered)]);
        {
            var token = await PlatformFixture.TokenAsync(gateway);
            using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(gateway.GrpcAddress, token);
            var grpc = new HouseholdRegistry.HouseholdRegistryClient(channel);
            var places = new ImportVillagesRequest { Townships = { new TownshipRecord { Code = "420325001", Name = "城关镇" } } };
            places.Villages.Add(new VillageRecord { Code = "420325001001", Name = "东城村", TownshipCode = "420325001", RuralPopulation = 900 });
            await grpc.ImportVillagesAsync(places);

            using var http = gateway.CreateHttpClient(token);
            object Member(string id, string relation) => new { idNumber = id, name = "周秀兰", relation };
            object Household(string number, params object[] members) => new
            {
                householdNumber = number, villageCode = "420325001001", status = "poor", mainCause = "illness", registeredYear = 2016, members,
            };

            var (head, spouse, stranger) = (Id(1962, 11), Id(1964, 12), Id(1990, 21));
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/households", Household("PII-1", Member(head, "户主"), Member(spouse, "配偶")))).StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsJsonAsync("/api/households", Household("PII-2", Member(head, "户主")))).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("/api/households", Household("PII-3", Member(head, "户主"), Member(head, "之子")))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/households/members/lookup", new { idNumber = spouse })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/api/households/members/lookup", new { idNumber = stranger })).StatusCode);

            using (var import = grpc.ImportHouseholds())
            {
                var accepted = new HouseholdRecord { HouseholdNumber = "PII-GRPC-1", VillageCode = "420325001001", Status = "poor", MainCause = "labour", RegisteredYear = 2017 };
                accepted.Members.Add(new MemberRecord { IdNumber = Id(1970, 31), Name = "吴长江", Relation = "户主" });
                var duplicate = new HouseholdRecord { HouseholdNumber = "PII-GRPC-2", VillageCode = "420325001001", Status = "poor", MainCause = "labour", RegisteredYear = 2017 };
                duplicate.Members.Add(new MemberRecord { IdNumber = spouse, Name = "周秀兰", Relation = "户主" });
                await import.RequestStream.WriteAsync(accepted);
                await import.RequestStream.WriteAsync(duplicate);
                await import.RequestStream.CompleteAsync();
                var summary = await import;
                Assert.Equal((1, 1), (summary.Accepted, summary.Rejected));
            }

            Assert.True((await grpc.FindMemberAsync(new FindMemberRequest { IdNumber = Id(1970, 31) })).Found);
            var refused = await Assert.ThrowsAsync<RpcException>(() => grpc.FindMemberAsync(new FindMemberRequest { IdNumber = head[..17] + "0" }).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);

            // The registered events, with every member's whole number in them, have crossed the bus.
            await Eventually.AssertAsync(
                () => Task.FromResult(observer.Of<HouseholdRegistered>().Any(r => r.HouseholdNumber == "PII-GRPC-1")),
                TimeSpan.FromSeconds(30), "the registration crossed the bus");
        }

        Assert.True(recorder.Count > 100, $"the recorder saw too little to prove anything ({recorder.Count} entries)");
        Assert.Empty(recorder.ResidentIdNumbers());
    }
}
