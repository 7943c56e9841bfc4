using System.Globalization;
using Platform.Contracts;

namespace Platform.Welfare.Domain;

/// <summary>A hospital claim (住院或门诊慢特病结算) of a member of a registered household, reimbursed by layer.</summary>
public sealed class HospitalClaim : IHouseholdRecord
{
    public required Guid Id { get; init; }

    public required Guid MemberId { get; init; }

    public required Guid HouseholdId { get; init; }

    /// <summary>The medical insurance bureau's settlement number (结算单号): a claim sent again is recognised by it.</summary>
    public string? SettlementNumber { get; init; }

    public required ClaimKind Kind { get; init; }

    /// <summary>县域内: treated in a hospital of the county.</summary>
    public required bool InCounty { get; init; }

    public required string Hospital { get; init; }

    public string? Diagnosis { get; init; }

    public required DateOnly AdmittedOn { get; init; }

    public required DateOnly DischargedOn { get; init; }

    public int Year => DischargedOn.Year;

    public required decimal TotalCost { get; init; }

    public required decimal WithinPolicyCost { get; init; }

    public required AidClass AidClass { get; init; }

    public required bool RegisteredPoor { get; init; }

    public required decimal BasicInsurance { get; init; }

    public required decimal CriticalIllness { get; init; }

    public required decimal MedicalAssistance { get; init; }

    public required decimal Supplementary { get; init; }

    public required decimal HealthPolicy { get; init; }

    /// <summary>The 985 policy covered the claim (registered poor patient, in the county).</summary>
    public required bool HealthPolicyApplies { get; init; }

    /// <summary>What the basic insurance left of the within-policy costs (toward the critical-illness deductible).</summary>
    public required decimal CriticalIllnessBase { get; init; }

    public required decimal Reimbursed { get; init; }

    /// <summary>What the patient pays: the whole cost less every layer.</summary>
    public required decimal OutOfPocket { get; init; }

    public required decimal WithinPolicyOutOfPocket { get; init; }

    /// <summary>The out-of-pocket amount passed the monitoring threshold and was reported to the registry.</summary>
    public required bool LargeExpenseReported { get; init; }

    public required string RecordedBy { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public static HospitalClaim Make(ClaimRequestFacts request, ClaimFacts facts, Reimbursement reimbursement, decimal largeExpenseThreshold, string recordedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(reimbursement);
        var outOfPocket = facts.TotalCost - reimbursement.Reimbursed;
        return new HospitalClaim
        {
            Id = Guid.CreateVersion7(now),
            MemberId = request.MemberId,
            HouseholdId = request.HouseholdId,
            SettlementNumber = request.SettlementNumber,
            Kind = facts.Kind,
            InCounty = facts.InCounty,
            Hospital = request.Hospital,
            Diagnosis = request.Diagnosis,
            AdmittedOn = request.AdmittedOn,
            DischargedOn = request.DischargedOn,
            TotalCost = facts.TotalCost,
            WithinPolicyCost = facts.WithinPolicyCost,
            AidClass = facts.AidClass,
            RegisteredPoor = facts.RegisteredPoor,
            BasicInsurance = reimbursement.BasicInsurance,
            CriticalIllness = reimbursement.CriticalIllness,
            MedicalAssistance = reimbursement.MedicalAssistance,
            Supplementary = reimbursement.Supplementary,
            HealthPolicy = reimbursement.HealthPolicy,
            HealthPolicyApplies = reimbursement.HealthPolicyApplies,
            CriticalIllnessBase = reimbursement.CriticalIllnessBase,
            Reimbursed = reimbursement.Reimbursed,
            OutOfPocket = outOfPocket,
            WithinPolicyOutOfPocket = facts.WithinPolicyCost - reimbursement.Reimbursed,
            LargeExpenseReported = outOfPocket > largeExpenseThreshold,
            RecordedBy = recordedBy,
            RecordedAt = now,
        };
    }

    /// <summary>For people reading the household's file: 县人民医院住院（脑梗死），总费用 30,000.00 元，报销 18,000.00 元，自付 12,000.00 元.</summary>
    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"{Hospital}{(Kind == ClaimKind.Inpatient ? "住院" : "门诊慢特病")}{(string.IsNullOrEmpty(Diagnosis) ? string.Empty : $"（{Diagnosis}）")}，总费用{TotalCost:N2}元，报销{Reimbursed:N2}元，自付{OutOfPocket:N2}元");
}

/// <summary>What a claim says of itself (checked by <see cref="ClaimRules.Check"/>), once its member is found.</summary>
public sealed record ClaimRequestFacts(
    Guid MemberId,
    Guid HouseholdId,
    string? SettlementNumber,
    string Hospital,
    string? Diagnosis,
    DateOnly AdmittedOn,
    DateOnly DischargedOn);

/// <summary>One patient's running totals of a year's claims (caps, deductibles), serialised per patient by its row version.</summary>
public sealed class PatientYear
{
    public required Guid MemberId { get; init; }

    public required int Year { get; init; }

    public int Claims { get; private set; }

    public decimal BasicInsurance { get; private set; }

    public decimal CriticalIllnessBase { get; private set; }

    public decimal CriticalIllness { get; private set; }

    public decimal MedicalAssistance { get; private set; }

    public decimal Supplementary { get; private set; }

    public decimal HealthPolicy { get; private set; }

    public decimal HealthPolicyOutOfPocket { get; private set; }

    public YearToDate ToDate => new(BasicInsurance, CriticalIllnessBase, CriticalIllness, MedicalAssistance, Supplementary, HealthPolicy, HealthPolicyOutOfPocket);

    public void Add(Reimbursement reimbursement)
    {
        ArgumentNullException.ThrowIfNull(reimbursement);
        var after = reimbursement.After;
        Claims++;
        BasicInsurance = after.BasicInsurance;
        CriticalIllnessBase = after.CriticalIllnessBase;
        CriticalIllness = after.CriticalIllness;
        MedicalAssistance = after.MedicalAssistance;
        Supplementary = after.Supplementary;
        HealthPolicy = after.HealthPolicy;
        HealthPolicyOutOfPocket = after.HealthPolicyOutOfPocket;
    }
}

/// <summary>What makes a claim acceptable before any layer is computed.</summary>
public static class ClaimRules
{
    public const int MaxHospitalLength = 100;

    /// <summary>
    /// Costs positive with at most two decimals, within-policy costs not above the total; admitted no later
    /// than discharged, discharged no later than today and within the last two years (a claim is settled
    /// soon after discharge); the patient in the resident medical insurance for the discharge year; an
    /// outpatient special-illness claim needs the patient's chronic-disease certificate (慢病卡).
    /// </summary>
    public static void Check(
        decimal totalCost, decimal withinPolicyCost, DateOnly admittedOn, DateOnly dischargedOn, DateOnly today,
        ClaimKind kind, bool insured, bool hasCertificate, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!Yuan.IsAmount(totalCost))
        {
            FieldErrors.Add(errors, "totalCost", "总费用应为大于0的金额（元，至多两位小数）");
        }

        if (!Yuan.IsAmountOrZero(withinPolicyCost) || withinPolicyCost > totalCost)
        {
            FieldErrors.Add(errors, "withinPolicyCost", "政策范围内费用应为不大于总费用的金额（元，至多两位小数）");
        }

        if (admittedOn > dischargedOn)
        {
            FieldErrors.Add(errors, "admittedOn", "入院日期不能晚于出院日期");
        }

        if (dischargedOn > today || dischargedOn < new DateOnly(today.Year - 1, 1, 1))
        {
            FieldErrors.Add(errors, "dischargedOn", "出院（结算）日期应在去年1月1日至今天之间");
        }

        if (errors.Count > 0)
        {
            return;
        }

        if (!insured)
        {
            FieldErrors.Add(errors, "memberId", "该成员未参加当年城乡居民基本医疗保险，不能按医保结算");
        }
        else if (kind == ClaimKind.SpecialOutpatient && !hasCertificate)
        {
            FieldErrors.Add(errors, "kind", "门诊慢特病结算须持有效的慢性病（特殊病）证");
        }
    }
}
