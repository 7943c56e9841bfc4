using System.Globalization;
using Microsoft.Extensions.Options;
using Platform.Ecology.Domain;

namespace Platform.Ecology.Rangers;

/// <summary>"Ecology:Rangers" in configuration: who may be selected as a forest ranger, and the pay of a post.</summary>
public sealed class RangerOptions
{
    public const string SectionName = "Ecology:Rangers";

    /// <summary>The youngest age in the contract year (by birth year).</summary>
    public int MinAge { get; set; } = 18;

    /// <summary>The oldest age in the contract year (by birth year).</summary>
    public int MaxAge { get; set; } = 60;

    /// <summary>The registry's labour-ability codes a ranger may have ("normal", "weak").</summary>
    public List<string> AbleLabourAbilities { get; init; } = [];

    /// <summary>The registry's health codes that exclude a person ("serious").</summary>
    public List<string> ExcludedHealth { get; init; } = [];

    /// <summary>The gravest disability grade (1 gravest … 4 lightest) a ranger may have is this one; null: disability alone does not exclude.</summary>
    public int? MinDisabilityGrade { get; set; }

    /// <summary>Posts one household may hold in a year (一户一岗: 1).</summary>
    public int PostsPerHousehold { get; set; } = 1;

    /// <summary>A post's pay for a whole year, in yuan.</summary>
    public decimal AnnualPay { get; set; }

    /// <summary>The first contract year the platform takes (the campaign's first year).</summary>
    public int FirstYear { get; set; } = 2014;

    public RangerPolicy ToPolicy() => new(
        MinAge,
        MaxAge,
        AbleLabourAbilities.ToHashSet(StringComparer.Ordinal),
        ExcludedHealth.ToHashSet(StringComparer.Ordinal),
        MinDisabilityGrade,
        PostsPerHousehold,
        AnnualPay,
        FirstYear);
}

/// <summary>Checked at start: plausible ages, known codes, a positive pay in fen.</summary>
public sealed class RangerOptionsValidator : IValidateOptions<RangerOptions>
{
    private static readonly string[] LabourAbilities = ["normal", "weak", "none", "not-working-age"];
    private static readonly string[] HealthCodes = ["healthy", "chronic", "serious", "disabled"];

    public ValidateOptionsResult Validate(string? name, RangerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var at = RangerOptions.SectionName;
        if (options.MinAge is < 16 or > 70 || options.MaxAge < options.MinAge || options.MaxAge > 75)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{at}: MinAge ({options.MinAge}) and MaxAge ({options.MaxAge}) must lie between 16 and 75, MinAge first."));
        }

        if (options.AbleLabourAbilities.Count == 0)
        {
            failures.Add($"{at}:AbleLabourAbilities needs at least one code ({string.Join(", ", LabourAbilities)}).");
        }

        failures.AddRange(options.AbleLabourAbilities.Where(c => !LabourAbilities.Contains(c, StringComparer.Ordinal))
            .Select(c => $"{at}:AbleLabourAbilities: unknown code '{c}' (known: {string.Join(", ", LabourAbilities)})."));
        failures.AddRange(options.ExcludedHealth.Where(c => !HealthCodes.Contains(c, StringComparer.Ordinal))
            .Select(c => $"{at}:ExcludedHealth: unknown code '{c}' (known: {string.Join(", ", HealthCodes)})."));
        if (options.MinDisabilityGrade is < 1 or > 4)
        {
            failures.Add($"{at}:MinDisabilityGrade must be 1 to 4 (or absent).");
        }

        if (options.PostsPerHousehold < 1)
        {
            failures.Add($"{at}:PostsPerHousehold must be at least 1.");
        }

        if (options.AnnualPay <= 0 || decimal.Round(options.AnnualPay, 2) != options.AnnualPay)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{at}:AnnualPay ({options.AnnualPay}) must be more than 0 with at most two decimals."));
        }

        if (options.FirstYear is < 2000 or > 2100)
        {
            failures.Add($"{at}:FirstYear must be a year.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
