using Platform.Contracts;
using Platform.Relocation.Domain;

namespace Platform.Relocation.Grpc;

/// <summary>Reading a feed record's fields: each failure names the field (snake_case, as in the proto) and says why.</summary>
public sealed class FeedFields
{
    private readonly List<(string Field, string Reason)> errors = [];

    public bool Failed => errors.Count > 0;

    public (string Field, string Reason) First => errors[0];

    public void Fail(string field, string reason) => errors.Add((field, reason));

    public void Check(RuleResult result, string? field = null)
    {
        if (!result.Succeeded)
        {
            errors.Add((field ?? Snake(result.Field!), result.Error!));
        }
    }

    /// <summary>A date yyyy-MM-dd; empty is null (or an error when <paramref name="required"/>).</summary>
    public DateOnly? Date(string? text, string field, DateOnly today, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                Fail(field, "请填写日期（yyyy-MM-dd）");
            }

            return null;
        }

        if (!WireText.TryDate(text, out var given) || given is not { } date)
        {
            Fail(field, "日期格式应为 yyyy-MM-dd");
            return null;
        }

        var check = Rules.CheckDate(date, today, field);
        if (!check.Succeeded)
        {
            Fail(field, check.Error!);
            return null;
        }

        return date;
    }

    public TEnum Code<TEnum>(string? text, string field, string what)
        where TEnum : struct, Enum
    {
        if (Codes.TryParse<TEnum>(text, out var value))
        {
            return value;
        }

        Fail(field, $"{what}应为：{Codes.List<TEnum>()}");
        return default;
    }

    public string Text(string? text, int max, string field, string what, bool required = true)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if ((required && trimmed.Length == 0) || trimmed.Length > max)
        {
            Fail(field, $"请填写{what}（不超过{max}字）");
        }

        return trimmed;
    }

    public string? Village(string? code, string field, bool required = true)
    {
        var trimmed = code?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 && !required)
        {
            return null;
        }

        if (!Rules.IsVillageCode(trimmed))
        {
            Fail(field, "村代码应为12位数字");
            return null;
        }

        return trimmed;
    }

    /// <summary>The domain's camelCase field names as the feeds' snake_case ones ("movedInOn" → "moved_in_on").</summary>
    public static string Snake(string field) =>
        string.Concat(field.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));
}
