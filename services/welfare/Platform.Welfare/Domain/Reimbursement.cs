namespace Platform.Welfare.Domain;

/// <summary>城乡居民基本医疗保险: rate and deductible (起付线, per claim) by kind and place, and the yearly cap (封顶线).</summary>
public sealed record BasicInsuranceTerms(
    decimal InCountyInpatientRate,
    decimal OutOfCountyInpatientRate,
    decimal SpecialOutpatientRate,
    decimal InCountyInpatientDeductible,
    decimal OutOfCountyInpatientDeductible,
    decimal SpecialOutpatientDeductible,
    decimal AnnualCap);

/// <summary>大病保险: pays its rate of the year's within-policy costs left after the basic insurance above its yearly deductible, up to its cap.</summary>
public sealed record CriticalIllnessTerms(decimal AnnualDeductible, decimal Rate, decimal AnnualCap);

/// <summary>医疗救助: its rate of what is left, by aid class, up to a yearly cap.</summary>
public sealed record MedicalAssistanceTerms(IReadOnlyDictionary<AidClass, decimal> Rates, decimal AnnualCap);

/// <summary>补充医疗保险 of registered poor households: its rate of what is left, up to a yearly cap.</summary>
public sealed record SupplementaryTerms(decimal Rate, decimal AnnualCap);

/// <summary>
/// The county's health policy for registered poor patients (the province's "985"): in-county within-policy
/// costs reimbursed to at least <see cref="InpatientRatio"/> (inpatient) or <see cref="SpecialOutpatientRatio"/>
/// (outpatient care of serious and special chronic illness) across the layers, and at most
/// <see cref="AnnualOutOfPocketCap"/> yuan of such costs out of pocket a year.
/// </summary>
public sealed record HealthPolicyTerms(decimal InpatientRatio, decimal SpecialOutpatientRatio, decimal AnnualOutOfPocketCap);

/// <summary>The whole layered reimbursement as configured (Welfare:Claims:Layers).</summary>
public sealed record ReimbursementPolicy(
    BasicInsuranceTerms BasicInsurance,
    CriticalIllnessTerms CriticalIllness,
    MedicalAssistanceTerms MedicalAssistance,
    SupplementaryTerms Supplementary,
    HealthPolicyTerms HealthPolicy);

/// <summary>What the calculation needs to know of a claim and its patient.</summary>
public sealed record ClaimFacts(
    ClaimKind Kind,
    bool InCounty,
    decimal TotalCost,
    decimal WithinPolicyCost,
    AidClass AidClass,
    bool RegisteredPoor,
    bool CriticalIllnessInsured);

/// <summary>What a patient's earlier claims of the year used of each layer (caps, the critical-illness deductible, the 985 cap).</summary>
public sealed record YearToDate(
    decimal BasicInsurance,
    decimal CriticalIllnessBase,
    decimal CriticalIllness,
    decimal MedicalAssistance,
    decimal Supplementary,
    decimal HealthPolicy,
    decimal HealthPolicyOutOfPocket)
{
    public static readonly YearToDate None = new(0, 0, 0, 0, 0, 0, 0);
}

/// <summary>One claim's reimbursement, layer by layer, and what the patient pays.</summary>
public sealed record Reimbursement(
    decimal BasicInsurance,
    decimal CriticalIllness,
    decimal MedicalAssistance,
    decimal Supplementary,
    decimal HealthPolicy,
    bool HealthPolicyApplies,
    decimal CriticalIllnessBase,
    YearToDate After)
{
    public decimal Reimbursed => BasicInsurance + CriticalIllness + MedicalAssistance + Supplementary + HealthPolicy;

    public IReadOnlyList<(ReimbursementLayer Layer, decimal Amount)> Layers =>
    [
        (ReimbursementLayer.BasicInsurance, BasicInsurance),
        (ReimbursementLayer.CriticalIllness, CriticalIllness),
        (ReimbursementLayer.MedicalAssistance, MedicalAssistance),
        (ReimbursementLayer.Supplementary, Supplementary),
        (ReimbursementLayer.HealthPolicy, HealthPolicy),
    ];
}

/// <summary>
/// 一站式结算: the layers of a hospital claim, each on what the layers before it left of the within-policy
/// costs (政策范围内费用). Costs outside the policy (自费) are the patient's and no layer pays them.
/// <list type="number">
/// <item>Basic insurance: (within-policy − deductible) × rate, within the yearly cap.</item>
/// <item>Critical illness (insured patients): rate × the part of the year's left-overs after the basic insurance that passes the
/// yearly deductible for the first time with this claim, within the yearly cap.</item>
/// <item>Medical assistance: rate of the aid class × what is left, within the yearly cap.</item>
/// <item>Supplementary (registered poor households): rate × what is left, within the yearly cap.</item>
/// <item>Health policy ("985", registered poor patients treated in the county): tops the layers up to the ratio of the
/// within-policy costs, then further so that the year's within-policy out-of-pocket of such claims stays at most the cap.</item>
/// </list>
/// Every amount is rounded to the fen.
/// </summary>
public static class ReimbursementCalculator
{
    public static Reimbursement Calculate(ClaimFacts claim, YearToDate yearToDate, ReimbursementPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(yearToDate);
        ArgumentNullException.ThrowIfNull(policy);
        var withinPolicy = claim.WithinPolicyCost;

        var terms = policy.BasicInsurance;
        var (rate, deductible) = claim.Kind switch
        {
            ClaimKind.SpecialOutpatient => (terms.SpecialOutpatientRate, terms.SpecialOutpatientDeductible),
            _ when claim.InCounty => (terms.InCountyInpatientRate, terms.InCountyInpatientDeductible),
            _ => (terms.OutOfCountyInpatientRate, terms.OutOfCountyInpatientDeductible),
        };
        var basic = Capped(Yuan.Round(Math.Max(0m, withinPolicy - deductible) * rate), terms.AnnualCap, yearToDate.BasicInsurance);
        var left = withinPolicy - basic;

        var ci = policy.CriticalIllness;
        var ciBase = claim.CriticalIllnessInsured ? left : 0m;
        var passed = Math.Max(0m, yearToDate.CriticalIllnessBase + ciBase - ci.AnnualDeductible) - Math.Max(0m, yearToDate.CriticalIllnessBase - ci.AnnualDeductible);
        var critical = claim.CriticalIllnessInsured ? Capped(Yuan.Round(passed * ci.Rate), ci.AnnualCap, yearToDate.CriticalIllness) : 0m;
        left -= critical;

        var assistanceTerms = policy.MedicalAssistance;
        var assistanceRate = assistanceTerms.Rates.TryGetValue(claim.AidClass, out var r) ? r : 0m;
        var assistance = Capped(Yuan.Round(left * assistanceRate), assistanceTerms.AnnualCap, yearToDate.MedicalAssistance);
        left -= assistance;

        var supplementary = claim.RegisteredPoor
            ? Capped(Yuan.Round(left * policy.Supplementary.Rate), policy.Supplementary.AnnualCap, yearToDate.Supplementary)
            : 0m;
        left -= supplementary;

        var health = policy.HealthPolicy;
        var applies = claim.RegisteredPoor && claim.InCounty;
        var topUp = 0m;
        var outOfPocket = 0m;
        if (applies)
        {
            var ratio = claim.Kind == ClaimKind.SpecialOutpatient ? health.SpecialOutpatientRatio : health.InpatientRatio;
            topUp = Math.Max(0m, Yuan.Round(withinPolicy * ratio) - (withinPolicy - left));
            left -= topUp;
            var capLeft = Math.Max(0m, health.AnnualOutOfPocketCap - yearToDate.HealthPolicyOutOfPocket);
            if (left > capLeft)
            {
                topUp += left - capLeft;
                left = capLeft;
            }

            outOfPocket = left;
        }

        var after = new YearToDate(
            yearToDate.BasicInsurance + basic,
            yearToDate.CriticalIllnessBase + ciBase,
            yearToDate.CriticalIllness + critical,
            yearToDate.MedicalAssistance + assistance,
            yearToDate.Supplementary + supplementary,
            yearToDate.HealthPolicy + topUp,
            yearToDate.HealthPolicyOutOfPocket + outOfPocket);
        return new Reimbursement(basic, critical, assistance, supplementary, topUp, applies, ciBase, after);
    }

    private static decimal Capped(decimal amount, decimal annualCap, decimal usedThisYear) =>
        Math.Max(0m, Math.Min(amount, annualCap - usedThisYear));
}
