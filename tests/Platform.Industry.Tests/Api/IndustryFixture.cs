using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Industry.Data;
using Platform.Messaging.Stream;
using Platform.Testing;

namespace Platform.Industry.Tests.Api;

/// <summary>
/// The industry pillar as it runs: real Kestrel (REST and h2c gRPC), its own PostgreSQL database and RabbitMQ virtual
/// host, and an observer standing for the registry — a tap on the income records the pillar publishes.
/// </summary>
public sealed class IndustryFixture : IAsyncLifetime
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
        DatabaseConnectionString = await Infrastructure.CreateDatabaseAsync("industry");
        VirtualHost = await Infrastructure.CreateVirtualHostAsync("industry");
        Host = ServiceHost<Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:industry"] = DatabaseConnectionString,
            ["ConnectionStrings:rabbitmq"] = VirtualHost.ToString(),
        });
        stream = await EventStreamClient.ConnectAsync(VirtualHost, "industry-tests");
        observer = await stream.TapAsync([typeof(IncomeRecorded)]);
    }

    /// <summary>Income records the pillar reported, as the registry receives them.</summary>
    public IReadOnlyList<IncomeRecorded> Incomes => observer!.Of<IncomeRecorded>();

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

    /// <summary>Waits until the pillar's outbox is published and every queue is empty; returns what waits in error queues.</summary>
    public Task<long> DrainAsync() => StreamDrain.WaitAsync(Infrastructure, VirtualHost, TimeSpan.FromSeconds(60), DatabaseConnectionString);

    /// <summary>Publishes another service's events on the pillar's bus, with the event id as the message id (as an outbox does).</summary>
    public Task PublishAsync(params IIntegrationEvent[] events) => StreamEvents.PublishAsync(VirtualHost, events);

    /// <summary>Reads the pillar's database directly (to show what was or was not written).</summary>
    public async Task<T> QueryAsync<T>(Func<IndustryDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<IndustryDbContext>());
    }

    /// <summary>Every row the pillar holds of its own records (not the replica, not the messaging tables): "nothing written" compares these.</summary>
    public Task<int> RecordCountAsync() => QueryAsync(async db =>
        await db.Entities.CountAsync() + await db.Bases.CountAsync() + await db.Links.CountAsync() + await db.Payments.CountAsync() + await db.Projects.CountAsync()
        + await db.Employment.CountAsync() + await db.Sales.CountAsync() + await db.SaleShares.CountAsync() + await db.Income.CountAsync() + await db.OutboxMessages.CountAsync());

    /// <summary>A county office client on the REST port.</summary>
    public HttpClient County() => Host.CreateHttpClient(TestTokens.CountyOffice());

    /// <summary>Registers a household and waits until the pillar knows it.</summary>
    public async Task<HouseholdRegistered> RegisterAsync(string village = Registry.VillageCode, HouseholdStatus status = HouseholdStatus.Poor, params MemberSnapshot[] others)
    {
        var registered = Registry.Registered(village, status, others);
        await PublishAsync(registered);
        using var county = County();
        await Eventually.AssertAsync(
            async () => (await county.GetAsync(new Uri($"/api/industry/households/{registered.HouseholdId}", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            "the pillar knows the household");
        return registered;
    }

    /// <summary>Registers a market entity through the portal as the county office and returns its id.</summary>
    public async Task<Guid> EntityAsync(string kind = "cooperative", string village = Registry.VillageCode, string? code = null, string industry = "edible-fungi", string? model = null)
    {
        using var county = County();
        var workshop = kind == "workshop";
        using var response = await county.PostAsJsonAsync("/api/industry/entities", new
        {
            code = code ?? "T" + Guid.NewGuid().ToString("N")[..16],
            kind,
            name = workshop ? "城关镇香菇分拣扶贫车间" : "房县神农菌业专业合作社",
            villageCode = village,
            industry,
            model,
            workshopSite = workshop ? "central-village" : null,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("id").GetGuid();
    }

    /// <summary>Links a member to an entity through the portal as the county office and returns the link's id.</summary>
    public async Task<Guid> LinkAsync(Guid entity, MemberSnapshot member, string kind = "dividend")
    {
        using var county = County();
        using var response = await county.PostAsJsonAsync("/api/industry/links", new { entityId = entity, memberId = member.MemberId, kind, startedOn = "2019-03-01" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("id").GetGuid();
    }

    /// <summary>The income records the registry received for one of the pillar's records, waiting until <paramref name="count"/> arrived.</summary>
    public Task<List<IncomeRecorded>> IncomeOfAsync(string sourceRecordId, int count = 1) =>
        Eventually.ReturnsAsync(
            () => Task.FromResult(Incomes.Where(i => i.SourceRecordId == sourceRecordId).ToList() is { } found && found.Count >= count ? found : null),
            TimeSpan.FromSeconds(30),
            $"the registry receives {count} income record(s) of {sourceRecordId}");

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    /// <summary>Streams records to a client-streaming call and returns the summary.</summary>
    public static async Task<TSummary> StreamAsync<TRecord, TSummary>(AsyncClientStreamingCall<TRecord, TSummary> call, params TRecord[] records)
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
}
