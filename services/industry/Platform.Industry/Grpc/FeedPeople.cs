using Microsoft.EntityFrameworkCore;
using Platform.Industry.Data;
using Platform.Messaging.Households;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.People;

namespace Platform.Industry.Grpc;

/// <summary>The people the feeds name, matched the building blocks' way (<see cref="PersonMatching"/>): current members of the replica, inside the caller's scope.</summary>
internal static class FeedPeople
{
    private static readonly PersonShape<ReplicaMember> Members = new(
        HouseholdReplicaModel.MemberColumns.IdNumber, HouseholdReplicaModel.MemberColumns.Name,
        HouseholdReplicaModel.MemberColumns.TownshipCode, HouseholdReplicaModel.MemberColumns.VillageCode);

    /// <summary>One verdict per claim, in order, from one query.</summary>
    public static Task<IReadOnlyList<PersonVerdict<ReplicaMember>>> MatchAsync(
        IndustryDbContext db, DataScope scope, IReadOnlyList<PersonClaim> claims, DateOnly today, CancellationToken cancellationToken) =>
        db.ReplicaMembers.Where(m => m.LeftAt == null).AsNoTracking().MatchPeopleAsync(Members, scope, claims, today, cancellationToken);
}
