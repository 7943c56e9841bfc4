namespace Platform.Contracts;

/// <summary>
/// Per-field errors as every API reports them (the "errors" of RFC 9457 problem details, the field
/// violations of a gRPC status): field path → messages for people.
/// </summary>
public static class FieldErrors
{
    public static void Add(IDictionary<string, string[]> errors, string field, string message)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
    }
}

/// <summary>The verdict of a domain rule: succeeded, or failed with the field at fault and a reason for people.</summary>
public readonly record struct RuleResult(string? Field, string? Error)
{
    public static RuleResult Ok => default;

    public bool Succeeded => Error is null;

    public static RuleResult Fail(string field, string error) => new(field, error);
}
