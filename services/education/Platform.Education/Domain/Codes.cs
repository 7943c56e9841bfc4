using System.Collections.Frozen;
using System.Text.Json;

namespace Platform.Education.Domain;

/// <summary>
/// The text codes of the pillar's enumerations, as REST and gRPC callers write them: the member's
/// name in kebab case (SchoolStage.HigherVocational → "higher-vocational"). One mapping for both APIs.
/// </summary>
public static class Codes
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => Cache<TEnum>.ToCode[value];

    public static bool TryParse<TEnum>(string? code, out TEnum value)
        where TEnum : struct, Enum => Cache<TEnum>.FromCode.TryGetValue(code?.Trim() ?? string.Empty, out value);

    public static string List<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Cache<TEnum>.ToCode.Values);

    private static class Cache<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ToCode =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));

        public static readonly FrozenDictionary<string, TEnum> FromCode =
            ToCode.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);
    }
}
