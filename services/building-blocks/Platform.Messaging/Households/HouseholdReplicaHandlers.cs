using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Households;
using Platform.Messaging.Stream;

namespace Platform.Messaging.Households;

/// <summary>
/// Keeps a pillar's copy of the registry's households from the registry's events, in each household's
/// order (the stream guarantees it), and tells the pillar's <see cref="IHouseholdReactions"/> what changed.
/// </summary>
public sealed partial class HouseholdReplicaHandlers<TDbContext>(
    HouseholdReplicaBatch<TDbContext> batch, IHouseholdReactions reactions, TimeProvider clock, ILogger<HouseholdReplicaHandlers<TDbContext>> logger) :
    IEventHandler<HouseholdRegistered>,
    IEventHandler<HouseholdAnnounced>,
    IEventHandler<HouseholdMemberAdded>,
    IEventHandler<HouseholdMemberRemoved>,
    IEventHandler<HouseholdStatusChanged>,
    IEventHandler<HouseholdMoved>,
    IEventHandler<MemberHealthChanged>
    where TDbContext : DbContext, IHouseholdReplicaDbContext
{
    public Task HandleAsync(HouseholdRegistered registered, CancellationToken cancellationToken) =>
        FollowAsync(registered.HouseholdId, registered.HouseholdNumber, registered.VillageCode, registered.TownshipCode, registered.Status, registered.Members, registered.OccurredAt, announced: false, cancellationToken);

    /// <summary>A catch-up: the copy becomes equal to the registry's household, members who are gone leave.</summary>
    public Task HandleAsync(HouseholdAnnounced announced, CancellationToken cancellationToken) =>
        FollowAsync(announced.HouseholdId, announced.HouseholdNumber, announced.VillageCode, announced.TownshipCode, announced.Status, announced.Members, announced.OccurredAt, announced: true, cancellationToken);

    public async Task HandleAsync(HouseholdMemberAdded added, CancellationToken cancellationToken)
    {
        // Events of a household arrive in order: an unknown household was registered before this service
        // followed the county; the registry's announcement (catch-up) brings it whole.
        if (await KnownAsync(added.HouseholdId, cancellationToken) is not { } household)
        {
            return;
        }

        await FollowMemberAsync(household, added.Member, cancellationToken);
    }

    public async Task HandleAsync(HouseholdMemberRemoved removed, CancellationToken cancellationToken)
    {
        if (await KnownAsync(removed.HouseholdId, cancellationToken) is { } household
            && batch.Member(removed.MemberId) is { IsCurrent: true } member && member.HouseholdId == household.Id)
        {
            await LeaveAsync(household, member, removed.Reason, removed.OccurredAt, cancellationToken);
        }
    }

    public async Task HandleAsync(HouseholdStatusChanged changed, CancellationToken cancellationToken)
    {
        // In order by the stream; an older change sent back from an error queue later changes nothing.
        // Only the household's row: members and the reactions' data are read for a status change only if the pillar reacts to it.
        var household = await batch.HouseholdRowAsync(changed.HouseholdId, cancellationToken);
        if (household is null)
        {
            LogUnknownHousehold(logger, changed.HouseholdId);
        }
        else if (!(household.StatusChangedAt > changed.OccurredAt))
        {
            var previous = household.Status;
            household.Status = changed.Status;
            household.StatusChangedAt = changed.OccurredAt;
            if (previous != changed.Status && reactions.ReactsToStatusChanges)
            {
                await reactions.StatusChangedAsync(household, previous, cancellationToken);
            }
        }
    }

    public async Task HandleAsync(HouseholdMoved moved, CancellationToken cancellationToken)
    {
        // In order by the stream; an older move sent back from an error queue later changes nothing.
        if (await KnownAsync(moved.HouseholdId, cancellationToken) is { } household && !(household.MovedAt > moved.OccurredAt))
        {
            household.MovedAt = moved.OccurredAt;
            await PlaceAsync(household, moved.VillageCode, moved.TownshipCode, cancellationToken);
        }
    }

    public async Task HandleAsync(MemberHealthChanged changed, CancellationToken cancellationToken)
    {
        if (await KnownAsync(changed.HouseholdId, cancellationToken) is { } household && batch.Member(changed.MemberId) is { } member)
        {
            member.Health = changed.Health;
            member.DisabilityGrade = changed.DisabilityGrade;
            await reactions.MemberChangedAsync(household, member, cancellationToken);
        }
    }

    private async Task FollowAsync(
        Guid householdId, string number, string villageCode, string townshipCode, HouseholdStatus status,
        IReadOnlyList<MemberSnapshot> snapshots, DateTimeOffset occurredAt, bool announced, CancellationToken cancellationToken)
    {
        var household = await batch.HouseholdAsync(householdId, cancellationToken);
        if (household is null)
        {
            household = new ReplicaHousehold
            {
                Id = householdId, HouseholdNumber = number, VillageCode = villageCode, TownshipCode = townshipCode, Status = status, KnownSince = clock.GetUtcNow(),
            };
            batch.Add(household);
            var members = snapshots.Select(s => NewMember(s, household)).ToList();
            foreach (var member in members)
            {
                batch.Add(member);
            }

            await reactions.HouseholdFollowedAsync(household, members, cancellationToken);
            return;
        }

        household.HouseholdNumber = number;
        if (household.Status != status)
        {
            var previous = household.Status;
            household.Status = status;
            if (reactions.ReactsToStatusChanges)
            {
                await reactions.StatusChangedAsync(household, previous, cancellationToken);
            }
        }

        await PlaceAsync(household, villageCode, townshipCode, cancellationToken);
        foreach (var snapshot in snapshots)
        {
            await FollowMemberAsync(household, snapshot, cancellationToken);
        }

        if (announced)
        {
            var current = snapshots.Select(s => s.MemberId).ToHashSet();
            foreach (var gone in batch.CurrentMembersOf(household.Id).Where(m => !current.Contains(m.Id)).ToList())
            {
                await LeaveAsync(household, gone, MemberRemovalReason.Other, occurredAt, cancellationToken);
            }
        }
    }

    private async Task FollowMemberAsync(ReplicaHousehold household, MemberSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (batch.Member(snapshot.MemberId) is not { } member)
        {
            member = NewMember(snapshot, household);
            batch.Add(member);
            await reactions.MemberJoinedAsync(household, member, cancellationToken);
            return;
        }

        var rejoined = !member.IsCurrent || member.HouseholdId != household.Id;
        if (member.HouseholdId != household.Id)
        {
            batch.Rehouse(member, household.Id);
        }

        var changed = member.Name != snapshot.Name || member.Health != snapshot.Health || member.DisabilityGrade != snapshot.DisabilityGrade
            || member.LabourAbility != snapshot.LabourAbility || member.SchoolingStatus != snapshot.SchoolingStatus || member.Relation != snapshot.Relation;
        member.Name = snapshot.Name;
        member.Relation = snapshot.Relation;
        member.Health = snapshot.Health;
        member.DisabilityGrade = snapshot.DisabilityGrade;
        member.LabourAbility = snapshot.LabourAbility;
        member.SchoolingStatus = snapshot.SchoolingStatus;
        member.VillageCode = household.VillageCode;
        member.TownshipCode = household.TownshipCode;
        member.LeftAt = null;
        member.LeftReason = null;
        if (rejoined)
        {
            await reactions.MemberJoinedAsync(household, member, cancellationToken);
        }
        else if (changed)
        {
            await reactions.MemberChangedAsync(household, member, cancellationToken);
        }
    }

    private async Task LeaveAsync(ReplicaHousehold household, ReplicaMember member, MemberRemovalReason reason, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        member.LeftAt = occurredAt;
        member.LeftReason = reason;
        await reactions.MemberLeftAsync(household, member, reason, cancellationToken);
    }

    private async Task PlaceAsync(ReplicaHousehold household, string villageCode, string townshipCode, CancellationToken cancellationToken)
    {
        if (household.VillageCode == villageCode && household.TownshipCode == townshipCode)
        {
            return;
        }

        var previous = household.VillageCode;
        household.VillageCode = villageCode;
        household.TownshipCode = townshipCode;
        foreach (var member in batch.CurrentMembersOf(household.Id))
        {
            member.VillageCode = villageCode;
            member.TownshipCode = townshipCode;
        }

        await reactions.HouseholdMovedAsync(household, previous, cancellationToken);
    }

    private async Task<ReplicaHousehold?> KnownAsync(Guid householdId, CancellationToken cancellationToken)
    {
        var household = await batch.HouseholdAsync(householdId, cancellationToken);
        if (household is null)
        {
            LogUnknownHousehold(logger, householdId);
        }

        return household;
    }

    private static ReplicaMember NewMember(MemberSnapshot snapshot, ReplicaHousehold household) => new()
    {
        Id = snapshot.MemberId,
        HouseholdId = household.Id,
        IdNumber = snapshot.IdNumber,
        Name = snapshot.Name,
        Sex = snapshot.Sex,
        BirthDate = snapshot.BirthDate,
        Relation = snapshot.Relation,
        Health = snapshot.Health,
        DisabilityGrade = snapshot.DisabilityGrade,
        LabourAbility = snapshot.LabourAbility,
        SchoolingStatus = snapshot.SchoolingStatus,
        VillageCode = household.VillageCode,
        TownshipCode = household.TownshipCode,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "An event of household {HouseholdId}, which this service does not follow yet; the registry's announcement (catch-up) brings it")]
    private static partial void LogUnknownHousehold(ILogger logger, Guid householdId);
}
