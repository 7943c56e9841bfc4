using System.Globalization;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Industry.Domain;

namespace Platform.Industry.Catalogue;

/// <summary>
/// Section "Industry": the county's industries (食用菌, 中药材, 黄酒, 烟叶, 茶叶, 畜牧…) with how each is measured, its
/// named industry models (产业扶贫模式) and its subsidy policies (产业奖补), each by a kebab-case code.
/// </summary>
public sealed class IndustryOptions
{
    public const string SectionName = "Industry";

    public Dictionary<string, IndustryOptionsEntry> Industries { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, ModelOptionsEntry> Models { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, SubsidyPolicyOptionsEntry> SubsidyPolicies { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class IndustryOptionsEntry
{
    public string Name { get; set; } = string.Empty;

    /// <summary>"area" (亩) or "head" (头/只).</summary>
    public string Measure { get; set; } = string.Empty;

    /// <summary>A grouping for people, e.g. 畜牧 for goats, pigs and beef cattle.</summary>
    public string? Category { get; set; }
}

public sealed class ModelOptionsEntry
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }
}

public sealed class SubsidyPolicyOptionsEntry
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The industry codes the policy covers.</summary>
    public List<string> Industries { get; init; } = [];

    /// <summary>Yuan per unit (亩 or 头) of a project's scale.</summary>
    public decimal RatePerUnit { get; set; }

    /// <summary>At most this many yuan per household and year.</summary>
    public decimal MaxPerHousehold { get; set; }

    /// <summary>The smallest scale the policy subsidises.</summary>
    public decimal MinScale { get; set; }
}

/// <summary>Checked at start: names, measures, known industries in policies, positive amounts in fen.</summary>
public sealed class IndustryOptionsValidator : IValidateOptions<IndustryOptions>
{
    public ValidateOptionsResult Validate(string? name, IndustryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var at = IndustryOptions.SectionName;
        if (options.Industries.Count == 0)
        {
            failures.Add($"{at}:Industries needs at least one industry.");
        }

        foreach (var (code, industry) in options.Industries)
        {
            if (string.IsNullOrWhiteSpace(industry.Name))
            {
                failures.Add($"{at}:Industries:{code}:Name is required.");
            }

            if (!Codes.TryParse<Measure>(industry.Measure, out _))
            {
                failures.Add($"{at}:Industries:{code}:Measure must be one of {Codes.List<Measure>()}.");
            }
        }

        foreach (var (code, model) in options.Models)
        {
            if (string.IsNullOrWhiteSpace(model.Name))
            {
                failures.Add($"{at}:Models:{code}:Name is required.");
            }
        }

        foreach (var (code, policy) in options.SubsidyPolicies)
        {
            var where = $"{at}:SubsidyPolicies:{code}";
            if (string.IsNullOrWhiteSpace(policy.Name))
            {
                failures.Add($"{where}:Name is required.");
            }

            foreach (var industry in policy.Industries.Where(i => !options.Industries.ContainsKey(i)))
            {
                failures.Add($"{where}:Industries: unknown industry '{industry}'.");
            }

            if (policy.Industries.Count == 0)
            {
                failures.Add($"{where}:Industries needs at least one industry.");
            }

            foreach (var (field, amount) in new[] { ("RatePerUnit", policy.RatePerUnit), ("MaxPerHousehold", policy.MaxPerHousehold) })
            {
                if (amount <= 0 || decimal.Round(amount, 2) != amount)
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"{where}:{field}: {amount} must be more than 0 with at most two decimals."));
                }
            }

            if (policy.MinScale < 0)
            {
                failures.Add($"{where}:MinScale must not be negative.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The catalogue the options describe (validated first).</summary>
    public static IndustryCatalogue Catalogue(IOptions<IndustryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        return new IndustryCatalogue(
            value.Industries.Select(i => new IndustryDefinition(i.Key, i.Value.Name, Codes.TryParse<Measure>(i.Value.Measure, out var m) ? m : Measure.Area, i.Value.Category)),
            value.Models.Select(m => new IndustryModel(m.Key, m.Value.Name, m.Value.Description)),
            value.SubsidyPolicies.Select(p => new SubsidyPolicy(
                p.Key, p.Value.Name, p.Value.Industries.ToHashSet(StringComparer.OrdinalIgnoreCase), p.Value.RatePerUnit, p.Value.MaxPerHousehold, p.Value.MinScale)));
    }
}
