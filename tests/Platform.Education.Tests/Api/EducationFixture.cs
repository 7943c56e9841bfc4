using System.Text.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Education;
using Platform.Contracts.Grpc.Education.V1;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Education.Data;
using Platform.Messaging.Stream;
using Platform.Testing;

namespace Platform.Education.Tests.Api;

/// <summary>
/// The education pillar as it runs: real Kestrel (REST and h2c gRPC), its own PostgreSQL database
/// and RabbitMQ virtual host, and an observer standing for the registry and the other pillars — a tap on
/// the stream of the events the pillar publishes.
/// </summary>
public sealed class EducationFixture : IAsyncLifetime
{
    private EventStreamClient? stream;
    private EventTap? observer;

    public ServiceHost<Program> Host { get; private set; } = null!;

    public TestInfrastructure Infrastructure { get; private set; } = null!;

    public Uri VirtualHost { get; private set; } = null!;

    public string DatabaseConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Infrastructure = await TestInfrastructure.GetAsync();
        DatabaseConnectionString = await Infrastructure.CreateDatabaseAsync("education");
        var database = DatabaseConnectionString;
        VirtualHost = await Infrastructure.CreateVirtualHostAsync("education");
        Host = ServiceHost<Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:education"] = database,
            ["ConnectionStrings:rabbitmq"] = VirtualHost.ToString(),
        });

        stream = await EventStreamClient.ConnectAsync(VirtualHost, "education-tests");
        observer = await stream.TapAsync([typeof(GuaranteeAssessed), typeof(IncomeRecorded), typeof(TrainingCompleted)]);
    }

    /// <summary>Guarantee assessments the pillar reported, as the registry receives them.</summary>
    public IReadOnlyList<GuaranteeAssessed> Assessments => observer!.Of<GuaranteeAssessed>();

    /// <summary>Income records the pillar reported, as the registry receives them.</summary>
    public IReadOnlyList<IncomeRecorded> Incomes => observer!.Of<IncomeRecorded>();

    /// <summary>Training completions, as another pillar (industry) receives them.</summary>
    public IReadOnlyList<TrainingCompleted> Completions => observer!.Of<TrainingCompleted>();

    /// <summary>Waits until the pillar's outbox is published and every queue is empty; returns what waits in error queues.</summary>
    public async Task<long> DrainAsync() =>
        await StreamDrain.WaitAsync(Infrastructure, VirtualHost, TimeSpan.FromSeconds(60), DatabaseConnectionString);

    public async Task DisposeAsync()
    {
        if (observer is not null)
        {
            await observer.DisposeAsync();
        }

        if (stream is not null)
        {
            await stream.DisposeAsync();
        }

        await Host.DisposeAsync();
        await Infrastructure.ReleaseAsync(VirtualHost, Host);
    }

    /// <summary>Publishes a registry event on the pillar's bus, with the event id as the message id (as the outbox does).</summary>
    public Task PublishAsync<T>(T message)
        where T : class, Contracts.IIntegrationEvent =>
        StreamEvents.PublishAsync(VirtualHost, message);

    /// <summary>Waits for the pillar's assessment of a household's compulsory-education guarantee made by a dropout case.</summary>
    public Task<GuaranteeAssessed> AssessmentAsync(Guid householdId, bool met) =>
        Eventually.ReturnsAsync(
            () => Task.FromResult(Assessments.FirstOrDefault(a => a.HouseholdId == householdId && a.Met == met && a.SourceRecordId.StartsWith("dropout-case:", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30),
            $"the registry receives the guarantee of {householdId} assessed {(met ? "met" : "not met")}");

    /// <summary>Reads the pillar's database directly (to show that nothing was written).</summary>
    public async Task<T> QueryAsync<T>(Func<EducationDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<EducationDbContext>());
    }

    /// <summary>Rows of the outbox, all events the pillar has committed.</summary>
    public Task<int> OutboxCountAsync() => QueryAsync(db => db.OutboxMessages.CountAsync());

    /// <summary>Registers a household (a head and the given members) and waits until the pillar knows its <paramref name="students"/> students.</summary>
    public async Task<HouseholdRegistered> RegisterAsync(HttpClient client, string village, int students, params MemberSnapshot[] members)
    {
        ArgumentNullException.ThrowIfNull(client);
        var registered = Registry.Registered([Registry.Member("户主", Registry.BornAged(41), "陈建国"), .. members]) with { VillageCode = village, TownshipCode = village[..9] };
        await PublishAsync(registered);
        await Eventually.AssertAsync(
            async () =>
            {
                using var response = await client.GetAsync(new Uri($"/api/education/households/{registered.HouseholdId}/students", UriKind.Relative));
                return response.IsSuccessStatusCode
                    && JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetArrayLength() == students;
            },
            TimeSpan.FromSeconds(30),
            "the pillar knows the household's students");
        return registered;
    }

    /// <summary>Streams school rolls to the pillar's gRPC import as the county office.</summary>
    public async Task<SchoolRollSummary> ImportRollsAsync(params SchoolRollRecord[] records)
    {
        using var channel = Host.CreateGrpcChannel(TestTokens.CountyOffice());
        using var call = new SchoolRolls.SchoolRollsClient(channel).ImportSchoolRolls();
        foreach (var record in records)
        {
            await call.RequestStream.WriteAsync(record);
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }

    /// <summary>A school roll saying the member is enrolled in a stage and grade.</summary>
    public static SchoolRollRecord Enrolled(MemberSnapshot member, string stage, int grade, bool boarding = false) => new()
    {
        ClientRef = member.Name, IdNumber = member.IdNumber, Name = member.Name, SchoolCode = "2142032501", SchoolName = "城关镇中心学校",
        Stage = stage, Grade = grade, Status = "enrolled", Boarding = boarding,
    };

    /// <summary>Streams records to a client-streaming call and returns the summary.</summary>
    public static async Task<TSummary> StreamAsync<TRecord, TSummary>(AsyncClientStreamingCall<TRecord, TSummary> call, params TRecord[] records)
    {
        ArgumentNullException.ThrowIfNull(call);
        foreach (var record in records)
        {
            await call.RequestStream.WriteAsync(record);
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }
}
