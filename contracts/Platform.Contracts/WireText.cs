using System.Globalization;

namespace Platform.Contracts;

/// <summary>
/// How dates and numbers are written on the wire, in every feed record and request field that carries them as text:
/// a date "yyyy-MM-dd", a month "yyyy-MM", a decimal with a point and no grouping ("-12.5"), whatever the culture of
/// the machine. Blank text is "not given" (null), never an error; what a field requires is the caller's rule.
/// </summary>
public static class WireText
{
    public const string DateFormat = "yyyy-MM-dd";

    public static string Date(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>The month of a day, "yyyy-MM".</summary>
    public static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>A date "yyyy-MM-dd" (surrounding spaces ignored); null when blank; false when not such a date.</summary>
    public static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text.AsSpan().Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return false;
        }

        date = day;
        return true;
    }

    /// <summary>A month "yyyy-MM" as its first day; false when blank or not such a month.</summary>
    public static bool TryMonth(string? text, out DateOnly firstDay)
    {
        firstDay = default;
        return !string.IsNullOrWhiteSpace(text)
            && DateOnly.TryParseExact(text.AsSpan().Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out firstDay);
    }

    /// <summary>A decimal with a point and an optional leading minus; null when blank; false when not such a number.</summary>
    public static bool TryDecimal(string? text, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!decimal.TryParse(text.AsSpan().Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        value = number;
        return true;
    }
}
