using System.Globalization;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Education.Domain;

namespace Platform.Education.Aid;

/// <summary>
/// "Education:Aid" in configuration: each policy's standard (资助标准) by code — the amount per term by
/// stage, whether it is for boarders only, and whether it counts toward stable exit income.
/// </summary>
public sealed class AidOptions
{
    public const string SectionName = "Education:Aid";

    public Dictionary<string, AidPolicyOptions> Policies { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class AidPolicyOptions
{
    public string Name { get; set; } = string.Empty;

    /// <summary>Stage code ("primary", "junior"…) → yuan per term.</summary>
    public Dictionary<string, decimal> AmountPerTerm { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public bool BoardersOnly { get; set; }

    /// <summary>Education aid does not count toward stable exit income (domain rules): false unless said otherwise.</summary>
    public bool CountsTowardExit { get; set; }
}

/// <summary>Checked at start: every policy configured, known stages, positive amounts in fen.</summary>
public sealed class AidOptionsValidator : IValidateOptions<AidOptions>
{
    public ValidateOptionsResult Validate(string? name, AidOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var policy in Enum.GetValues<AidPolicy>())
        {
            if (!options.Policies.ContainsKey(Codes.Of(policy)))
            {
                failures.Add($"{AidOptions.SectionName}:Policies:{Codes.Of(policy)} is missing.");
            }
        }

        foreach (var (code, policy) in options.Policies)
        {
            var at = $"{AidOptions.SectionName}:Policies:{code}";
            if (!Codes.TryParse<AidPolicy>(code, out _))
            {
                failures.Add($"{at}: unknown policy (known: {Codes.List<AidPolicy>()}).");
            }

            if (string.IsNullOrWhiteSpace(policy.Name))
            {
                failures.Add($"{at}:Name is required.");
            }

            if (policy.AmountPerTerm.Count == 0)
            {
                failures.Add($"{at}:AmountPerTerm needs at least one stage.");
            }

            foreach (var (stage, amount) in policy.AmountPerTerm)
            {
                if (!Codes.TryParse<SchoolStage>(stage, out _))
                {
                    failures.Add($"{at}:AmountPerTerm:{stage}: unknown stage (known: {Codes.List<SchoolStage>()}).");
                }

                if (amount <= 0 || decimal.Round(amount, 2) != amount)
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"{at}:AmountPerTerm:{stage}: {amount} must be more than 0 with at most two decimals."));
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>The configured standards, in policy order.</summary>
public sealed class AidCatalogue(IOptions<AidOptions> options)
{
    private readonly IReadOnlyList<AidStandard> standards = Enum.GetValues<AidPolicy>().Select(policy =>
    {
        var configured = options.Value.Policies[Codes.Of(policy)];
        return new AidStandard(
            policy,
            configured.Name,
            configured.AmountPerTerm.ToDictionary(a => Parse(a.Key), a => a.Value),
            configured.BoardersOnly,
            configured.CountsTowardExit);
    }).ToList();

    public IReadOnlyList<AidStandard> All => standards;

    public AidStandard this[AidPolicy policy] => standards[(int)policy - 1];

    private static SchoolStage Parse(string code) =>
        Codes.TryParse<SchoolStage>(code, out var stage) ? stage : throw new InvalidOperationException($"Unknown stage '{code}'.");
}
