using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Messaging.Stream;
using Platform.Testing;
using Platform.Welfare.Data;

namespace Platform.Welfare.Tests.Api;

/// <summary>
/// Two instances of the welfare pillar on one machine sharing its stream (Messaging:Stream:InstanceIndex 0 and 1 of 2),
/// as two replicas would in a cluster: each reads its own half of the shards, and the county's events are applied
/// in each household's order, once each.
/// </summary>
public sealed class InstancesTests
{
    private static readonly string[] Villages = ["420325001002", "420325002001", "420325003004"];

    private static int OwnerOf(Guid household) => EventTopology.ShardOf(PartitionKeys.Household(household)) % 2;

    private static ServiceHost<Program> StartInstance(string database, Uri virtualHost, int index) => ServiceHost<Program>.Start(new Dictionary<string, string?>
    {
        ["ConnectionStrings:welfare"] = database,
        ["ConnectionStrings:rabbitmq"] = virtualHost.ToString(),
        ["Messaging:Stream:InstanceIndex"] = index.ToString(CultureInfo.InvariantCulture),
        ["Messaging:Stream:InstanceCount"] = "2",
        // Longer than the test: neither instance stands in for the other while both are up.
        ["Messaging:Stream:TakeOverDelay"] = "00:05:00",
    });

    [Fact]
    public async Task Two_instances_of_the_pillar_divide_its_stream_and_apply_each_household_s_events_in_order_once_each()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var database = await infrastructure.CreateDatabaseAsync("welfare-instances");
        var virtualHost = await infrastructure.CreateVirtualHostAsync("welfare-instances");
        await using var first = StartInstance(database, virtualHost, 0); // migrates the database before the second starts
        await using var second = StartInstance(database, virtualHost, 1);

        var registrations = Enumerable.Range(0, 40).Select(_ => WelfareFixture.Household(Villages[0], WelfareFixture.Member("户主", 45, "周大成"))).ToList();
        Assert.Contains(registrations, r => OwnerOf(r.HouseholdId) == 0);
        Assert.Contains(registrations, r => OwnerOf(r.HouseholdId) == 1);
        var events = new List<IIntegrationEvent>();
        foreach (var registered in registrations)
        {
            var id = registered.HouseholdId;
            var now = DateTimeOffset.UtcNow;
            // A member added right after the registration is set aside if applied before it: the order shows.
            events.AddRange(
            [
                registered,
                new HouseholdMemberAdded { EventId = Guid.NewGuid(), HouseholdId = id, OccurredAt = now, Reason = MemberAdditionReason.Born, Member = WelfareFixture.Member("之子", 3, "周小成") },
                Moved(id, Villages[0], Villages[1]),
                Status(id, HouseholdStatus.Poor, HouseholdStatus.Exited),
                Moved(id, Villages[1], Villages[2]),
                Status(id, HouseholdStatus.Exited, HouseholdStatus.Monitored),
            ]);
        }

        await StreamEvents.PublishAsync(virtualHost, [.. events]);

        Assert.Equal(0, await StreamDrain.WaitAsync(infrastructure, virtualHost, WelfareFixture.Patience, database));
        await using var scope = first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WelfareDbContext>();
        var ids = registrations.Select(r => r.HouseholdId).ToList();
        var households = await db.ReplicaHouseholds.Where(h => ids.Contains(h.Id)).ToListAsync();
        Assert.Equal(40, households.Count);
        Assert.All(households, h => Assert.Equal((Villages[2], HouseholdStatus.Monitored), (h.VillageCode, h.Status)));
        Assert.Equal(80, await db.ReplicaMembers.CountAsync(m => ids.Contains(m.HouseholdId)));
        var messageIds = events.Select(e => e.EventId).ToList();
        Assert.Equal(events.Count, await db.InboxMessages.CountAsync(m => messageIds.Contains(m.MessageId)));

        // Which instance reads each shard, from the broker: the owner of every shard, so both instances applied their
        // households. The management API's view lags (its statistics come every few seconds, and a shard handed back at
        // a batch boundary has no active consumer for a moment): waited for, not read once.
        Dictionary<string, string> active = [];
        await Eventually.AssertAsync(
            async () =>
            {
                active = await ActiveConsumersAsync(infrastructure, virtualHost);
                return Enumerable.Range(0, EventTopology.ShardCount)
                    .All(shard => active.GetValueOrDefault(EventTopology.QueueName("welfare", shard)) == $"welfare-instance-{shard % 2}");
            },
            WelfareFixture.Patience,
            "every shard read by its owner");
        for (var shard = 0; shard < EventTopology.ShardCount; shard++)
        {
            Assert.Equal($"welfare-instance-{shard % 2}", active.GetValueOrDefault(EventTopology.QueueName("welfare", shard)));
        }
    }

    private static HouseholdMoved Moved(Guid household, string from, string to) => new()
    {
        EventId = Guid.NewGuid(), HouseholdId = household, OccurredAt = DateTimeOffset.UtcNow,
        PreviousVillageCode = from, VillageCode = to, TownshipCode = to[..9], Reason = "易地扶贫搬迁",
    };

    private static HouseholdStatusChanged Status(Guid household, HouseholdStatus from, HouseholdStatus to) => new()
    {
        EventId = Guid.NewGuid(), HouseholdId = household, OccurredAt = DateTimeOffset.UtcNow, PreviousStatus = from, Status = to, Reason = "动态调整",
    };

    /// <summary>The consumer tag of each queue's active (single-active) consumer, from the broker's management API.</summary>
    private static async Task<Dictionary<string, string>> ActiveConsumersAsync(TestInfrastructure infrastructure, Uri virtualHost)
    {
        using var http = new HttpClient { BaseAddress = infrastructure.RabbitMqManagementUri };
        var credentials = Uri.UnescapeDataString(virtualHost.UserInfo);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        var vhost = RabbitMqManagement.Escape(TestInfrastructure.VirtualHostOf(virtualHost));
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri($"api/consumers/{vhost}", UriKind.Relative)));
        return document.RootElement.EnumerateArray()
            .Where(consumer => consumer.TryGetProperty("active", out var isActive) && isActive.GetBoolean())
            .ToDictionary(consumer => consumer.GetProperty("queue").GetProperty("name").GetString()!, consumer => consumer.GetProperty("consumer_tag").GetString()!);
    }
}
