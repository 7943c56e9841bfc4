using Platform.Contracts;

namespace Platform.Industry.Common;

/// <summary>Reading the fields of a request or a feed record, collecting per-field errors (problem details, feed rejections).</summary>
public static class Input
{
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

    /// <summary>Required text of 1 to <paramref name="max"/> characters after trimming.</summary>
    public static string Required(string? text, int max, string field, string what, IDictionary<string, string[]> errors)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 || trimmed.Length > max)
        {
            FieldErrors.Add(errors, field, $"请填写{what}（不超过{max}字）");
        }

        return trimmed;
    }

    /// <summary>An optional date written yyyy-MM-dd.</summary>
    public static DateOnly? Date(string? text, string field, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (WireText.TryDate(text, out var date))
        {
            return date;
        }

        FieldErrors.Add(errors, field, "日期格式应为 yyyy-MM-dd");
        return null;
    }

    /// <summary>A required date written yyyy-MM-dd.</summary>
    public static DateOnly RequiredDate(string? text, string field, string what, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            FieldErrors.Add(errors, field, $"请填写{what}（yyyy-MM-dd）");
            return default;
        }

        return Date(text, field, errors) ?? default;
    }

    /// <summary>A required code of an enumeration (kebab case).</summary>
    public static TEnum Code<TEnum>(string? code, string field, string what, IDictionary<string, string[]> errors)
        where TEnum : struct, Enum
    {
        if (Codes.TryParse<TEnum>(code, out var value))
        {
            return value;
        }

        FieldErrors.Add(errors, field, $"{what}应为：{Codes.List<TEnum>()}");
        return default;
    }

    /// <summary>An optional code of an enumeration: null when empty.</summary>
    public static TEnum? OptionalCode<TEnum>(string? code, string field, string what, IDictionary<string, string[]> errors)
        where TEnum : struct, Enum =>
        string.IsNullOrWhiteSpace(code) ? null : Code<TEnum>(code, field, what, errors);

    /// <summary>An optional decimal written with a point ("12.5").</summary>
    public static decimal? Decimal(string? text, string field, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (WireText.TryDecimal(text, out var value) && value >= 0)
        {
            return value;
        }

        FieldErrors.Add(errors, field, "应为十进制数（如 12.5）");
        return null;
    }

    /// <summary>Fen (an integer) as yuan with two decimals.</summary>
    public static decimal Yuan(long fen) => fen / 100m;
}
