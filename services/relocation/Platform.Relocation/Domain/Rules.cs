using Platform.Contracts;

namespace Platform.Relocation.Domain;

/// <summary>Checks shared by the records of this pillar: dates, codes, text.</summary>
public static class Rules
{
    /// <summary>The national relocation programme's pilots began in 2001: earlier dates are typing errors.</summary>
    public static readonly DateOnly EarliestDate = new(2001, 1, 1);

    /// <summary>A date of a record: not before <see cref="EarliestDate"/>, not in the future.</summary>
    public static RuleResult CheckDate(DateOnly date, DateOnly today, string field) =>
        date < EarliestDate ? RuleResult.Fail(field, "日期不能早于2001年")
        : date > today ? RuleResult.Fail(field, "日期不能晚于今天")
        : RuleResult.Ok;

    public static bool IsVillageCode(string? code) => code is { Length: 12 } && code.All(char.IsAsciiDigit);

    /// <summary>Who did a step: required, at most 50 characters.</summary>
    public static RuleResult CheckActor(string? by, string field) =>
        string.IsNullOrWhiteSpace(by) || by.Trim().Length > 50 ? RuleResult.Fail(field, "请写明经办人（不超过50字）") : RuleResult.Ok;
}
