using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Platform.Contracts.People;

/// <summary>
/// 公民身份号码 (GB 11643): 6-digit division code, 8-digit birth date, 3-digit sequence, check character.
/// Shared vocabulary of every context (each matches people by it), so it lives with the contracts.
/// The value is sensitive personal data: <see cref="ToString"/> returns the masked form, so that an
/// accidental interpolation into a log line or a trace never leaks the whole number.
/// </summary>
public readonly record struct ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    // GB/T 2260 province-level codes; the rest of a division code changes over time (a county
    // becomes a district), so historical codes below the province are accepted.
    private static readonly HashSet<int> ProvinceCodes =
    [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
    ];

    private ResidentIdNumber(string value, DateOnly birthDate)
    {
        Value = value;
        BirthDate = birthDate;
    }

    /// <summary>The whole number. Read it only where the caller's role needs it, and never log it.</summary>
    public string Value { get; }

    public DateOnly BirthDate { get; }

    public string DivisionCode => Value[..6];

    /// <summary>The 17th digit is odd for men and even for women.</summary>
    public bool IsMale => (Value[16] - '0') % 2 == 1;

    /// <summary>Parses and validates; <paramref name="error"/> says in Chinese what is wrong.</summary>
    public static bool TryParse(
        string? text,
        DateOnly today,
        out ResidentIdNumber idNumber,
        [NotNullWhen(false)] out string? error)
    {
        idNumber = default;
        var value = text?.Trim().ToUpperInvariant() ?? string.Empty;
        if (value.Length != 18)
        {
            error = "身份证号码应为18位";
            return false;
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                error = "身份证号码前17位应为数字";
                return false;
            }
        }

        if (!char.IsAsciiDigit(value[17]) && value[17] != 'X')
        {
            error = "身份证号码校验位应为数字或X";
            return false;
        }

        if (!ProvinceCodes.Contains(int.Parse(value.AsSpan(0, 2), CultureInfo.InvariantCulture)))
        {
            error = "身份证号码的行政区划代码无效";
            return false;
        }

        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate)
            || birthDate.Year < 1880)
        {
            error = "身份证号码中的出生日期无效";
            return false;
        }

        if (birthDate > today)
        {
            error = "身份证号码中的出生日期晚于今天";
            return false;
        }

        if (value[17] != CheckCharacterOf(value.AsSpan(0, 17)))
        {
            error = "身份证号码校验位不正确";
            return false;
        }

        idNumber = new ResidentIdNumber(value, birthDate);
        error = null;
        return true;
    }

    /// <summary>The check character for the first 17 digits (weights mod 11 into "10X98765432").</summary>
    public static char CheckCharacterOf(ReadOnlySpan<char> first17Digits)
    {
        if (first17Digits.Length != 17)
        {
            throw new ArgumentException("Exactly 17 digits are needed.", nameof(first17Digits));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17Digits[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>Builds a valid number from its parts (demo data, tests).</summary>
    public static ResidentIdNumber Create(string divisionCode, DateOnly birthDate, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);
        if (divisionCode.Length != 6 || !divisionCode.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("A division code has 6 digits.", nameof(divisionCode));
        }

        var first17 = string.Create(CultureInfo.InvariantCulture, $"{divisionCode}{birthDate:yyyyMMdd}{sequence:000}");
        return new ResidentIdNumber(first17 + CheckCharacterOf(first17), birthDate);
    }

    /// <summary>
    /// Masked form for display: the division code and twelve stars (420325************). The birth date,
    /// the sequence and the check character stay hidden: beside a birth date, the last four characters
    /// complete the number outright, and even beside a birth year they leave a few dozen numbers to try;
    /// hiding all twelve leaves tens of thousands whatever the birth year, school age and sex shown.
    /// </summary>
    public static string Mask(string? idNumber) =>
        idNumber is { Length: 18 } ? string.Concat(idNumber.AsSpan(0, 6), "************") : "******";

    public string Masked => Mask(Value);

    public override string ToString() => Masked;
}
