using System.Globalization;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Ecology.Domain;

namespace Platform.Ecology.Compensation;

/// <summary>
/// "Ecology:Compensation" in configuration: each kind by its code ("public-welfare-forest",
/// "returned-farmland") with its name, its rates per mu and year by the year they took effect, and the
/// largest area one household may be paid for.
/// </summary>
public sealed class CompensationOptions
{
    public const string SectionName = "Ecology:Compensation";

    public Dictionary<string, CompensationKindOptions> Kinds { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class CompensationKindOptions
{
    public string Name { get; set; } = string.Empty;

    /// <summary>Year it took effect ("2014") → yuan per mu and year.</summary>
    public Dictionary<string, decimal> RatesPerMu { get; init; } = new(StringComparer.Ordinal);

    public decimal MaxAreaMu { get; set; } = 5_000m;
}

/// <summary>Checked at start: every kind configured, rates by year, positive, in fen (or hundredths of a fen).</summary>
public sealed class CompensationOptionsValidator : IValidateOptions<CompensationOptions>
{
    public ValidateOptionsResult Validate(string? name, CompensationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var kind in Enum.GetValues<CompensationKind>().Where(k => !options.Kinds.ContainsKey(Codes.Of(k))))
        {
            failures.Add($"{CompensationOptions.SectionName}:Kinds:{Codes.Of(kind)} is missing.");
        }

        foreach (var (code, kind) in options.Kinds)
        {
            var at = $"{CompensationOptions.SectionName}:Kinds:{code}";
            if (!Codes.TryParse<CompensationKind>(code, out _))
            {
                failures.Add($"{at}: unknown kind (known: {Codes.List<CompensationKind>()}).");
            }

            if (string.IsNullOrWhiteSpace(kind.Name))
            {
                failures.Add($"{at}:Name is required.");
            }

            if (kind.RatesPerMu.Count == 0)
            {
                failures.Add($"{at}:RatesPerMu needs at least one year.");
            }

            foreach (var (year, rate) in kind.RatesPerMu)
            {
                if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 2000 or > 2100)
                {
                    failures.Add($"{at}:RatesPerMu:{year}: not a year.");
                }

                if (rate <= 0 || decimal.Round(rate, 4) != rate)
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"{at}:RatesPerMu:{year}: {rate} must be more than 0 with at most four decimals."));
                }
            }

            if (kind.MaxAreaMu <= 0)
            {
                failures.Add($"{at}:MaxAreaMu must be more than 0.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>The configured standards, by kind.</summary>
public sealed class CompensationCatalogue(IOptions<CompensationOptions> options)
{
    private readonly Dictionary<CompensationKind, CompensationStandard> standards = Enum.GetValues<CompensationKind>().ToDictionary(
        kind => kind,
        kind =>
        {
            var configured = options.Value.Kinds[Codes.Of(kind)];
            return new CompensationStandard(
                kind,
                configured.Name,
                configured.RatesPerMu.ToDictionary(r => int.Parse(r.Key, CultureInfo.InvariantCulture), r => r.Value),
                configured.MaxAreaMu);
        });

    public IReadOnlyList<CompensationStandard> All => [.. standards.Values.OrderBy(s => s.Kind)];

    public CompensationStandard this[CompensationKind kind] => standards[kind];
}
