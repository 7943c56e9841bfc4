using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Messaging.Stream;
using Platform.Testing;

namespace Platform.Messaging.Tests;

/// <summary>
/// Instances of one service dividing its stream's shards (Messaging:Stream:InstanceIndex / InstanceCount): each
/// applies its own shards' households while both are up, one takes over the other's shards when it stops and hands
/// them back when it returns, and every household's events are applied in order, once each.
/// </summary>
public sealed class InstancesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static Dictionary<string, string?> Instance(int index, TimeSpan takeOverDelay) => new()
    {
        ["Messaging:Stream:InstanceIndex"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Messaging:Stream:InstanceCount"] = "2",
        ["Messaging:Stream:TakeOverDelay"] = takeOverDelay.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The instance (of two) whose shard a household's events land in.</summary>
    private static int OwnerOf(Guid household) => EventTopology.ShardOf(PartitionKeys.Household(household)) % 2;

    /// <summary>Households of both instances' shards, as many of each.</summary>
    private static List<Guid> HouseholdsOfBothInstances(int each)
    {
        var households = new List<Guid>();
        while (households.Count(h => OwnerOf(h) == 0) < each || households.Count(h => OwnerOf(h) == 1) < each)
        {
            var household = Guid.NewGuid();
            if (households.Count(h => OwnerOf(h) == OwnerOf(household)) < each)
            {
                households.Add(household);
            }
        }

        return households;
    }

    private static async Task PublishRoundsAsync(NotesService service, IReadOnlyList<Guid> households, int from, int to)
    {
        await using var client = await EventStreamClient.ConnectAsync(service.VirtualHost, "instances-test");
        for (var position = from; position < to; position++)
        {
            foreach (var household in households)
            {
                await client.PublishAsync(NotesService.NewEvent(Guid.NewGuid(), position, household));
            }
        }
    }

    private static Task<List<AppliedNote>> AppliedAsync(NotesService service, IReadOnlyList<Guid> households) =>
        service.QueryAsync(db => db.Applied.Where(a => households.Contains(a.HouseholdId)).ToListAsync());

    /// <summary>Every household's events applied once each (no note twice) and in publish order.</summary>
    private static void AssertOnceEachInOrder(IReadOnlyList<AppliedNote> applied, IReadOnlyList<Guid> households, int positions)
    {
        Assert.Equal(applied.Count, applied.Select(a => a.NoteId).Distinct().Count());
        foreach (var household in households)
        {
            Assert.Equal(Enumerable.Range(0, positions), applied.Where(a => a.HouseholdId == household).OrderBy(a => a.AppliedOrder).Select(a => a.Position));
        }
    }

    [Fact]
    public async Task Two_instances_both_up_each_apply_their_own_shards_households_in_order_once_each()
    {
        // A long take-over delay: the second instance starts well within it, so neither ever stands in for the other.
        await using var first = await NotesService.StartAsync(Instance(0, TimeSpan.FromSeconds(20)));
        await using var second = await first.StartAnotherInstanceAsync(Instance(1, TimeSpan.FromSeconds(20)));
        var households = HouseholdsOfBothInstances(10);
        const int positions = 30;

        await PublishRoundsAsync(first, households, 0, positions);

        await Eventually.AssertAsync(
            async () => (await AppliedAsync(first, households)).Count == households.Count * positions, Patience, "every event is applied");
        var applied = await AppliedAsync(first, households);
        AssertOnceEachInOrder(applied, households, positions);
        Assert.All(applied, a => Assert.Equal(OwnerOf(a.HouseholdId), a.Instance));
        Assert.Equal(10 * positions, applied.Count(a => a.Instance == 1));
    }

    [Fact]
    public async Task When_one_instance_stops_mid_stream_the_other_takes_over_its_shards_losing_nothing_and_applying_nothing_twice()
    {
        var first = await NotesService.StartAsync(Instance(0, TimeSpan.FromSeconds(1)));
        await using var second = await first.StartAnotherInstanceAsync(Instance(1, TimeSpan.FromSeconds(1)));
        var households = HouseholdsOfBothInstances(8);
        const int positions = 40;

        await PublishRoundsAsync(first, households, 0, positions / 2);
        await Eventually.AssertAsync(
            async () => (await AppliedAsync(second, households)).Any(a => a.Instance == 0), Patience, "the first instance applies its shards");
        await first.DisposeAsync(); // mid-stream: what it held unacknowledged goes back to its shards' queues
        await PublishRoundsAsync(second, households, positions / 2, positions);

        await Eventually.AssertAsync(
            async () => (await AppliedAsync(second, households)).Count == households.Count * positions, Patience, "every event is applied once");
        var applied = await AppliedAsync(second, households);
        AssertOnceEachInOrder(applied, households, positions);
        foreach (var household in households.Where(h => OwnerOf(h) == 0))
        {
            // The stopped instance's households went on at the survivor.
            Assert.Equal(1, applied.Where(a => a.HouseholdId == household).MaxBy(a => a.AppliedOrder)!.Instance);
        }
    }

    [Fact]
    public async Task An_instance_that_starts_after_the_other_took_its_shards_gets_them_back_with_order_kept()
    {
        var takeOverDelay = TimeSpan.FromSeconds(1);
        await using var first = await NotesService.StartAsync(Instance(0, takeOverDelay));
        var households = HouseholdsOfBothInstances(6);
        var positions = 5;
        await PublishRoundsAsync(first, households, 0, positions);
        await Eventually.AssertAsync(
            async () => (await AppliedAsync(first, households)).Count == households.Count * positions, Patience, "the first instance applies every shard alone");
        Assert.All(await AppliedAsync(first, households), a => Assert.Equal(0, a.Instance));

        await using var second = await first.StartAnotherInstanceAsync(Instance(1, takeOverDelay));
        var handedBack = false;
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!handedBack && DateTimeOffset.UtcNow < deadline)
        {
            // One event per household a round: the first instance hands a shard back at a batch boundary once it sees the owner.
            await PublishRoundsAsync(first, households, positions, positions + 1);
            positions++;
            await Eventually.AssertAsync(
                async () => (await AppliedAsync(first, households)).Count == households.Count * positions, Patience, "the round is applied");
            var round = (await AppliedAsync(first, households)).Where(a => a.Position == positions - 1).ToList();
            handedBack = round.All(a => a.Instance == OwnerOf(a.HouseholdId));
        }

        Assert.True(handedBack, "the second instance gets its shards back");
        await PublishRoundsAsync(first, households, positions, positions + 10);
        positions += 10;
        await Eventually.AssertAsync(
            async () => (await AppliedAsync(first, households)).Count == households.Count * positions, Patience, "every event is applied once");
        var applied = await AppliedAsync(first, households);
        AssertOnceEachInOrder(applied, households, positions);
        Assert.All(applied.Where(a => a.Position >= positions - 10), a => Assert.Equal(OwnerOf(a.HouseholdId), a.Instance));
    }
}
