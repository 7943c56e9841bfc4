using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Households;
using Platform.Messaging.Households;
using Platform.Testing;

namespace Platform.Messaging.Tests;

/// <summary>A pillar's copy of the registry follows the registry's events, in order, and tells the pillar what changed.</summary>
public sealed class HouseholdReplicaTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static int sequence;

    private static MemberSnapshot Member(string relation, int birthYear, string name) => new()
    {
        MemberId = Guid.NewGuid(), IdNumber = Platform.Contracts.People.ResidentIdNumber.Create("420325", new DateOnly(birthYear, 3, 4), Interlocked.Increment(ref sequence) % 900 + 10).Value,
        Name = name, Sex = Sex.Male, BirthDate = new DateOnly(birthYear, 3, 4), Relation = relation, Health = "healthy",
    };

    [Fact]
    public async Task The_replica_follows_registrations_members_moves_status_health_and_announcements_and_the_reactions_hear_each_change_in_order()
    {
        await using var service = await NotesService.StartAsync();
        var head = Member("户主", 1970, "贺大江");
        var son = Member("之子", 2010, "贺小江");
        var daughter = Member("之女", 2012, "贺小溪");
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var registered = new HouseholdRegistered
        {
            EventId = Guid.NewGuid(), HouseholdId = id, OccurredAt = now, HouseholdNumber = "R0001", TownshipCode = "420325001", VillageCode = "420325001001",
            Status = HouseholdStatus.Poor, Members = [head, son],
        };
        var unknown = Guid.NewGuid();
        await StreamEvents.PublishAsync(
            service.VirtualHost,
            registered,
            new HouseholdMemberAdded { EventId = Guid.NewGuid(), HouseholdId = unknown, OccurredAt = now, Reason = MemberAdditionReason.Born, Member = Member("之子", 2020, "无名") },
            new HouseholdMemberAdded { EventId = Guid.NewGuid(), HouseholdId = id, OccurredAt = now, Reason = MemberAdditionReason.Born, Member = daughter },
            new HouseholdMoved { EventId = Guid.NewGuid(), HouseholdId = id, OccurredAt = now, PreviousVillageCode = "420325001001", TownshipCode = "420325002", VillageCode = "420325002003", Reason = "易地扶贫搬迁" },
            new HouseholdStatusChanged { EventId = Guid.NewGuid(), HouseholdId = id, OccurredAt = now, PreviousStatus = HouseholdStatus.Poor, Status = HouseholdStatus.Exited, Reason = "脱贫" },
            new MemberHealthChanged { EventId = Guid.NewGuid(), HouseholdId = id, OccurredAt = now, MemberId = head.MemberId, PreviousHealth = "healthy", Health = "chronic", Reason = "慢病认定" },
            new HouseholdMemberRemoved { EventId = Guid.NewGuid(), HouseholdId = id, OccurredAt = now, MemberId = son.MemberId, Reason = MemberRemovalReason.EnlistedOrStudyingAway },
            // The registry announces the household again (a catch-up): the daughter is gone there, the son is back.
            new HouseholdAnnounced
            {
                EventId = Guid.NewGuid(), HouseholdId = id, OccurredAt = now, HouseholdNumber = "R0001", TownshipCode = "420325002", VillageCode = "420325002003",
                Status = HouseholdStatus.Exited, Members = [head with { Health = "chronic" }, son],
            });

        Assert.Equal(0, await StreamDrain.WaitAsync(await TestInfrastructure.GetAsync(), service.VirtualHost, Patience, service.Database));
        var household = await service.QueryAsync(db => db.ReplicaHouseholds.SingleAsync(h => h.Id == id));
        Assert.Equal(("420325002003", "420325002", HouseholdStatus.Exited), (household.VillageCode, household.TownshipCode, household.Status));
        var members = await service.QueryAsync(db => db.ReplicaMembers.Where(m => m.HouseholdId == id).ToDictionaryAsync(m => m.Id));
        Assert.Equal(3, members.Count);
        Assert.All(members.Values, m => Assert.Equal("420325002003", m.VillageCode));
        Assert.True(members[head.MemberId] is { IsCurrent: true, Health: "chronic" });
        Assert.True(members[son.MemberId].IsCurrent);
        Assert.Equal(MemberRemovalReason.Other, members[daughter.MemberId].LeftReason);
        Assert.False(await service.QueryAsync(db => db.ReplicaHouseholds.AnyAsync(h => h.Id == unknown)));

        var seen = RecordingReactions.Seen.Where(s => s.Contains(id.ToString(), StringComparison.Ordinal) || members.Keys.Any(m => s.Contains(m.ToString(), StringComparison.Ordinal))).ToList();
        Assert.Equal(
            [
                $"followed {id} 2",
                $"joined {daughter.MemberId}",
                $"moved {id} 420325001001->420325002003",
                $"status {id} Poor->Exited",
                $"changed {head.MemberId} chronic",
                $"left {son.MemberId} EnlistedOrStudyingAway",
                $"joined {son.MemberId}",
                $"left {daughter.MemberId} Other",
            ],
            seen);
    }
}
