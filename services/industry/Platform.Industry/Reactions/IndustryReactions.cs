using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Messaging.Households;

namespace Platform.Industry.Reactions;

/// <summary>
/// What the pillar does when the registry's households change: a member who died or moved away (or left the household
/// otherwise) ends the benefit links that name them and their current jobs. A household's other records need nothing
/// when it moves: they are placed by the household's village in the replica, so they follow it.
/// </summary>
public sealed class IndustryReactions(IndustryDbContext db, TimeProvider clock) : IHouseholdReactions
{
    private readonly Dictionary<Guid, List<BenefitLink>> openLinksByMember = [];
    private readonly Dictionary<Guid, List<EmploymentRecord>> currentJobsByMember = [];
    private readonly HashSet<Guid> prepared = [];

    /// <summary>The batch's households' open links and current jobs, one query each.</summary>
    public async Task PrepareAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken)
    {
        var ids = householdIds.Where(prepared.Add).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        foreach (var link in await db.Links.Where(l => ids.Contains(l.HouseholdId) && l.EndedOn == null).ToListAsync(cancellationToken))
        {
            Index(openLinksByMember, link.MemberId, link);
        }

        foreach (var job in await db.Employment.Where(r => ids.Contains(r.HouseholdId) && r.EndedOn == null).ToListAsync(cancellationToken))
        {
            Index(currentJobsByMember, job.MemberId, job);
        }
    }

    /// <summary>"a member died or moved away → links and jobs end" (any removal from the household ends them).</summary>
    public async Task MemberLeftAsync(ReplicaHousehold household, ReplicaMember member, MemberRemovalReason reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(household);
        ArgumentNullException.ThrowIfNull(member);
        await PrepareAsync([household.Id], cancellationToken);
        var on = DateOnly.FromDateTime((member.LeftAt ?? clock.GetUtcNow()).ToOffset(TimeSpan.FromHours(8)).DateTime);
        var why = $"成员减少（{Codes.Of(reason)}）";
        foreach (var link in openLinksByMember.GetValueOrDefault(member.Id) ?? [])
        {
            link.End(on, why);
        }

        foreach (var job in currentJobsByMember.GetValueOrDefault(member.Id) ?? [])
        {
            job.End(on, why);
        }

        openLinksByMember.Remove(member.Id);
        currentJobsByMember.Remove(member.Id);
    }

    private static void Index<T>(Dictionary<Guid, List<T>> index, Guid memberId, T row)
    {
        if (!index.TryGetValue(memberId, out var list))
        {
            index[memberId] = list = [];
        }

        list.Add(row);
    }
}
