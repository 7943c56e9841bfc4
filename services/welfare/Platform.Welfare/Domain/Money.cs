namespace Platform.Welfare.Domain;

/// <summary>Amounts in yuan: two decimal places (分), rounded half away from zero as the county's finance office does.</summary>
public static class Yuan
{
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>Up to the next whole yuan (monthly allowances are paid in whole yuan).</summary>
    public static decimal UpToWhole(decimal amount) => Math.Ceiling(Round(amount));

    /// <summary>Positive, with at most two decimals.</summary>
    public static bool IsAmount(decimal amount) => amount > 0 && Round(amount) == amount;

    /// <summary>Zero or positive, with at most two decimals.</summary>
    public static bool IsAmountOrZero(decimal amount) => amount >= 0 && Round(amount) == amount;

    public static decimal Percent(decimal part, decimal whole) => whole == 0 ? 0m : Math.Round(100m * part / whole, 2, MidpointRounding.AwayFromZero);
}
