using System.Globalization;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Welfare.Domain;

namespace Platform.Welfare;

/// <summary>
/// "Welfare" in configuration: the standards that change by year or by county decision, never in code —
/// 低保 and 特困 standards by year, the insurance premium by year and the subsidy by aid class, the layers
/// of hospital reimbursement, the monitoring threshold of a large medical expense.
/// </summary>
public sealed class WelfareOptions
{
    public const string SectionName = "Welfare";

    public AssistanceOptions Assistance { get; init; } = new();

    public InsuranceOptions Insurance { get; init; } = new();

    public ClaimOptions Claims { get; init; } = new();
}

public sealed class AssistanceOptions
{
    /// <summary>Year → standards.</summary>
    public Dictionary<int, StandardOptions> Standards { get; init; } = [];
}

public sealed class StandardOptions
{
    /// <summary>农村低保标准, yuan per person per year.</summary>
    public decimal MinimumLivingAnnual { get; set; }

    /// <summary>特困人员基本生活标准, yuan per person per year (at least the 低保 standard).</summary>
    public decimal ExtremePovertyAnnual { get; set; }

    /// <summary>低保 allowance at least this per person per month (保底).</summary>
    public decimal MinimumMonthlyPerPerson { get; set; }
}

public sealed class InsuranceOptions
{
    /// <summary>Year → individual premium of the resident medical insurance (个人缴费标准, yuan).</summary>
    public Dictionary<int, decimal> Premiums { get; init; } = [];

    /// <summary>Aid class code ("extreme-poverty", "minimum-living", "registered", "monitored") → share of the premium subsidised, 0–1.</summary>
    public Dictionary<string, decimal> SubsidyRates { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class ClaimOptions
{
    /// <summary>A claim whose out-of-pocket amount is above this is reported to the registry as a large expense (防返贫监测).</summary>
    public decimal LargeExpenseThreshold { get; set; } = 5000m;

    public BasicInsuranceOptions BasicInsurance { get; init; } = new();

    public CriticalIllnessOptions CriticalIllness { get; init; } = new();

    public MedicalAssistanceOptions MedicalAssistance { get; init; } = new();

    public SupplementaryOptions Supplementary { get; init; } = new();

    public HealthPolicyOptions HealthPolicy { get; init; } = new();
}

public sealed class BasicInsuranceOptions
{
    public decimal InCountyInpatientRate { get; set; }

    public decimal OutOfCountyInpatientRate { get; set; }

    public decimal SpecialOutpatientRate { get; set; }

    public decimal InCountyInpatientDeductible { get; set; }

    public decimal OutOfCountyInpatientDeductible { get; set; }

    public decimal SpecialOutpatientDeductible { get; set; }

    public decimal AnnualCap { get; set; }
}

public sealed class CriticalIllnessOptions
{
    public decimal AnnualDeductible { get; set; }

    public decimal Rate { get; set; }

    public decimal AnnualCap { get; set; }
}

public sealed class MedicalAssistanceOptions
{
    /// <summary>Aid class code → rate of what the insurances leave, 0–1.</summary>
    public Dictionary<string, decimal> Rates { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public decimal AnnualCap { get; set; }
}

public sealed class SupplementaryOptions
{
    public decimal Rate { get; set; }

    public decimal AnnualCap { get; set; }
}

public sealed class HealthPolicyOptions
{
    public decimal InpatientRatio { get; set; }

    public decimal SpecialOutpatientRatio { get; set; }

    public decimal AnnualOutOfPocketCap { get; set; }
}

/// <summary>Checked at start: every aid class has its rates, rates within 0–1, standards and caps positive.</summary>
public sealed class WelfareOptionsValidator : IValidateOptions<WelfareOptions>
{
    public ValidateOptionsResult Validate(string? name, WelfareOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var c = CultureInfo.InvariantCulture;
        const string at = WelfareOptions.SectionName;
        if (options.Assistance.Standards.Count == 0)
        {
            failures.Add($"{at}:Assistance:Standards needs at least one year.");
        }

        foreach (var (year, standard) in options.Assistance.Standards)
        {
            if (standard.MinimumLivingAnnual <= 0 || standard.ExtremePovertyAnnual < standard.MinimumLivingAnnual || standard.MinimumMonthlyPerPerson < 0)
            {
                failures.Add(string.Create(c, $"{at}:Assistance:Standards:{year}: the 低保 standard must be positive, the 特困 standard at least the 低保 standard, the monthly minimum not negative."));
            }
        }

        if (options.Insurance.Premiums.Count == 0 || options.Insurance.Premiums.Values.Any(p => p <= 0))
        {
            failures.Add($"{at}:Insurance:Premiums needs a positive premium for at least one year.");
        }

        Rates(options.Insurance.SubsidyRates, $"{at}:Insurance:SubsidyRates", failures);
        Rates(options.Claims.MedicalAssistance.Rates, $"{at}:Claims:MedicalAssistance:Rates", failures);
        var basic = options.Claims.BasicInsurance;
        foreach (var (key, rate) in new[]
                 {
                     ("BasicInsurance:InCountyInpatientRate", basic.InCountyInpatientRate), ("BasicInsurance:OutOfCountyInpatientRate", basic.OutOfCountyInpatientRate),
                     ("BasicInsurance:SpecialOutpatientRate", basic.SpecialOutpatientRate), ("CriticalIllness:Rate", options.Claims.CriticalIllness.Rate),
                     ("Supplementary:Rate", options.Claims.Supplementary.Rate), ("HealthPolicy:InpatientRatio", options.Claims.HealthPolicy.InpatientRatio),
                     ("HealthPolicy:SpecialOutpatientRatio", options.Claims.HealthPolicy.SpecialOutpatientRatio),
                 })
        {
            if (rate is < 0 or > 1)
            {
                failures.Add(string.Create(c, $"{at}:Claims:{key}: {rate} must be between 0 and 1."));
            }
        }

        foreach (var (key, amount) in new[]
                 {
                     ("BasicInsurance:AnnualCap", basic.AnnualCap), ("CriticalIllness:AnnualCap", options.Claims.CriticalIllness.AnnualCap),
                     ("MedicalAssistance:AnnualCap", options.Claims.MedicalAssistance.AnnualCap), ("Supplementary:AnnualCap", options.Claims.Supplementary.AnnualCap),
                     ("HealthPolicy:AnnualOutOfPocketCap", options.Claims.HealthPolicy.AnnualOutOfPocketCap), ("LargeExpenseThreshold", options.Claims.LargeExpenseThreshold),
                 })
        {
            if (amount <= 0)
            {
                failures.Add($"{at}:Claims:{key} must be positive.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Rates(Dictionary<string, decimal> rates, string at, List<string> failures)
    {
        foreach (var aidClass in Enum.GetValues<AidClass>())
        {
            if (!rates.TryGetValue(Codes.Of(aidClass), out var rate))
            {
                failures.Add($"{at}:{Codes.Of(aidClass)} is missing.");
            }
            else if (rate is < 0 or > 1)
            {
                failures.Add($"{at}:{Codes.Of(aidClass)} must be between 0 and 1.");
            }
        }

        foreach (var code in rates.Keys.Where(k => !Codes.TryParse<AidClass>(k, out _)))
        {
            failures.Add($"{at}:{code}: unknown aid class (known: {Codes.List<AidClass>()}).");
        }
    }
}

/// <summary>The configured standards as the domain uses them.</summary>
public sealed class WelfarePolicies(IOptions<WelfareOptions> options)
{
    private readonly WelfareOptions value = options.Value;

    public IReadOnlyList<AssistanceStandard> Standards => value.Assistance.Standards.OrderBy(s => s.Key).Select(s => Standard(s.Key)!).ToList();

    /// <summary>The year's standards, or null when none is configured for it.</summary>
    public AssistanceStandard? Standard(int year) =>
        value.Assistance.Standards.TryGetValue(year, out var s) ? new AssistanceStandard(year, s.MinimumLivingAnnual, s.ExtremePovertyAnnual, s.MinimumMonthlyPerPerson) : null;

    /// <summary>The year's premium, or null when none is configured for it.</summary>
    public decimal? Premium(int year) => value.Insurance.Premiums.TryGetValue(year, out var premium) ? premium : null;

    public IReadOnlyDictionary<int, decimal> Premiums => value.Insurance.Premiums;

    public IReadOnlyDictionary<AidClass, decimal> SubsidyRates { get; } = ByClass(options.Value.Insurance.SubsidyRates);

    public decimal LargeExpenseThreshold => value.Claims.LargeExpenseThreshold;

    public ReimbursementPolicy Reimbursement { get; } = new(
        new BasicInsuranceTerms(
            options.Value.Claims.BasicInsurance.InCountyInpatientRate,
            options.Value.Claims.BasicInsurance.OutOfCountyInpatientRate,
            options.Value.Claims.BasicInsurance.SpecialOutpatientRate,
            options.Value.Claims.BasicInsurance.InCountyInpatientDeductible,
            options.Value.Claims.BasicInsurance.OutOfCountyInpatientDeductible,
            options.Value.Claims.BasicInsurance.SpecialOutpatientDeductible,
            options.Value.Claims.BasicInsurance.AnnualCap),
        new CriticalIllnessTerms(options.Value.Claims.CriticalIllness.AnnualDeductible, options.Value.Claims.CriticalIllness.Rate, options.Value.Claims.CriticalIllness.AnnualCap),
        new MedicalAssistanceTerms(ByClass(options.Value.Claims.MedicalAssistance.Rates), options.Value.Claims.MedicalAssistance.AnnualCap),
        new SupplementaryTerms(options.Value.Claims.Supplementary.Rate, options.Value.Claims.Supplementary.AnnualCap),
        new HealthPolicyTerms(options.Value.Claims.HealthPolicy.InpatientRatio, options.Value.Claims.HealthPolicy.SpecialOutpatientRatio, options.Value.Claims.HealthPolicy.AnnualOutOfPocketCap));

    private static Dictionary<AidClass, decimal> ByClass(Dictionary<string, decimal> rates) =>
        rates.Where(r => Codes.TryParse<AidClass>(r.Key, out _)).ToDictionary(r => Codes.TryParse<AidClass>(r.Key, out var k) ? k : default, r => r.Value);
}
