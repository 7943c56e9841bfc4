using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Messaging.Households;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;
using Platform.Welfare.Common;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Claims;

/// <summary>A claim as the portal or the feed gives it, parsed (amounts in yuan).</summary>
public sealed record ClaimInput(
    ClaimKind Kind, bool InCounty, string Hospital, string? Diagnosis, DateOnly AdmittedOn, DateOnly DischargedOn, decimal TotalCost, decimal WithinPolicyCost, string? SettlementNumber);

/// <summary>What the ledger needs to know of the patient for one claim, loaded set-based by the caller.</summary>
public sealed record PatientContext(ReplicaMember Member, HouseholdSituation Household, InsuranceEnrolment? Insurance, bool HasCertificate);

/// <summary>
/// 一站式结算 inside the caller's unit of work: checks a claim, computes its layers on the patient's totals of the
/// year (<see cref="ReimbursementCalculator"/>), keeps the claim and the totals, and tells the registry the
/// reimbursement (transfer income that does not count toward stable exit income) and, when the patient's
/// out-of-pocket amount passes the monitoring threshold, the large expense — through the outbox, committed
/// with the claim by the caller's SaveChanges or not at all. Used by the portal and the medical insurance feed.
/// </summary>
public sealed class ClaimLedger(WelfareDbContext db, WelfarePolicies policies, TimeProvider clock)
{
    /// <summary>The layers the claim would get, without writing anything (试算); errors name the fields at fault.</summary>
    public (ClaimFacts? Facts, Reimbursement? Reimbursement) Calculate(ClaimInput input, PatientContext patient, PatientYear? totals, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(patient);
        ClaimRules.Check(
            input.TotalCost, input.WithinPolicyCost, input.AdmittedOn, input.DischargedOn, clock.Today(), input.Kind,
            patient.Insurance is { ResidentMedical: true } insurance && insurance.Year == input.DischargedOn.Year, patient.HasCertificate, errors);
        if (errors.Count > 0)
        {
            return (null, null);
        }

        var facts = new ClaimFacts(
            input.Kind, input.InCounty, input.TotalCost, input.WithinPolicyCost, patient.Household.AidClass, patient.Household.RegisteredPoor, patient.Insurance!.CriticalIllness);
        return (facts, ReimbursementCalculator.Calculate(facts, totals?.ToDate ?? YearToDate.None, policies.Reimbursement));
    }

    /// <summary>Records the claim with its layers; <paramref name="totals"/> is the patient's row of the year (tracked), or null to start one.</summary>
    public HospitalClaim? Record(ClaimInput input, PatientContext patient, PatientYear? totals, string recordedBy, IDictionary<string, string[]> errors, out PatientYear? updatedTotals)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(patient);
        updatedTotals = totals;
        var (facts, reimbursement) = Calculate(input, patient, totals, errors);
        if (facts is null || reimbursement is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var claim = HospitalClaim.Make(
            new ClaimRequestFacts(patient.Member.Id, patient.Member.HouseholdId, input.SettlementNumber, input.Hospital, input.Diagnosis, input.AdmittedOn, input.DischargedOn),
            facts,
            reimbursement,
            policies.LargeExpenseThreshold,
            recordedBy,
            now);
        if (totals is null)
        {
            totals = new PatientYear { MemberId = patient.Member.Id, Year = input.DischargedOn.Year };
            db.PatientYears.Add(totals);
        }

        totals.Add(reimbursement);
        updatedTotals = totals;
        db.HospitalClaims.Add(claim);
        if (claim.Reimbursed > 0)
        {
            db.AddIntegrationEvent(
                new IncomeRecorded
                {
                    EventId = Guid.CreateVersion7(now), HouseholdId = claim.HouseholdId, OccurredAt = now, MemberId = claim.MemberId, Year = claim.Year, Kind = IncomeKind.Transfer,
                    Amount = claim.Reimbursed, CountsTowardExit = false, Source = Pillar.Welfare, SourceRecordId = SourceRecord(claim), Description = "医疗费用报销：" + claim.Description,
                },
                clock);
        }

        if (claim.LargeExpenseReported)
        {
            db.AddIntegrationEvent(
                new LargeExpenseReported
                {
                    EventId = Guid.CreateVersion7(now), HouseholdId = claim.HouseholdId, OccurredAt = now, MemberId = claim.MemberId, Kind = ExpenseKind.Medical,
                    OutOfPocket = claim.OutOfPocket, TotalCost = claim.TotalCost, IncurredOn = claim.DischargedOn, Source = Pillar.Welfare, SourceRecordId = SourceRecord(claim),
                    Description = claim.Description,
                },
                clock);
        }

        return claim;
    }

    public static string SourceRecord(HospitalClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return "hospital-claim:" + claim.Id;
    }
}
