using System.Globalization;
using Platform.Contracts;

namespace Platform.Architecture.Tests;

/// <summary>What every feed and request field accepts as a date, a month or a decimal.</summary>
public class WireTextTests
{
    [Theory]
    [InlineData("2026-03-01", 2026, 3, 1)]
    [InlineData(" 2026-03-01 ", 2026, 3, 1)]
    public void A_date_is_year_month_day_with_spaces_around_ignored(string text, int year, int month, int day)
    {
        Assert.True(WireText.TryDate(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_date_or_number_is_not_given_rather_than_wrong(string? text)
    {
        Assert.True(WireText.TryDate(text, out var date));
        Assert.Null(date);
        Assert.True(WireText.TryDecimal(text, out var number));
        Assert.Null(number);
        Assert.False(WireText.TryMonth(text, out _));
    }

    [Theory]
    [InlineData("2026/03/01")]
    [InlineData("01-03-2026")]
    [InlineData("2026-02-30")]
    [InlineData("2026-3-1x")]
    [InlineData("2026-03-01T00:00:00")]
    public void Anything_else_is_not_a_date(string text) => Assert.False(WireText.TryDate(text, out _));

    [Theory]
    [InlineData("12000.00", "12000.00")]
    [InlineData("-3.5", "-3.5")]
    [InlineData(" 0.35 ", "0.35")]
    public void A_decimal_has_a_point_and_may_have_a_leading_minus(string text, string expected)
    {
        Assert.True(WireText.TryDecimal(text, out var number));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), number);
    }

    [Theory]
    [InlineData("12,000.00")]
    [InlineData("1e3")]
    [InlineData("12 000")]
    [InlineData("十二")]
    [InlineData("12.5元")]
    public void Grouping_exponents_and_words_are_not_numbers(string text) => Assert.False(WireText.TryDecimal(text, out _));

    [Fact]
    public void The_machine_s_culture_changes_nothing()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // a comma for the decimal point
            Assert.True(WireText.TryDecimal("12.5", out var number));
            Assert.Equal(12.5m, number);
            Assert.False(WireText.TryDecimal("12,5", out _));
            Assert.Equal("2026-03-01", WireText.Date(new DateOnly(2026, 3, 1)));
            Assert.Equal("2026-03", WireText.Month(new DateOnly(2026, 3, 31)));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData("2026-11", 2026, 11)]
    [InlineData(" 2027-01 ", 2027, 1)]
    public void A_month_is_its_first_day(string text, int year, int month)
    {
        Assert.True(WireText.TryMonth(text, out var first));
        Assert.Equal(new DateOnly(year, month, 1), first);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-11-01")]
    [InlineData("11/2026")]
    public void Anything_else_is_not_a_month(string text) => Assert.False(WireText.TryMonth(text, out _));
}
