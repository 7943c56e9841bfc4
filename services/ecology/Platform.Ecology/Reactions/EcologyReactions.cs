using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Ecology;
using Platform.Contracts.Households;
using Platform.Ecology.Data;
using Platform.Ecology.Domain;
using Platform.Ecology.Rangers;
using Platform.Messaging.Households;
using Platform.ServiceDefaults;

namespace Platform.Ecology.Reactions;

/// <summary>
/// What the ecology pillar does when the registry's households change: a ranger who died, left the
/// household or can no longer work loses the post (the township's quota has a vacancy). Payments and
/// project incomes need nothing: they are placed by their household's current village, so they follow a
/// household that moves.
/// </summary>
public sealed class EcologyReactions(EcologyDbContext db, RangerLedger ledger, RangerPolicy policy, TimeProvider clock) : IHouseholdReactions
{
    public const string RegistryActor = "registry";

    private readonly Dictionary<Guid, List<RangerPost>> postsByMember = [];

    /// <summary>The posts not ended of the batch's households, in one query.</summary>
    public async Task PrepareAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken)
    {
        var ids = householdIds.ToList();
        foreach (var post in await db.RangerPosts.Where(p => ids.Contains(p.HouseholdId) && p.EndedOn == null).ToListAsync(cancellationToken))
        {
            if (!postsByMember.TryGetValue(post.MemberId, out var posts))
            {
                postsByMember[post.MemberId] = posts = [];
            }

            posts.Add(post);
        }
    }

    public Task MemberLeftAsync(ReplicaHousehold household, ReplicaMember member, MemberRemovalReason reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var day = DateOnly.FromDateTime((member.LeftAt ?? clock.GetUtcNow()).ToOffset(TimeSpan.FromHours(8)).DateTime);
        EndPosts(member.Id, ReasonOf(reason), day, $"建档立卡系统：成员减少（{ReasonText(reason)}）");
        return Task.CompletedTask;
    }

    public Task MemberChangedAsync(ReplicaHousehold household, ReplicaMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(household);
        ArgumentNullException.ThrowIfNull(member);
        var able = RangerRules.Able(RangerCandidates.Of(member, household), policy);
        if (!able.Succeeded)
        {
            EndPosts(member.Id, RangerPostEndReason.LostLabourAbility, clock.Today(), able.Error);
        }

        return Task.CompletedTask;
    }

    /// <summary>Ends the member's posts whose contract has not run out by <paramref name="day"/> (a post of a past year stays as it was).</summary>
    private void EndPosts(Guid memberId, RangerPostEndReason reason, DateOnly day, string? note)
    {
        if (!postsByMember.TryGetValue(memberId, out var posts))
        {
            return;
        }

        foreach (var post in posts.Where(p => p.InPost && p.EndsOn >= day))
        {
            ledger.End(post, reason, day < post.StartsOn ? post.StartsOn : day, note, RegistryActor);
        }
    }

    private static RangerPostEndReason ReasonOf(MemberRemovalReason reason) => reason switch
    {
        MemberRemovalReason.Died => RangerPostEndReason.Died,
        MemberRemovalReason.MarriedOut or MemberRemovalReason.MovedOut or MemberRemovalReason.EnlistedOrStudyingAway => RangerPostEndReason.MovedAway,
        _ => RangerPostEndReason.LeftHousehold,
    };

    private static string ReasonText(MemberRemovalReason reason) => reason switch
    {
        MemberRemovalReason.Died => "死亡",
        MemberRemovalReason.MarriedOut => "婚出",
        MemberRemovalReason.MovedOut => "迁出",
        MemberRemovalReason.EnlistedOrStudyingAway => "参军或外出求学",
        MemberRemovalReason.RegistrationError => "登记错误",
        _ => "其他",
    };
}
