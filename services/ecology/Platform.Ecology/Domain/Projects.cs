using System.Globalization;
using Platform.Contracts;

namespace Platform.Ecology.Domain;

/// <summary>
/// An ecological project of a village: afforestation (精准灭荒) or an orchard base (林果基地) with its area,
/// and the households that work on it or hold shares in it.
/// </summary>
public sealed class EcologyProject
{
    private EcologyProject()
    {
    }

    public Guid Id { get; private init; }

    public string Name { get; private init; } = string.Empty;

    public ProjectKind Kind { get; private init; }

    /// <summary>What an orchard grows; null for afforestation.</summary>
    public OrchardCrop? Crop { get; private init; }

    public string TownshipCode { get; private init; } = string.Empty;

    public string VillageCode { get; private init; } = string.Empty;

    public decimal AreaMu { get; private init; }

    /// <summary>The year it was planted (实施年度).</summary>
    public int Year { get; private init; }

    /// <summary>实施主体: a cooperative, an enterprise, the village committee.</summary>
    public string? Operator { get; private init; }

    public DateTimeOffset CreatedAt { get; private init; }

    public string CreatedBy { get; private init; } = string.Empty;

    /// <summary>
    /// A project has a name, an area (more than 0 and at most 100,000 mu, two decimals), a year from the
    /// first configured one to this one; an orchard names its crop and afforestation none.
    /// </summary>
    public static RuleResult Check(ProjectKind kind, OrchardCrop? crop, decimal areaMu, int year, int firstYear, DateOnly today)
    {
        if (kind == ProjectKind.Orchard && crop is null)
        {
            return RuleResult.Fail("crop", "林果基地须注明品种（樱桃、黄桃等）");
        }

        if (kind == ProjectKind.Afforestation && crop is not null)
        {
            return RuleResult.Fail("crop", "精准灭荒项目不填林果品种");
        }

        if (areaMu <= 0 || areaMu > 100_000 || decimal.Round(areaMu, 2) != areaMu)
        {
            return RuleResult.Fail("areaMu", "面积（亩）应大于0且不超过100000，最多两位小数");
        }

        return year < firstYear || year > today.Year
            ? RuleResult.Fail("year", string.Create(CultureInfo.InvariantCulture, $"实施年度应在{firstYear}年至{today.Year}年之间"))
            : RuleResult.Ok;
    }

    public static EcologyProject Create(
        string name, ProjectKind kind, OrchardCrop? crop, string townshipCode, string villageCode, decimal areaMu, int year, string? @operator, string createdBy, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            Name = name,
            Kind = kind,
            Crop = crop,
            TownshipCode = townshipCode,
            VillageCode = villageCode,
            AreaMu = areaMu,
            Year = year,
            Operator = @operator,
            CreatedAt = now,
            CreatedBy = createdBy,
        };
}

/// <summary>A household working on a project or holding shares in it (带动农户).</summary>
public sealed class ProjectHousehold
{
    private ProjectHousehold()
    {
    }

    public Guid ProjectId { get; private init; }

    public Guid HouseholdId { get; private init; }

    public DateTimeOffset JoinedAt { get; private init; }

    public static ProjectHousehold Join(Guid projectId, Guid householdId, DateTimeOffset now) =>
        new() { ProjectId = projectId, HouseholdId = householdId, JoinedAt = now };
}

/// <summary>
/// 项目收益: a household's wages or dividend from a project for a year, once per project, household, kind
/// and year. Wages are the household's wage income, a dividend its property income, in the registry.
/// </summary>
public sealed class ProjectIncome
{
    private ProjectIncome()
    {
    }

    public Guid Id { get; private init; }

    public Guid ProjectId { get; private init; }

    public Guid HouseholdId { get; private init; }

    public Guid? MemberId { get; private init; }

    public ProjectIncomeKind Kind { get; private init; }

    public int Year { get; private init; }

    public decimal Amount { get; private init; }

    public string? Note { get; private init; }

    public DateTimeOffset RecordedAt { get; private init; }

    public string RecordedBy { get; private init; } = string.Empty;

    /// <summary>For a year from the project's own to this one; more than 0 and at most 1,000,000 yuan, in fen.</summary>
    public static RuleResult Check(EcologyProject project, int year, decimal amount, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (year < project.Year || year > today.Year)
        {
            return RuleResult.Fail("year", string.Create(CultureInfo.InvariantCulture, $"收益年度应在项目实施年度{project.Year}年至{today.Year}年之间"));
        }

        return amount <= 0 || amount > 1_000_000 || decimal.Round(amount, 2) != amount
            ? RuleResult.Fail("amount", "金额应大于0且不超过1000000元，最多两位小数")
            : RuleResult.Ok;
    }

    public static ProjectIncome Make(EcologyProject project, Guid householdId, Guid? memberId, ProjectIncomeKind kind, int year, decimal amount, string? note, string recordedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new ProjectIncome
        {
            Id = Guid.CreateVersion7(now),
            ProjectId = project.Id,
            HouseholdId = householdId,
            MemberId = memberId,
            Kind = kind,
            Year = year,
            Amount = amount,
            Note = note,
            RecordedAt = now,
            RecordedBy = recordedBy,
        };
    }
}

/// <summary>Optional free text of the APIs: trimmed, null when empty, refused when longer than allowed.</summary>
public static class FreeText
{
    public static string? Optional(string? text, int max, string field, IDictionary<string, string[]> errors)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > max)
        {
            FieldErrors.Add(errors, field, string.Create(CultureInfo.InvariantCulture, $"不超过{max}字"));
        }

        return trimmed;
    }
}
