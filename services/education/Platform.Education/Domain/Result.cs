namespace Platform.Education.Domain;

/// <summary>The result of a domain rule: succeeded, or failed with the field at fault and a reason for people.</summary>
public readonly record struct RuleResult(string? Field, string? Error)
{
    public static RuleResult Ok => default;

    public bool Succeeded => Error is null;

    public static RuleResult Fail(string field, string error) => new(field, error);
}
