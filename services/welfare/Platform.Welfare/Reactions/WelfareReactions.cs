using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Households;
using Platform.Messaging.Households;
using Platform.ServiceDefaults;
using Platform.Welfare.Assistance;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;
using Platform.Welfare.Insurance;
using Platform.Welfare.Protection;

namespace Platform.Welfare.Reactions;

/// <summary>
/// What the pillar does when the registry's households change, inside the event batch: the basic-medical
/// guarantee is assessed for every household it learns and again on every change of its members (a newborn not
/// yet insured breaks it; a member who left may mend it); a household learnt during a policy year joins the
/// year's poverty-protection insurance; a household left without members leaves 低保 or 特困.
/// </summary>
public sealed class WelfareReactions(WelfareDbContext db, IServiceProvider services, MedicalGuaranteeBook guarantees, AssistanceLedger assistance, ProtectionLedger protection, TimeProvider clock)
    : IHouseholdReactions
{
    private readonly HashSet<Guid> covered = [];
    private readonly Dictionary<Guid, AssistanceEnrolment> enrolments = [];
    private readonly HashSet<Guid> protectedHouseholds = [];
    private ProtectionPolicy? policy;
    private bool policyLoaded;

    // The batch of the replica calls these reactions itself: it is taken from the unit of work when needed, not injected.
    private HouseholdReplicaBatch<WelfareDbContext> Batch => services.GetRequiredService<HouseholdReplicaBatch<WelfareDbContext>>();

    public async Task PrepareAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken)
    {
        var year = clock.Today().Year;
        await guarantees.PrepareAsync(householdIds, cancellationToken);
        covered.UnionWith(await db.InsuranceEnrolments.AsNoTracking()
            .Where(e => householdIds.Contains(e.HouseholdId) && e.Year == year && e.ResidentMedical && e.CriticalIllness)
            .Select(e => e.MemberId).ToListAsync(cancellationToken));
        foreach (var enrolment in await db.AssistanceEnrolments.Where(e => householdIds.Contains(e.HouseholdId) && e.EndedOn == null).ToListAsync(cancellationToken))
        {
            enrolments[enrolment.HouseholdId] = enrolment;
        }

        if (!policyLoaded)
        {
            policy = await db.ProtectionPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.Year == year, cancellationToken);
            policyLoaded = true;
        }

        if (policy is not null)
        {
            protectedHouseholds.UnionWith(await db.ProtectionCovers.AsNoTracking()
                .Where(c => c.PolicyId == policy.Id && householdIds.Contains(c.HouseholdId)).Select(c => c.HouseholdId).ToListAsync(cancellationToken));
        }
    }

    public Task HouseholdFollowedAsync(ReplicaHousehold household, IReadOnlyList<ReplicaMember> members, CancellationToken cancellationToken)
    {
        Assess(household);
        if (policy is not null && protectedHouseholds.Add(household.Id))
        {
            protection.Cover(policy, household.Id, members.Count(m => m.IsCurrent));
        }

        return Task.CompletedTask;
    }

    public Task MemberJoinedAsync(ReplicaHousehold household, ReplicaMember member, CancellationToken cancellationToken)
    {
        Assess(household);
        return Task.CompletedTask;
    }

    public Task MemberChangedAsync(ReplicaHousehold household, ReplicaMember member, CancellationToken cancellationToken)
    {
        Assess(household);
        return Task.CompletedTask;
    }

    public Task MemberLeftAsync(ReplicaHousehold household, ReplicaMember member, MemberRemovalReason reason, CancellationToken cancellationToken)
    {
        Assess(household);
        if (!Batch.CurrentMembersOf(household.Id).Any() && enrolments.Remove(household.Id, out var enrolment))
        {
            var today = clock.Today();
            assistance.End(enrolment, today < enrolment.StartMonth ? enrolment.StartMonth : today, "建档立卡户已无在册成员");
        }

        return Task.CompletedTask;
    }

    private void Assess(ReplicaHousehold household)
    {
        var members = Batch.CurrentMembersOf(household.Id).ToList();
        guarantees.Assess(household.Id, members.Count, members.Count(m => covered.Contains(m.Id)), always: true);
    }
}
