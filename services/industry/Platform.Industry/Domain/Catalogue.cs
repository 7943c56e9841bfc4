using Platform.Contracts;

namespace Platform.Industry.Domain;

/// <summary>How an industry's size is measured: planted area (亩) or livestock (头/只).</summary>
public enum Measure
{
    /// <summary>种植面积（亩）.</summary>
    Area = 1,

    /// <summary>存栏（头/只）.</summary>
    Head = 2,
}

/// <summary>An industry of the county (食用菌, 中药材, 黄酒, 烟叶, 茶叶, 畜牧…), from configuration.</summary>
public sealed record IndustryDefinition(string Code, string Name, Measure Measure, string? Category)
{
    /// <summary>The unit for people: 亩 or 头.</summary>
    public string Unit => Measure == Measure.Area ? "亩" : "头";
}

/// <summary>
/// A named industry model (产业扶贫模式) of the county, e.g. 食用菌"园区+", 中药材"三金链接", 黄酒"统分经营": a
/// classification of entities and projects, from configuration.
/// </summary>
public sealed record IndustryModel(string Code, string Name, string? Description);

/// <summary>
/// A subsidy policy (产业奖补政策) from configuration: so much per unit of a project's scale (亩 or 头), at most
/// so much per household and year, for the industries it names, from a minimum scale.
/// </summary>
public sealed record SubsidyPolicy(string Code, string Name, IReadOnlySet<string> Industries, decimal RatePerUnit, decimal MaxPerHousehold, decimal MinScale);

/// <summary>The configured industries, models and subsidy policies, looked up by code.</summary>
public sealed class IndustryCatalogue(IEnumerable<IndustryDefinition> industries, IEnumerable<IndustryModel> models, IEnumerable<SubsidyPolicy> policies)
{
    private readonly Dictionary<string, IndustryDefinition> industries = industries.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IndustryModel> models = models.ToDictionary(m => m.Code, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SubsidyPolicy> policies = policies.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<IndustryDefinition> Industries => industries.Values;

    public IReadOnlyCollection<IndustryModel> Models => models.Values;

    public IReadOnlyCollection<SubsidyPolicy> Policies => policies.Values;

    public IndustryDefinition? Industry(string? code) => code is null ? null : industries.GetValueOrDefault(code.Trim());

    public IndustryModel? Model(string? code) => code is null ? null : models.GetValueOrDefault(code.Trim());

    public SubsidyPolicy? Policy(string? code) => code is null ? null : policies.GetValueOrDefault(code.Trim());

    /// <summary>A required industry code: its definition, or an error on <paramref name="field"/>.</summary>
    public IndustryDefinition? RequireIndustry(string? code, string field, IDictionary<string, string[]> errors)
    {
        if (Industry(code) is { } industry)
        {
            return industry;
        }

        FieldErrors.Add(errors, field, $"产业应为：{string.Join("、", industries.Values.Select(i => $"{i.Code}（{i.Name}）"))}");
        return null;
    }

    /// <summary>An optional model code: null when empty, its canonical code when known, else an error on <paramref name="field"/>.</summary>
    public string? OptionalModel(string? code, string field, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        if (Model(code) is { } model)
        {
            return model.Code;
        }

        FieldErrors.Add(errors, field, $"产业扶贫模式应为：{string.Join("、", models.Values.Select(m => $"{m.Code}（{m.Name}）"))}");
        return null;
    }
}
