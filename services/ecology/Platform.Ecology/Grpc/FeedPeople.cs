using Platform.Ecology.Data;
using Platform.Messaging.Households;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.People;

namespace Platform.Ecology.Grpc;

/// <summary>
/// The pillar's people as the feeds match them (<see cref="PersonMatching"/>): current members of the
/// registered households it follows, by resident ID number AND name inside the caller's data scope, one
/// neutral verdict for anyone not there for the caller.
/// </summary>
internal static class FeedPeople
{
    private static readonly PersonShape<ReplicaMember> Members = new(
        HouseholdReplicaModel.MemberColumns.IdNumber,
        HouseholdReplicaModel.MemberColumns.Name,
        HouseholdReplicaModel.MemberColumns.TownshipCode,
        HouseholdReplicaModel.MemberColumns.VillageCode);

    public static Task<IReadOnlyList<PersonVerdict<ReplicaMember>>> MatchAsync(
        EcologyDbContext db, DataScope scope, IReadOnlyList<PersonClaim> claims, DateOnly today, CancellationToken cancellationToken) =>
        db.ReplicaMembers.Where(m => m.LeftAt == null).MatchPeopleAsync(Members, scope, claims, today, cancellationToken);
}
