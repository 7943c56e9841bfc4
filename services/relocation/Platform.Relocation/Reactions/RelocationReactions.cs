using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Messaging.Households;
using Platform.Messaging.Stream;
using Platform.Relocation.Guarantees;

namespace Platform.Relocation.Reactions;

/// <summary>
/// What the pillar does when the registry's households change: a household followed for the first time is
/// assessed at once (住房安全、饮水安全: "not assessed is never met" in the registry) with the houses its
/// members own filed under it; a member who joins brings their houses; a household that moves takes its case
/// along and has its water assessed where it lives now.
/// </summary>
public sealed class RelocationReactions(SafetyBook book) : IHouseholdReactions
{
    public Task PrepareAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken) =>
        book.LoadAsync(householdIds, cancellationToken);

    public Task HouseholdFollowedAsync(ReplicaHousehold household, IReadOnlyList<ReplicaMember> members, CancellationToken cancellationToken)
    {
        book.Place(household.Id, household.VillageCode, household.TownshipCode);
        foreach (var member in members)
        {
            book.FileHousesOf(household.Id, member.IdNumber, member.Name);
        }

        return book.AssessAsync([household.Id], cancellationToken);
    }

    public Task MemberJoinedAsync(ReplicaHousehold household, ReplicaMember member, CancellationToken cancellationToken)
    {
        book.Place(household.Id, household.VillageCode, household.TownshipCode);
        return book.FileHousesOf(household.Id, member.IdNumber, member.Name) ? book.AssessAsync([household.Id], cancellationToken) : Task.CompletedTask;
    }

    public Task HouseholdMovedAsync(ReplicaHousehold household, string previousVillageCode, CancellationToken cancellationToken)
    {
        book.Place(household.Id, household.VillageCode, household.TownshipCode);
        return book.AssessAsync([household.Id], cancellationToken);
    }
}

/// <summary>
/// Before a batch of the registry's events: the people it brings (registered, announced, joined) are locked
/// against a feed filing houses by the same owners, the villages it places households in against a write to their
/// water, and the people's houses are loaded in one query.
/// </summary>
public sealed class RelocationBatchPreparer(SafetyBook book) : IEventBatchPreparer
{
    public async Task PrepareAsync(IReadOnlyList<IIntegrationEvent> events, CancellationToken cancellationToken)
    {
        var people = events.SelectMany(e => e switch
        {
            HouseholdRegistered registered => registered.Members,
            HouseholdAnnounced announced => announced.Members,
            HouseholdMemberAdded added => [added.Member],
            _ => [],
        }).Select(m => m.IdNumber).Distinct(StringComparer.Ordinal).ToList();
        await book.LockOwnersAsync(people, cancellationToken);
        await book.LockVillagesAsync(
            events.Select(e => e switch
            {
                HouseholdRegistered registered => registered.VillageCode,
                HouseholdAnnounced announced => announced.VillageCode,
                HouseholdMoved moved => moved.VillageCode,
                _ => null,
            }).OfType<string>(),
            cancellationToken);
        await book.LoadHousesOfOwnersAsync(people, cancellationToken);
    }
}
