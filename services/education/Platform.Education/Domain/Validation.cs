using Platform.Contracts;
namespace Platform.Education.Domain;

/// <summary>Field checks shared by the REST and gRPC APIs, collecting per-field errors.</summary>
public static class Validation
{
    /// <summary>A named person on a line of responsibility: name (≤30) and position (≤50) required, phone optional (≤20).</summary>
    public static ResponsiblePerson? Person(string? name, string? position, string? phone, string field, IDictionary<string, string[]> errors)
    {
        var before = errors.Count;
        var trimmedName = name?.Trim() ?? string.Empty;
        var trimmedPosition = position?.Trim() ?? string.Empty;
        var trimmedPhone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        if (trimmedName.Length is 0 or > 30)
        {
            FieldErrors.Add(errors, field + ".name", "请写明责任人姓名（不超过30字）");
        }

        if (trimmedPosition.Length is 0 or > 50)
        {
            FieldErrors.Add(errors, field + ".position", "请写明责任人职务（不超过50字）");
        }

        if (trimmedPhone is { Length: > 20 })
        {
            FieldErrors.Add(errors, field + ".phone", "电话不超过20个字符");
        }

        return errors.Count == before ? new ResponsiblePerson(trimmedName, trimmedPosition, trimmedPhone) : null;
    }

    /// <summary>Optional free text: trimmed, null when empty, an error when longer than <paramref name="max"/>.</summary>
    public static string? Text(string? text, int max, string field, IDictionary<string, string[]> errors)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > max)
        {
            FieldErrors.Add(errors, field, $"不超过{max}字");
        }

        return trimmed;
    }
}
