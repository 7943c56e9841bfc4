using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Messaging.Stream;
using Platform.ServiceDefaults.Data;

namespace Platform.Messaging.Households;

/// <summary>
/// The replica rows a batch of the registry's events touches, loaded with one query per table for all
/// its households and indexed in memory: handlers and reactions look here, never one query per event.
/// </summary>
public sealed class HouseholdReplicaBatch<TDbContext>(TDbContext db, NewRows newRows, IHouseholdReactions reactions) : IEventBatchPreparer
    where TDbContext : DbContext, IHouseholdReplicaDbContext
{
    private readonly HashSet<Guid> prepared = [];
    private readonly RowsByKey<Guid, ReplicaHousehold> households = new(h => h.Id);
    private readonly Dictionary<Guid, ReplicaMember> members = [];
    private readonly Dictionary<Guid, List<ReplicaMember>> membersByHousehold = [];

    public async Task PrepareAsync(IReadOnlyList<IIntegrationEvent> events, CancellationToken cancellationToken)
    {
        var whole = new HashSet<Guid>();
        var rowsOnly = new HashSet<Guid>();
        // Only the registry's household events: a pillar's other events of a household (income reports, say) have handlers
        // and preparers of their own, and loading the replica and the reactions' data for them was wasted work.
        foreach (var household in events.Where(IsFollowed).Cast<IHouseholdEvent>().GroupBy(e => e.HouseholdId))
        {
            var statusOnly = !reactions.ReactsToStatusChanges && household.All(e => e is HouseholdStatusChanged);
            (statusOnly ? rowsOnly : whole).Add(household.Key);
        }

        await ReadRowsAsync(rowsOnly, cancellationToken);
        await PrepareAsync(whole, cancellationToken);
    }

    /// <summary>Whether the event is one of the registry's household events the replica follows.</summary>
    public static bool IsFollowed(IIntegrationEvent integrationEvent) => integrationEvent is HouseholdRegistered or HouseholdAnnounced or HouseholdMemberAdded
        or HouseholdMemberRemoved or HouseholdStatusChanged or HouseholdMoved or MemberHealthChanged;

    /// <summary>The households' rows, their members and what the reactions need for them.</summary>
    public async Task PrepareAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken)
    {
        var ids = householdIds.Where(prepared.Add).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        await ReadRowsAsync(ids, cancellationToken);
        foreach (var member in await db.ReplicaMembers.Where(m => ids.Contains(m.HouseholdId)).ToListAsync(cancellationToken))
        {
            Index(member);
        }

        await reactions.PrepareAsync(ids, cancellationToken);
    }

    /// <summary>The household with its members, prepared for the reactions.</summary>
    public async Task<ReplicaHousehold?> HouseholdAsync(Guid id, CancellationToken cancellationToken)
    {
        await PrepareAsync([id], cancellationToken);
        return households.Find(id);
    }

    /// <summary>The household's row alone, for a change of status the reactions do not react to.</summary>
    public async Task<ReplicaHousehold?> HouseholdRowAsync(Guid id, CancellationToken cancellationToken)
    {
        if (reactions.ReactsToStatusChanges)
        {
            return await HouseholdAsync(id, cancellationToken);
        }

        await ReadRowsAsync([id], cancellationToken);
        return households.Find(id);
    }

    public ReplicaMember? Member(Guid id) => members.GetValueOrDefault(id);

    public IEnumerable<ReplicaMember> CurrentMembersOf(Guid householdId) =>
        membersByHousehold.TryGetValue(householdId, out var list) ? list.Where(m => m.IsCurrent) : [];

    public void Add(ReplicaHousehold household)
    {
        newRows.Add(household); // written by COPY with the batch, untracked (thousands per batch on a first load)
        households.Add(household);
    }

    public void Add(ReplicaMember member)
    {
        newRows.Add(member); // written by COPY with the batch, untracked
        Index(member);
    }

    /// <summary>A member already known under another household (moved between households in the registry).</summary>
    public void Rehouse(ReplicaMember member, Guid householdId)
    {
        if (membersByHousehold.TryGetValue(member.HouseholdId, out var old))
        {
            old.Remove(member);
        }

        member.HouseholdId = householdId;
        Index(member);
    }

    private Task ReadRowsAsync(IEnumerable<Guid> householdIds, CancellationToken cancellationToken) =>
        households.ReadAsync(householdIds, ids => db.ReplicaHouseholds.Where(h => ids.Contains(h.Id)), cancellationToken);

    private void Index(ReplicaMember member)
    {
        members[member.Id] = member;
        if (!membersByHousehold.TryGetValue(member.HouseholdId, out var list))
        {
            membersByHousehold[member.HouseholdId] = list = [];
        }

        if (!list.Contains(member))
        {
            list.Add(member);
        }
    }
}
