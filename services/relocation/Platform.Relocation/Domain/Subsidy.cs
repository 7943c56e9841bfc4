using Platform.Contracts;
using Platform.Contracts.Registry;

namespace Platform.Relocation.Domain;

/// <summary>
/// A subsidy paid to a registered household for its relocation (易地扶贫搬迁补助) or its house's
/// renovation (危房改造补助): "housing and relocation subsidies ... do not count toward stable exit
/// income" — transfer income the registry records but does not count for exit. One payment per
/// source record (the case or the renovation); a correction changes its amount.
/// </summary>
public sealed class SubsidyPayment
{
    /// <summary>The largest payment one household receives for one record, in yuan: more is a typing error.</summary>
    public const decimal MaxAmount = 300_000m;

    public required Guid Id { get; init; }

    public required Guid HouseholdId { get; init; }

    public required SubsidyKind Kind { get; init; }

    /// <summary>relocation-case:{id} or renovation:{id}.</summary>
    public required string SourceRecordId { get; init; }

    public decimal Amount { get; private set; }

    public DateOnly PaidOn { get; private set; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; set; }

    public static RuleResult CheckAmount(decimal amount, string field = "amount") =>
        amount <= 0 || amount > MaxAmount || decimal.Round(amount, 2) != amount
            ? RuleResult.Fail(field, $"补助金额应大于0、不超过{MaxAmount:N0}元，至多两位小数")
            : RuleResult.Ok;

    /// <summary>Sets the amount and the day paid; true when something changed (the registry must hear it).</summary>
    public bool Pay(decimal amount, DateOnly paidOn)
    {
        var changed = Amount != amount || PaidOn != paidOn;
        Amount = amount;
        PaidOn = paidOn;
        return changed;
    }

    /// <summary>The income record for the registry: transfer income, not counting toward stable exit income.</summary>
    public IncomeRecorded ToIncome(DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now),
        HouseholdId = HouseholdId,
        OccurredAt = now,
        Year = PaidOn.Year,
        Kind = IncomeKind.Transfer,
        Amount = Amount,
        CountsTowardExit = false,
        Source = Pillar.Relocation,
        SourceRecordId = "subsidy:" + SourceRecordId,
        Description = Kind == SubsidyKind.Relocation ? $"{PaidOn.Year}年易地扶贫搬迁补助" : $"{PaidOn.Year}年危房改造补助",
    };
}
