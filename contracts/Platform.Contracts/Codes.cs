using System.Collections.Frozen;
using System.Text.Json;

namespace Platform.Contracts;

/// <summary>
/// The text codes of the platform's enumerations, as REST and gRPC callers write them: the enum
/// member's name in kebab case (PovertyCause.Land → "land", LabourAbility.NotWorkingAge →
/// "not-working-age"). These codes are part of the wire contract of every REST and gRPC API.
/// </summary>
public static class Codes
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => Cache<TEnum>.ToCode[value];

    public static bool TryParse<TEnum>(string? code, out TEnum value)
        where TEnum : struct, Enum => Cache<TEnum>.FromCode.TryGetValue(code?.Trim() ?? string.Empty, out value);

    public static string List<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Cache<TEnum>.ToCode.Values.Order(StringComparer.Ordinal));

    private static class Cache<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ToCode =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));

        public static readonly FrozenDictionary<string, TEnum> FromCode =
            ToCode.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);
    }
}
