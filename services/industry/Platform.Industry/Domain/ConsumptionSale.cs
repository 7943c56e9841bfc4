using Platform.Contracts;

namespace Platform.Industry.Domain;

/// <summary>
/// A consumption-poverty-alleviation sale (消费扶贫): products of registered households or of an entity sold through a
/// channel to a buyer, with the shares of the households it benefits — each share their business income.
/// </summary>
public sealed class ConsumptionSale
{
    private readonly List<SaleShare> shares = [];

    public required Guid Id { get; init; }

    public required string Product { get; init; }

    public required SaleChannel Channel { get; init; }

    public required string Buyer { get; init; }

    /// <summary>The entity whose products were sold, if an entity sold them.</summary>
    public Guid? EntityId { get; init; }

    public required DateOnly SoldOn { get; init; }

    public required decimal Amount { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public IReadOnlyList<SaleShare> Shares => shares;

    public SaleShare AddShare(Guid householdId, decimal amount, DateTimeOffset now)
    {
        var share = new SaleShare { Id = Guid.CreateVersion7(now), SaleId = Id, HouseholdId = householdId, Amount = amount };
        shares.Add(share);
        return share;
    }
}

/// <summary>What one household earned from a sale.</summary>
public sealed class SaleShare : IHouseholdRecord
{
    public required Guid Id { get; init; }

    public required Guid SaleId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required decimal Amount { get; init; }
}

public static class SaleRules
{
    public const int MaxShares = 500;

    /// <summary>
    /// "sales of the households' and entities' products …, recorded as business income of the households they
    /// benefit": a sale above 0, sold no later than today, benefiting at least one household, each household once,
    /// each share above 0 (at most two decimals), the shares together no more than the sale.
    /// </summary>
    public static void Validate(decimal amount, DateOnly soldOn, IReadOnlyList<(Guid HouseholdId, decimal Amount)> shares, DateOnly today, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (amount <= 0m || decimal.Round(amount, 2) != amount)
        {
            FieldErrors.Add(errors, "amount", "销售额须大于0元，至多两位小数");
        }

        if (soldOn > today)
        {
            FieldErrors.Add(errors, "soldOn", "销售日期不能晚于今天");
        }

        if (shares.Count is 0 or > MaxShares)
        {
            FieldErrors.Add(errors, "shares", $"请列出受益的建档立卡户及其收益（1到{MaxShares}户）");
            return;
        }

        if (shares.Select(s => s.HouseholdId).Distinct().Count() != shares.Count)
        {
            FieldErrors.Add(errors, "shares", "同一户在一笔销售中只列一次");
        }

        if (shares.Any(s => s.Amount <= 0m || decimal.Round(s.Amount, 2) != s.Amount))
        {
            FieldErrors.Add(errors, "shares", "每户收益须大于0元，至多两位小数");
        }
        else if (shares.Sum(s => s.Amount) > amount)
        {
            FieldErrors.Add(errors, "shares", "各户收益合计不能超过销售额");
        }
    }
}
