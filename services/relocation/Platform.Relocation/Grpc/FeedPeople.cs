using Platform.Messaging.Households;
using Platform.Relocation.Data;
using Platform.Relocation.Households;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.People;

namespace Platform.Relocation.Grpc;

/// <summary>The people a record names, matched to the registry's current members inside the caller's scope (人员比对).</summary>
public static class FeedPeople
{
    private static readonly PersonShape<ReplicaMember> Members = new(
        HouseholdReplicaModel.MemberColumns.IdNumber,
        HouseholdReplicaModel.MemberColumns.Name,
        HouseholdReplicaModel.MemberColumns.TownshipCode,
        HouseholdReplicaModel.MemberColumns.VillageCode);

    public static Task<IReadOnlyList<PersonVerdict<ReplicaMember>>> MatchAsync(
        RelocationDbContext db, DataScope scope, IReadOnlyList<PersonClaim> claims, DateOnly today, CancellationToken cancellationToken) =>
        db.CurrentMembers().MatchPeopleAsync(Members, scope, claims, today, cancellationToken);

    /// <summary>Not a registered person for this caller (a household not registered as poor), as opposed to a malformed record.</summary>
    public static bool IsNotFound<T>(PersonVerdict<T> verdict)
        where T : class =>
        verdict.Field == PersonMatching.IdNumberField && verdict.Reason == PersonMatching.NotFoundReason;
}
