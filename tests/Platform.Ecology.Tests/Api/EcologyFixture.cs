using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Contracts.Ecology;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Ecology.Data;
using Platform.Messaging.Stream;
using Platform.Testing;

namespace Platform.Ecology.Tests.Api;

/// <summary>
/// The ecology pillar as it runs: real Kestrel (REST and h2c gRPC), its own PostgreSQL database and
/// RabbitMQ virtual host, and an observer standing for the registry and the other pillars — a tap on the
/// events the pillar publishes.
/// </summary>
public sealed class EcologyFixture : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private EventStreamClient? stream;
    private EventTap? observer;

    public ServiceHost<Program> Host { get; private set; } = null!;

    public TestInfrastructure Infrastructure { get; private set; } = null!;

    public Uri VirtualHost { get; private set; } = null!;

    public string DatabaseConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Infrastructure = await TestInfrastructure.GetAsync();
        DatabaseConnectionString = await Infrastructure.CreateDatabaseAsync("ecology");
        VirtualHost = await Infrastructure.CreateVirtualHostAsync("ecology");
        Host = ServiceHost<Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ecology"] = DatabaseConnectionString,
            ["ConnectionStrings:rabbitmq"] = VirtualHost.ToString(),
        });
        stream = await EventStreamClient.ConnectAsync(VirtualHost, "ecology-tests");
        observer = await stream.TapAsync([typeof(IncomeRecorded), typeof(RangerAppointed), typeof(RangerPostEnded)]);
    }

    /// <summary>Income records the pillar reported, as the registry receives them.</summary>
    public IReadOnlyList<IncomeRecorded> Incomes => observer!.Of<IncomeRecorded>();

    public IReadOnlyList<RangerAppointed> Appointments => observer!.Of<RangerAppointed>();

    public IReadOnlyList<RangerPostEnded> PostsEnded => observer!.Of<RangerPostEnded>();

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

    public HttpClient County() => Host.CreateHttpClient(TestTokens.CountyOffice());

    public Task PublishAsync(params IIntegrationEvent[] events) => StreamEvents.PublishAsync(VirtualHost, events);

    /// <summary>Waits until the pillar's outbox is published and every queue is empty; returns what waits in error queues.</summary>
    public Task<long> DrainAsync() => StreamDrain.WaitAsync(Infrastructure, VirtualHost, TimeSpan.FromSeconds(60), DatabaseConnectionString);

    public async Task<T> QueryAsync<T>(Func<EcologyDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<EcologyDbContext>());
    }

    /// <summary>Every row the pillar wrote of its own (not the replica, inbox or audit): what a refused call must leave unchanged.</summary>
    public Task<(int Posts, int Patrols, int Pay, int Payments, int Projects, int Incomes, int Quotas, int Outbox)> RowsAsync() =>
        QueryAsync(async db => (
            await db.RangerPosts.CountAsync(), await db.Patrols.CountAsync(), await db.RangerPay.CountAsync(), await db.CompensationPayments.CountAsync(),
            await db.Projects.CountAsync(), await db.ProjectIncomes.CountAsync(), await db.RangerQuotas.CountAsync(), await db.OutboxMessages.CountAsync()));

    /// <summary>Publishes the household and waits until the pillar knows its members.</summary>
    public async Task<HouseholdRegistered> RegisterAsync(HouseholdRegistered household)
    {
        ArgumentNullException.ThrowIfNull(household);
        await PublishAsync(household);
        await Eventually.AssertAsync(
            async () => await QueryAsync(db => db.ReplicaMembers.CountAsync(m => m.HouseholdId == household.HouseholdId)) == household.Members.Count,
            TimeSpan.FromSeconds(30),
            "the pillar knows the household");
        return household;
    }

    /// <summary>Sets a township's quota for a year as the county office.</summary>
    public async Task QuotaAsync(int year, string township, int posts)
    {
        using var county = County();
        using var response = await county.PutAsJsonAsync(new Uri($"/api/ecology/rangers/quotas/{year}/{township}", UriKind.Relative), new { posts });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Selects a ranger as the county office and returns the post.</summary>
    public async Task<JsonElement> SelectAsync(Guid memberId, int year, string? startsOn = null)
    {
        using var county = County();
        using var response = await county.PostAsJsonAsync(new Uri("/api/ecology/rangers", UriKind.Relative), new { memberId, year, startsOn, patrolArea = "后山林区", areaMu = 1500 });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Streams records to a client-streaming call and returns the summary.</summary>
    public static async Task<TSummary> StreamAsync<TRecord, TSummary>(global::Grpc.Core.AsyncClientStreamingCall<TRecord, TSummary> call, params TRecord[] records)
    {
        ArgumentNullException.ThrowIfNull(call);
        using (call)
        {
            foreach (var record in records)
            {
                await call.RequestStream.WriteAsync(record);
            }

            await call.RequestStream.CompleteAsync();
            return await call;
        }
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
