using Platform.Contracts.People;

namespace Platform.Households.Tests.Domain;

public class ResidentIdNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    [Theory]
    [InlineData("11010519491231002X")] // the worked example of GB 11643
    [InlineData("11010519491231002x")] // lower-case check character
    public void Accepts_a_valid_number(string text)
    {
        Assert.True(ResidentIdNumber.TryParse(text, Today, out var id, out var error), error);
        Assert.Equal("11010519491231002X", id.Value);
        Assert.Equal(new DateOnly(1949, 12, 31), id.BirthDate);
        Assert.False(id.IsMale);
    }

    [Theory]
    [InlineData("110105194912310021", "校验位")]
    [InlineData("11010519491231002", "18位")]
    [InlineData("1101051949123100212", "18位")]
    [InlineData("11010519491331002X", "出生日期")]
    [InlineData("11010519490230002X", "出生日期")]
    [InlineData("99010519491231002X", "行政区划")]
    [InlineData("1101051949123A002X", "数字")]
    [InlineData("", "18位")]
    [InlineData(null, "18位")]
    public void Refuses_an_invalid_number_with_the_reason(string? text, string reasonPart)
    {
        Assert.False(ResidentIdNumber.TryParse(text, Today, out _, out var error));
        Assert.Contains(reasonPart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_birth_date_in_the_future()
    {
        var tomorrow = ResidentIdNumber.Create("420325", Today.AddDays(1), 11);
        Assert.False(ResidentIdNumber.TryParse(tomorrow.Value, Today, out _, out var error));
        Assert.Contains("晚于今天", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_historical_division_codes_of_a_real_province()
    {
        // 420300 would be valid today; 429001 is an old code of Hubei: still a real person's number.
        var old = ResidentIdNumber.Create("429001", new DateOnly(1970, 5, 1), 123);
        Assert.True(ResidentIdNumber.TryParse(old.Value, Today, out _, out _));
    }

    [Fact]
    public void Created_numbers_are_valid_and_carry_the_sex_in_the_17th_digit()
    {
        var man = ResidentIdNumber.Create("420325", new DateOnly(1980, 1, 2), 11);
        var woman = ResidentIdNumber.Create("420325", new DateOnly(1980, 1, 2), 12);
        Assert.True(ResidentIdNumber.TryParse(man.Value, Today, out var parsed, out _));
        Assert.True(parsed.IsMale);
        Assert.False(woman.IsMale);
    }

    [Fact]
    public void Masks_all_but_the_division_code()
    {
        var id = ResidentIdNumber.Create("420325", new DateOnly(1980, 1, 2), 11);
        Assert.Equal("420325************", id.Masked);
        Assert.Equal(id.Masked, id.ToString());
        Assert.DoesNotContain("19800102", $"{id}", StringComparison.Ordinal);
    }
}
