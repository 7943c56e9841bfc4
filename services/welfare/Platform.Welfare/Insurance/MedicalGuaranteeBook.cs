using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Registry;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Insurance;

/// <summary>
/// 基本医疗有保障, this pillar's guarantee (GuaranteeOwners): assessed for every household it follows — when it
/// learns the household, on every change of its members, and whenever an enrolment changes who is covered —
/// and sent to the registry as <see cref="GuaranteeAssessed"/> through the outbox, in the caller's unit of work.
/// The year is the current one.
/// </summary>
public sealed class MedicalGuaranteeBook(WelfareDbContext db, TimeProvider clock)
{
    private readonly Dictionary<Guid, MedicalGuarantee> known = [];

    /// <summary>Loads the guarantees of these households into the unit of work (one query), for <see cref="Assess"/>.</summary>
    public async Task PrepareAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken)
    {
        var ids = householdIds.Where(id => !known.ContainsKey(id)).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        foreach (var guarantee in await db.MedicalGuarantees.Where(g => ids.Contains(g.HouseholdId)).ToListAsync(cancellationToken))
        {
            known[guarantee.HouseholdId] = guarantee;
        }
    }

    /// <summary>
    /// Assesses a household with <paramref name="members"/> current members of whom <paramref name="covered"/> are
    /// insured in both for the year; tells the registry when the verdict or its figures changed, or always when
    /// <paramref name="always"/> (a followed household, a member change). Prepare first.
    /// </summary>
    public void Assess(Guid householdId, int members, int covered, bool always)
    {
        var now = clock.GetUtcNow();
        var year = clock.Today().Year;
        if (!known.TryGetValue(householdId, out var guarantee))
        {
            guarantee = new MedicalGuarantee { HouseholdId = householdId };
            db.MedicalGuarantees.Add(guarantee);
            known[householdId] = guarantee;
        }

        if (!guarantee.Apply(members, covered, year, now) && !always)
        {
            return;
        }

        db.AddIntegrationEvent(
            new GuaranteeAssessed
            {
                EventId = Guid.CreateVersion7(now),
                HouseholdId = householdId,
                OccurredAt = now,
                Guarantee = Guarantee.BasicMedicalCare,
                Met = guarantee.Met,
                Reason = guarantee.Reason,
                Source = Pillar.Welfare,
                SourceRecordId = $"medical-insurance:{year}:{householdId}",
                AssessedAt = now,
            },
            clock);
    }

    /// <summary>
    /// Assesses households from what the database holds in the caller's transaction (enrolments saved, not yet
    /// committed): current members and those insured in both this year, counted set-based.
    /// </summary>
    public async Task ReassessAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken)
    {
        var ids = householdIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var year = clock.Today().Year;
        await PrepareAsync(ids, cancellationToken);
        var members = await db.ReplicaMembers.Where(m => ids.Contains(m.HouseholdId) && m.LeftAt == null)
            .GroupBy(m => m.HouseholdId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var covered = await db.ReplicaMembers.Where(m => ids.Contains(m.HouseholdId) && m.LeftAt == null)
            .Where(m => db.InsuranceEnrolments.Any(e => e.MemberId == m.Id && e.Year == year && e.ResidentMedical && e.CriticalIllness))
            .GroupBy(m => m.HouseholdId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        foreach (var id in ids)
        {
            Assess(id, members.GetValueOrDefault(id), covered.GetValueOrDefault(id), always: false);
        }
    }
}
