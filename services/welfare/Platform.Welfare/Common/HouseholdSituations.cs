using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Welfare;
using Platform.Messaging.Households;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Common;

/// <summary>A registered household as this pillar's rules see it: its place and status, its current members, its active 低保/特困 enrolment.</summary>
public sealed record HouseholdSituation(ReplicaHousehold Household, IReadOnlyList<ReplicaMember> Members, AssistanceEnrolment? Enrolment)
{
    public IReadOnlyList<MemberFacts> Facts => Members.Select(FactsOf).ToList();

    public AidClass AidClass => AidClasses.Of(Enrolment?.Category, Household.Status);

    public bool RegisteredPoor => AidClasses.IsRegisteredPoor(Household.Status);

    public static MemberFacts FactsOf(ReplicaMember member) => new(member.BirthDate, member.LabourAbility, member.Health, member.DisabilityGrade);
}

/// <summary>Loads households' situations and their means-test income with a few set-based queries (one per table).</summary>
public sealed class HouseholdSituations(WelfareDbContext db)
{
    public async Task<Dictionary<Guid, HouseholdSituation>> LoadAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken)
    {
        var ids = householdIds.Distinct().ToList();
        var households = await db.ReplicaHouseholds.AsNoTracking().Where(h => ids.Contains(h.Id)).ToListAsync(cancellationToken);
        var members = (await db.ReplicaMembers.AsNoTracking().Where(m => ids.Contains(m.HouseholdId) && m.LeftAt == null).ToListAsync(cancellationToken))
            .ToLookup(m => m.HouseholdId);
        var enrolments = await ActiveEnrolmentsAsync(ids, cancellationToken);
        return households.ToDictionary(
            h => h.Id,
            h => new HouseholdSituation(h, members[h.Id].OrderBy(m => m.BirthDate).ToList(), enrolments.GetValueOrDefault(h.Id)));
    }

    /// <summary>The active enrolments of the households, tracked (a command may end one).</summary>
    public async Task<Dictionary<Guid, AssistanceEnrolment>> ActiveEnrolmentsAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken) =>
        await db.AssistanceEnrolments.Where(e => householdIds.Contains(e.HouseholdId) && e.EndedOn == null)
            .ToDictionaryAsync(e => e.HouseholdId, cancellationToken);

    /// <summary>Each household's income of the year as the means test counts it (<see cref="AssistanceRules.MeansIncome"/>).</summary>
    public async Task<Dictionary<Guid, decimal>> MeansIncomeAsync(IReadOnlyCollection<Guid> householdIds, int year, CancellationToken cancellationToken)
    {
        var records = (await db.IncomeRecords.AsNoTracking().Where(r => householdIds.Contains(r.HouseholdId) && r.Year == year).ToListAsync(cancellationToken))
            .ToLookup(r => r.HouseholdId);
        var checks = await db.MeansChecks.AsNoTracking().Where(c => householdIds.Contains(c.HouseholdId) && c.Year == year)
            .ToDictionaryAsync(c => c.HouseholdId, c => c.VerifiedIncome, cancellationToken);
        return householdIds.Distinct().ToDictionary(id => id, id => AssistanceRules.MeansIncome(records[id], checks.TryGetValue(id, out var v) ? v : null));
    }
}

/// <summary>Who did it, for the record: the signed-in person, else the departmental client.</summary>
internal static class Caller
{
    public static string Of(System.Security.Claims.ClaimsPrincipal user) => ServiceDefaults.Auth.PlatformClaims.Actor(user) ?? "unknown";
}
