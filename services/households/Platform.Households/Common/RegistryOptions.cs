using Microsoft.Extensions.Options;
using Platform.Contracts.Registry;
using Platform.Households.Domain;

namespace Platform.Households.Common;

/// <summary>
/// The registry's rules that change by year or by region, from configuration (section "Registry"):
/// the yearly lines, the village exit limit, the county exit limits, the monitoring thresholds.
/// </summary>
public sealed class RegistryOptions
{
    public const string SectionName = "Registry";

    /// <summary>国家扶贫标准 by year (yuan per person per year, at current prices).</summary>
    public Dictionary<int, decimal> PovertyLines { get; init; } = [];

    /// <summary>防返贫监测线 by year.</summary>
    public Dictionary<int, decimal> MonitoringLines { get; init; } = [];

    /// <summary>贫困村出列: poverty incidence must be below this (0.02; 0.03 in the western regions).</summary>
    public decimal VillageMaxPovertyIncidence { get; init; } = 0.02m;

    public decimal CountyMaxComprehensiveIncidence { get; init; } = 0.02m;

    public decimal CountyMaxWrongExitRate { get; init; } = 0.02m;

    public decimal CountyMaxMissedRate { get; init; } = 0.02m;

    public decimal CountyMinRecognition { get; init; } = 0.90m;

    /// <summary>Months income must stay above the monitoring line before a flag is removed (about six).</summary>
    public int MonitoringStableMonths { get; init; } = 6;

    /// <summary>A large expense above this (out of pocket, yuan) flags the household; by kind.</summary>
    public Dictionary<ExpenseKind, decimal> LargeExpenseThresholds { get; init; } = [];

    public IncomeLines Lines() => new(PovertyLines, MonitoringLines);

    public CountyExitLimits CountyExitLimits() =>
        new(CountyMaxComprehensiveIncidence, CountyMaxWrongExitRate, CountyMaxMissedRate, CountyMinRecognition);

    /// <summary>The threshold for a kind of expense; the medical one when the kind has none configured.</summary>
    public decimal LargeExpenseThreshold(ExpenseKind kind) =>
        LargeExpenseThresholds.TryGetValue(kind, out var threshold) ? threshold
        : LargeExpenseThresholds.TryGetValue(ExpenseKind.Medical, out var medical) ? medical
        : 5000m;
}

internal sealed class RegistryOptionsValidation : IValidateOptions<RegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistryOptions options)
    {
        var failures = new List<string>();
        if (options.PovertyLines.Count == 0)
        {
            failures.Add("Registry:PovertyLines must name the poverty line of each year.");
        }

        failures.AddRange(options.PovertyLines.Concat(options.MonitoringLines)
            .Where(line => line.Value <= 0 || line.Key is < 2010 or > 2100)
            .Select(line => $"Registry lines: {line.Key} = {line.Value} is not a plausible line."));
        if (options.MonitoringStableMonths is < 1 or > 36)
        {
            failures.Add("Registry:MonitoringStableMonths must be between 1 and 36.");
        }

        foreach (var rate in new[] { options.VillageMaxPovertyIncidence, options.CountyMaxComprehensiveIncidence, options.CountyMaxWrongExitRate, options.CountyMaxMissedRate, options.CountyMinRecognition })
        {
            if (rate is <= 0 or > 1)
            {
                failures.Add("Registry rates and limits are fractions between 0 and 1.");
                break;
            }
        }

        if (options.LargeExpenseThresholds.Values.Any(t => t <= 0))
        {
            failures.Add("Registry:LargeExpenseThresholds must be positive amounts in yuan.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
