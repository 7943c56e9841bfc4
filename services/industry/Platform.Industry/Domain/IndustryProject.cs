using Platform.Contracts;

namespace Platform.Industry.Domain;

/// <summary>
/// A household industry project (产业到户): what the household grows or raises, how big, in which year, and the
/// subsidy (产业奖补) it gets by a configured policy — one per household, policy and year.
/// </summary>
public sealed class IndustryProject : IHouseholdRecord
{
    public required Guid Id { get; init; }

    public required Guid HouseholdId { get; init; }

    public required Guid MemberId { get; init; }

    public required string Industry { get; set; }

    public string? Model { get; set; }

    public required string Description { get; set; }

    /// <summary>Scale in the industry's unit (亩 or 头).</summary>
    public required decimal Scale { get; set; }

    public required int Year { get; init; }

    public required string Policy { get; init; }

    public required decimal Subsidy { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }
}

public static class ProjectRules
{
    public const int FirstYear = 2014;

    public const int MaxDescriptionLength = 200;

    /// <summary>
    /// "the subsidy (产业奖补) by a policy in configuration": the policy's rate per unit of scale (亩 or 头), rounded to
    /// the fen, at most the policy's ceiling per household; the policy must cover the project's industry and the
    /// scale must reach the policy's minimum.
    /// </summary>
    public static RuleResult Subsidy(SubsidyPolicy policy, IndustryDefinition industry, decimal scale, out decimal subsidy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(industry);
        subsidy = 0m;
        if (!policy.Industries.Contains(industry.Code))
        {
            return RuleResult.Fail("policy", $"{policy.Name}不适用于{industry.Name}");
        }

        if (scale <= 0m || decimal.Round(scale, 2) != scale)
        {
            return RuleResult.Fail("scale", $"规模须大于0{industry.Unit}，至多两位小数");
        }

        if (scale < policy.MinScale)
        {
            return RuleResult.Fail("scale", $"{policy.Name}要求规模不少于{policy.MinScale:0.##}{industry.Unit}");
        }

        subsidy = Math.Min(decimal.Round(scale * policy.RatePerUnit, 2, MidpointRounding.AwayFromZero), policy.MaxPerHousehold);
        return RuleResult.Ok;
    }

    /// <summary>A project's year: from the campaign's first (2014) to this year.</summary>
    public static RuleResult Year(int year, DateOnly today) =>
        year < FirstYear || year > today.Year ? RuleResult.Fail("year", $"项目年度应在{FirstYear}年到{today.Year}年之间") : RuleResult.Ok;
}
