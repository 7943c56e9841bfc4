using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Contracts.People;

namespace Platform.BadInput;

/// <summary>
/// The bad values, by what a field is (told by its name and type): invalid ID numbers, codes no
/// enumeration has, dates that are not dates, numbers out of range, wrong JSON types, huge strings.
/// A code, a date or an ID number drawn from here is never a valid one, so a write built from these
/// values must be refused whatever else it holds.
/// </summary>
public static class Poison
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>ID numbers that GB 11643 refuses: wrong length, check character, birth date, characters.</summary>
    public static string IdNumber(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var valid = ResidentIdNumber.Create("420325", new DateOnly(1950, 1, 1).AddDays(random.Next(0, 25000)), random.Next(0, 1000)).Value;
        var wrongCheck = valid[..17] + "10X98765432".Replace(valid[17].ToString(), "", StringComparison.Ordinal)[random.Next(0, 10)];
        var future = ResidentIdNumber.Create("420325", Today.AddDays(random.Next(2, 4000)), random.Next(0, 1000)).Value;
        return random.Next(0, 14) switch
        {
            0 => wrongCheck,
            1 => valid[..17],
            2 => valid + "0",
            3 => future,
            4 => "42032519990230" + valid[14..], // 30 February
            5 => "990325" + valid[6..], // no such province
            6 => valid[..17] + "x", // lower-case check character, and wrong or not
            7 => string.Concat(valid.Select(c => char.IsAsciiDigit(c) ? (char)('０' + (c - '0')) : c)), // full-width digits
            8 => valid[..6] + "ABCDEFGH" + valid[14..],
            9 => " " + wrongCheck + " ",
            10 => "",
            11 => "420325" + new string('*', 12), // a masked number sent back
            12 => wrongCheck.Insert(6, "-"),
            _ => "4203251" + new string('0', 10) + "X",
        };
    }

    /// <summary>Something no enumeration of the platform accepts as a code.</summary>
    public static string Code(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        string[] codes =
        [
            "unknown", "POOR_", "poor exited", "exit", "贫困", "1", "-1", "null", "undefined", "'; DROP TABLE households; --",
            "<script>alert(1)</script>", "%00", "\u0000", "poor\u0000", "🙂", "kindergarten-", "returned_to_school", "{}", "[]", "true",
        ];
        return codes[random.Next(codes.Length)];
    }

    /// <summary>A place code of the wrong shape (never exactly 9 or 12 digits).</summary>
    public static string PlaceCode(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Next(0, 8) switch
        {
            0 => "4203250010",
            1 => "42032500100",
            2 => "4203250010011",
            3 => "42032500a001",
            4 => "４２０３２５００１００１",
            5 => "",
            6 => "420325-001-001",
            _ => new string('9', random.Next(13, 40)),
        };
    }

    /// <summary>Not a date in ISO form (yyyy-MM-dd).</summary>
    public static string Date(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        string[] dates = ["2026-02-30", "2026-13-01", "26-1-1", "2026/01/01", "01.02.2026", "yesterday", "", "0000-00-00", "99999-01-01", "2026-01-01T25:00:00", "1e10"];
        return dates[random.Next(dates.Length)];
    }

    /// <summary>A string of the given length, of characters that a database, a log line or a JSON writer might trip on.</summary>
    public static string Huge(Random random, int length)
    {
        ArgumentNullException.ThrowIfNull(random);
        const string alphabet = "汉字abcXYZ019 \"'\\/<>&%$#{}[]\t\n\r·、，。🙂\u2028\u0001";
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return text.ToString(0, length);
    }

    /// <summary>A guid that is no object's, or not a guid at all.</summary>
    public static string Guid(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Next(0, 6) switch
        {
            0 => System.Guid.Empty.ToString(),
            1 => "not-a-guid",
            2 => System.Guid.NewGuid().ToString("N")[..31],
            3 => "{" + System.Guid.NewGuid() + "}",
            4 => "00000000-0000-0000-0000-00000000000g",
            _ => System.Guid.NewGuid().ToString(),
        };
    }

    /// <summary>A JSON value of a type the field does not have.</summary>
    public static JsonNode? WrongType(Random random, string? type)
    {
        ArgumentNullException.ThrowIfNull(random);
        JsonNode?[] values =
        [
            JsonValue.Create(random.Next()), JsonValue.Create(-1.5e300), JsonValue.Create(true), new JsonArray(1, "二", null),
            new JsonObject { ["$type"] = "System.Object", ["a"] = new JsonObject { ["b"] = 1 } }, JsonValue.Create("文本"),
            JsonValue.Create(long.MaxValue), JsonValue.Create(decimal.MinValue),
        ];
        JsonNode? value;
        do
        {
            value = values[random.Next(values.Length)];
        }
        while (SameType(value, type));
        return value;
    }

    /// <summary>A number a field of this kind should refuse: negative, zero, far too large, or not an integer.</summary>
    public static JsonNode Number(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Next(0, 7) switch
        {
            0 => JsonValue.Create(-1),
            1 => JsonValue.Create(0),
            2 => JsonValue.Create(int.MaxValue),
            3 => JsonValue.Create(long.MinValue),
            4 => JsonValue.Create(1.5),
            5 => JsonValue.Create(99999999999999999999m),
            _ => JsonValue.Create(1e308),
        };
    }

    /// <summary>Free text: ordinary, empty, only spaces, or longer than any field allows.</summary>
    public static string Text(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Next(0, 6) switch
        {
            0 => "",
            1 => "   ",
            2 => Huge(random, 201),
            3 => Huge(random, random.Next(1000, 20000)),
            4 => "正常的文字" + random.Next().ToString(CultureInfo.InvariantCulture),
            _ => Huge(random, random.Next(1, 60)),
        };
    }

    private static bool SameType(JsonNode? value, string? type) => (value, type) switch
    {
        (JsonArray, "array") => true,
        (JsonObject, "object") => true,
        (JsonValue v, "string") => v.TryGetValue<string>(out _),
        (JsonValue v, "integer" or "number") => !v.TryGetValue<string>(out _) && !v.TryGetValue<bool>(out _),
        (JsonValue v, "boolean") => v.TryGetValue<bool>(out _),
        _ => false,
    };
}
