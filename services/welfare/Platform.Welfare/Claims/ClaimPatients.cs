using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Households;
using Platform.Welfare.Common;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Claims;

/// <summary>Loads, for many claims at once, what each patient's claim needs: household, insurance, certificate, the year's totals (tracked).</summary>
public sealed class ClaimPatients(WelfareDbContext db, HouseholdSituations situations)
{
    private Dictionary<Guid, HouseholdSituation> households = [];
    private Dictionary<(Guid, int), InsuranceEnrolment> insurance = [];
    private HashSet<Guid> certified = [];
    private Dictionary<(Guid, int), PatientYear> totals = [];

    public async Task LoadAsync(IReadOnlyCollection<ReplicaMember> members, IReadOnlyCollection<int> years, CancellationToken cancellationToken)
    {
        var memberIds = members.Select(m => m.Id).Distinct().ToList();
        var yearList = years.Distinct().ToList();
        households = await situations.LoadAsync(members.Select(m => m.HouseholdId).Distinct().ToList(), cancellationToken);
        insurance = await db.InsuranceEnrolments.AsNoTracking().Where(e => memberIds.Contains(e.MemberId) && yearList.Contains(e.Year))
            .ToDictionaryAsync(e => (e.MemberId, e.Year), cancellationToken);
        certified = (await db.ChronicCertificates.AsNoTracking().Where(c => memberIds.Contains(c.MemberId) && c.RevokedOn == null).Select(c => c.MemberId).ToListAsync(cancellationToken))
            .ToHashSet();
        totals = await db.PatientYears.Where(p => memberIds.Contains(p.MemberId) && yearList.Contains(p.Year))
            .ToDictionaryAsync(p => (p.MemberId, p.Year), cancellationToken);
    }

    public PatientContext Patient(ReplicaMember member, int year)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new PatientContext(member, households[member.HouseholdId], insurance.GetValueOrDefault((member.Id, year)), certified.Contains(member.Id));
    }

    public PatientYear? Totals(Guid memberId, int year) => totals.GetValueOrDefault((memberId, year));

    public void Keep(PatientYear updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        totals[(updated.MemberId, updated.Year)] = updated;
    }
}
