using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Contracts.Relocation;
using Platform.Messaging.Stream;
using Platform.Relocation.Data;
using Platform.Testing;

namespace Platform.Relocation.Tests.Api;

/// <summary>
/// The relocation pillar as it runs: real Kestrel (REST, and gRPC over h2c), its own PostgreSQL database and
/// RabbitMQ virtual host, the registry's events published as the registry's outbox would, and a tap standing
/// for the registry and the other pillars on what the pillar publishes.
/// </summary>
public sealed class RelocationFixture : IAsyncLifetime
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
        DatabaseConnectionString = await Infrastructure.CreateDatabaseAsync("relocation");
        VirtualHost = await Infrastructure.CreateVirtualHostAsync("relocation");
        Host = ServiceHost<Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:relocation"] = DatabaseConnectionString,
            ["ConnectionStrings:rabbitmq"] = VirtualHost.ToString(),
        });
        stream = await EventStreamClient.ConnectAsync(VirtualHost, "relocation-tests");
        observer = await stream.TapAsync([typeof(GuaranteeAssessed), typeof(IncomeRecorded), typeof(HouseholdRelocated)]);
    }

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

    public IReadOnlyList<GuaranteeAssessed> Assessments => observer!.Of<GuaranteeAssessed>();

    public IReadOnlyList<IncomeRecorded> Incomes => observer!.Of<IncomeRecorded>();

    public IReadOnlyList<HouseholdRelocated> Relocations => observer!.Of<HouseholdRelocated>();

    /// <summary>The county office's REST client.</summary>
    public HttpClient County() => Host.CreateHttpClient(TestTokens.CountyOffice());

    public Task PublishAsync(params Contracts.IIntegrationEvent[] events) => StreamEvents.PublishAsync(VirtualHost, events);

    /// <summary>Waits until the outbox is published and every queue is empty; returns what waits in error queues.</summary>
    public Task<long> DrainAsync() => StreamDrain.WaitAsync(Infrastructure, VirtualHost, TimeSpan.FromSeconds(60), DatabaseConnectionString);

    /// <summary>Registers a household (as the registry announces it) and waits until the pillar has assessed both of its guarantees.</summary>
    public async Task<HouseholdRegistered> RegisterAsync(string village, params MemberSnapshot[] members)
    {
        var registered = People.Registered(village, members.Length > 0 ? members : [People.Member("户主", "刘大海")]);
        await PublishAsync(registered);
        await Eventually.AssertAsync(
            () => Task.FromResult(Assessments.Count(a => a.HouseholdId == registered.HouseholdId) >= 2),
            TimeSpan.FromSeconds(30),
            "the pillar assesses the new household's housing and water");
        return registered;
    }

    /// <summary>The latest assessment of a guarantee the registry heard for a household.</summary>
    public GuaranteeAssessed? Latest(Guid household, Guarantee guarantee) =>
        Assessments.Where(a => a.HouseholdId == household && a.Guarantee == guarantee).OrderBy(a => a.AssessedAt).ThenBy(a => a.OccurredAt).LastOrDefault();

    /// <summary>Waits until the registry has heard the guarantee met (or not) for the household.</summary>
    public Task<GuaranteeAssessed> AssessedAsync(Guid household, Guarantee guarantee, bool met) =>
        Eventually.ReturnsAsync(
            () => Task.FromResult(Latest(household, guarantee) is { } latest && latest.Met == met ? latest : null),
            TimeSpan.FromSeconds(30),
            $"the registry hears {guarantee} of {household} {(met ? "met" : "not met")}");

    public async Task<T> QueryAsync<T>(Func<RelocationDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RelocationDbContext>());
    }

    public Task<int> OutboxCountAsync() => QueryAsync(db => db.OutboxMessages.CountAsync());

    /// <summary>Streams records to a client-streaming call over HTTP/2 and returns the summary.</summary>
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

    public static async Task<JsonElement> JsonAsync(HttpClient client, string path) =>
        (await client.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative), Json)).Clone();
}
