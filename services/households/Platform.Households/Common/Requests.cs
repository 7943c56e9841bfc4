using Platform.Contracts;
using Platform.ServiceDefaults.Auth;
using System.Security.Claims;

namespace Platform.Households.Common;

/// <summary>Reading the codes and dates of a request, with errors for county staff.</summary>
internal static class Requests
{
    public static TEnum Required<TEnum>(string? code, string field, string label, Dictionary<string, string[]> errors)
        where TEnum : struct, Enum
    {
        if (!string.IsNullOrWhiteSpace(code) && Codes.TryParse<TEnum>(code, out var value))
        {
            return value;
        }

        FieldErrors.Add(errors, field, $"{label}应为：{Codes.List<TEnum>()}");
        return default;
    }

    public static TEnum? Optional<TEnum>(string? code, string field, string label, Dictionary<string, string[]> errors)
        where TEnum : struct, Enum =>
        string.IsNullOrWhiteSpace(code) ? null : Required<TEnum>(code, field, label, errors);

    public static string Text(string? text, string field, string label, int max, Dictionary<string, string[]> errors, bool required = true)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if ((required && trimmed.Length == 0) || trimmed.Length > max)
        {
            FieldErrors.Add(errors, field, required ? $"请填写{label}（不超过{max}字）" : $"{label}不超过{max}字");
        }

        return trimmed;
    }

    /// <summary>Who acts, for the records of the procedure (the person, else the client).</summary>
    public static string Actor(ClaimsPrincipal user) => PlatformClaims.Actor(user) ?? "unknown";
}
