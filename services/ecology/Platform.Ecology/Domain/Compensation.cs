using System.Globalization;
using Platform.Contracts;

namespace Platform.Ecology.Domain;

/// <summary>
/// One kind of ecological compensation as configured ("Ecology:Compensation"): its name, the rate per mu
/// and year from each year it took effect (a rate holds until the next one), and the largest area one
/// household can be paid for (a sanity limit against typing errors).
/// </summary>
public sealed record CompensationStandard(CompensationKind Kind, string Name, IReadOnlyDictionary<int, decimal> RatesFrom, decimal MaxAreaMu)
{
    /// <summary>The rate of <paramref name="year"/>: the one that took effect last on or before it; null before the first.</summary>
    public decimal? RateFor(int year) =>
        RatesFrom.Where(r => r.Key <= year).OrderByDescending(r => r.Key).Select(r => (decimal?)r.Value).FirstOrDefault();
}

/// <summary>The rules of compensation payments: the year, the area, the amount.</summary>
public static class CompensationRules
{
    /// <summary>A payment is for a year that has begun, not before the first configured rate.</summary>
    public static RuleResult Year(CompensationStandard standard, int year, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(standard);
        if (year > today.Year)
        {
            return RuleResult.Fail("year", string.Create(CultureInfo.InvariantCulture, $"补偿年度不能晚于{today.Year}年"));
        }

        return standard.RateFor(year) is null
            ? RuleResult.Fail("year", string.Create(CultureInfo.InvariantCulture, $"{standard.Name}{year}年的补偿标准未配置"))
            : RuleResult.Ok;
    }

    /// <summary>
    /// 按面积和标准计发: the amount is the area (mu, more than 0, at most two decimals, within the limit)
    /// times the year's rate, rounded to the fen; a sender that gives an amount must give exactly that.
    /// </summary>
    public static RuleResult Amount(CompensationStandard standard, int year, decimal areaMu, decimal? amount, out decimal rate, out decimal computed)
    {
        ArgumentNullException.ThrowIfNull(standard);
        rate = standard.RateFor(year) ?? 0m;
        computed = 0m;
        if (areaMu <= 0 || decimal.Round(areaMu, 2) != areaMu)
        {
            return RuleResult.Fail("areaMu", "面积（亩）应大于0，最多两位小数");
        }

        if (areaMu > standard.MaxAreaMu)
        {
            return RuleResult.Fail("areaMu", string.Create(CultureInfo.InvariantCulture, $"{standard.Name}面积不能超过每户{standard.MaxAreaMu:0.##}亩，请核对"));
        }

        computed = decimal.Round(areaMu * rate, 2, MidpointRounding.AwayFromZero);
        return amount is { } given && given != computed
            ? RuleResult.Fail(
                "amount",
                string.Create(CultureInfo.InvariantCulture, $"金额应为面积×标准：{areaMu:0.##}亩×{rate:0.00##}元/亩={computed:0.00}元"))
            : RuleResult.Ok;
    }
}

/// <summary>
/// 生态补偿发放: one household's compensation of one kind for one year (never twice for the three), by
/// area and the year's rate. It is the household's transfer income, reported to the registry with this
/// record's id; it follows the household when the household moves.
/// </summary>
public sealed class CompensationPayment
{
    private CompensationPayment()
    {
    }

    public Guid Id { get; private init; }

    public Guid HouseholdId { get; private init; }

    /// <summary>The member it was paid to (the card holder), when known.</summary>
    public Guid? PayeeMemberId { get; private init; }

    public CompensationKind Kind { get; private init; }

    public int Year { get; private init; }

    public decimal AreaMu { get; private init; }

    public decimal RatePerMu { get; private init; }

    public decimal Amount { get; private init; }

    public DateOnly PaidOn { get; private init; }

    public string? Note { get; private init; }

    public DateTimeOffset RecordedAt { get; private init; }

    public string RecordedBy { get; private init; } = string.Empty;

    public static CompensationPayment Make(
        Guid householdId, Guid? payee, CompensationKind kind, int year, decimal areaMu, decimal rate, decimal amount, DateOnly paidOn, string? note, string recordedBy, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            HouseholdId = householdId,
            PayeeMemberId = payee,
            Kind = kind,
            Year = year,
            AreaMu = areaMu,
            RatePerMu = rate,
            Amount = amount,
            PaidOn = paidOn,
            Note = note,
            RecordedAt = now,
            RecordedBy = recordedBy,
        };
}
