using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Contracts.People;
using Platform.Contracts.Registry;
using Platform.Contracts.Welfare;
using Platform.Messaging.Stream;
using Platform.Testing;
using Platform.Welfare.Data;

namespace Platform.Welfare.Tests.Api;

/// <summary>
/// The welfare pillar as it runs: real Kestrel (REST and h2c gRPC), its own PostgreSQL database and RabbitMQ
/// virtual host, a stand-in for the registry that publishes its events, and a tap of what the pillar reports.
/// </summary>
public sealed class WelfareFixture : IAsyncLifetime
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static int sequence = 200;
    private EventStreamClient? stream;
    private EventTap? tap;

    public ServiceHost<Program> Host { get; private set; } = null!;

    public TestInfrastructure Infrastructure { get; private set; } = null!;

    public Uri VirtualHost { get; private set; } = null!;

    public string Database { get; private set; } = string.Empty;

    /// <summary>The county's date, as the pillar sees it.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    public async Task InitializeAsync()
    {
        Infrastructure = await TestInfrastructure.GetAsync();
        Database = await Infrastructure.CreateDatabaseAsync("welfare");
        VirtualHost = await Infrastructure.CreateVirtualHostAsync("welfare");
        Host = ServiceHost<Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:welfare"] = Database,
            ["ConnectionStrings:rabbitmq"] = VirtualHost.ToString(),
        });
        stream = await EventStreamClient.ConnectAsync(VirtualHost, "welfare-tests");
        tap = await stream.TapAsync(
        [
            typeof(GuaranteeAssessed), typeof(IncomeRecorded), typeof(LargeExpenseReported), typeof(MemberHealthAssessed), typeof(SocialAssistanceGranted), typeof(SocialAssistanceEnded),
        ]);
    }

    public async Task DisposeAsync()
    {
        if (tap is not null)
        {
            await tap.DisposeAsync();
        }

        if (stream is not null)
        {
            await stream.DisposeAsync();
        }

        await Host.DisposeAsync();
        await Infrastructure.ReleaseAsync(VirtualHost, Host);
    }

    /// <summary>What the pillar published, as the registry and the other pillars receive it.</summary>
    public IReadOnlyList<T> Published<T>()
        where T : class, IIntegrationEvent => tap!.Of<T>();

    public Task PublishAsync(params IIntegrationEvent[] events) => StreamEvents.PublishAsync(VirtualHost, events);

    /// <summary>Waits until the outbox is published and every queue is empty; returns what waits in error queues.</summary>
    public Task<long> DrainAsync() => StreamDrain.WaitAsync(Infrastructure, VirtualHost, Patience, Database);

    public async Task<T> QueryAsync<T>(Func<WelfareDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<WelfareDbContext>());
    }

    public HttpClient County() => Host.CreateHttpClient(TestTokens.CountyOffice());

    public Task<int> OutboxCountAsync() => QueryAsync(db => db.OutboxMessages.CountAsync());

    /// <summary>A member of a household as the registry announces them, with an ID number no other test uses.</summary>
    public static MemberSnapshot Member(string relation, int age, string name, string labour = "normal", string health = "healthy", int? disability = null)
    {
        var birth = Today.AddYears(-age).AddDays(-40);
        var next = Interlocked.Increment(ref sequence);
        return new MemberSnapshot
        {
            MemberId = Guid.NewGuid(),
            IdNumber = ResidentIdNumber.Create("420325", birth.AddDays(-(next / 500)), (next % 500) + 100).Value,
            Name = name,
            Sex = next % 2 == 0 ? Sex.Female : Sex.Male,
            BirthDate = birth,
            Relation = relation,
            Health = health,
            DisabilityGrade = disability,
            LabourAbility = labour,
        };
    }

    public static HouseholdRegistered Household(string village, params MemberSnapshot[] members) => new()
    {
        EventId = Guid.NewGuid(),
        HouseholdId = Guid.NewGuid(),
        OccurredAt = DateTimeOffset.UtcNow,
        HouseholdNumber = "W" + Interlocked.Increment(ref sequence).ToString("D8", CultureInfo.InvariantCulture),
        TownshipCode = village[..9],
        VillageCode = village,
        Status = HouseholdStatus.Poor,
        Members = members,
    };

    /// <summary>Registers a household with the registry's event and waits until the pillar follows it.</summary>
    public async Task<HouseholdRegistered> RegisterAsync(string village, params MemberSnapshot[] members)
    {
        var registered = Household(village, members);
        await PublishAsync(registered);
        await FollowedAsync(registered.HouseholdId);
        return registered;
    }

    public async Task FollowedAsync(Guid householdId)
    {
        using var county = County();
        await Eventually.AssertAsync(
            async () => (await county.GetAsync(new Uri($"/api/welfare/households/{householdId}", UriKind.Relative))).IsSuccessStatusCode,
            Patience,
            "the pillar follows the household");
    }

    /// <summary>Insures members this year through REST (county office).</summary>
    public async Task InsureAsync(params MemberSnapshot[] members)
    {
        using var county = County();
        foreach (var member in members)
        {
            using var response = await county.PostAsJsonAsync("/api/welfare/insurance/enrolments", new { memberId = member.MemberId });
            Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        }
    }

    /// <summary>Waits for the pillar's latest basic-medical assessment of a household to say <paramref name="met"/>.</summary>
    public Task<GuaranteeAssessed> GuaranteeAsync(Guid householdId, bool met) =>
        Eventually.ReturnsAsync(
            () => Task.FromResult(Published<GuaranteeAssessed>().LastOrDefault(a => a.HouseholdId == householdId) is { } last && last.Met == met ? last : null),
            Patience,
            $"the registry's latest basic-medical assessment of {householdId} is {(met ? "met" : "not met")}");

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await JsonAsync(response);
    }
}
