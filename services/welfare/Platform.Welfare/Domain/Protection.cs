using System.Globalization;
using Platform.Contracts;

namespace Platform.Welfare.Domain;

/// <summary>
/// 扶贫保障保险 (精准扶贫保险): the county's yearly group policy that covers every registered household against
/// illness, schooling costs and natural disasters, with a sum insured per household and cause. One per year.
/// </summary>
public sealed class ProtectionPolicy
{
    public required Guid Id { get; init; }

    public required int Year { get; init; }

    public required string Insurer { get; init; }

    public required string PolicyNumber { get; init; }

    /// <summary>Premium per insured person (paid by the county).</summary>
    public required decimal PremiumPerPerson { get; init; }

    public required decimal IllnessSum { get; init; }

    public required decimal SchoolingSum { get; init; }

    public required decimal DisasterSum { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public decimal SumFor(PayoutCause cause) => cause switch
    {
        PayoutCause.Illness => IllnessSum,
        PayoutCause.Schooling => SchoolingSum,
        _ => DisasterSum,
    };
}

/// <summary>A household under the year's policy (被保险户), with its premium.</summary>
public sealed class ProtectionCover : IHouseholdRecord
{
    public required Guid PolicyId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required int People { get; init; }

    public required decimal Premium { get; init; }

    public required DateTimeOffset CoveredAt { get; init; }
}

/// <summary>理赔: a payout of the policy to a covered household; the household's one-off transfer income.</summary>
public sealed class ProtectionPayout : IHouseholdRecord
{
    public required Guid Id { get; init; }

    public required Guid PolicyId { get; init; }

    public required Guid HouseholdId { get; init; }

    public Guid? MemberId { get; init; }

    public required PayoutCause Cause { get; init; }

    public required decimal Amount { get; init; }

    public required DateOnly IncurredOn { get; init; }

    /// <summary>The insurer's claim number (赔案号): a payout sent again is recognised by it.</summary>
    public string? ClaimNumber { get; init; }

    public string? Note { get; init; }

    public required string PaidBy { get; init; }

    public required DateTimeOffset PaidAt { get; init; }

    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"扶贫保险{(Cause switch { PayoutCause.Illness => "因病", PayoutCause.Schooling => "因学", _ => "因灾" })}理赔（{IncurredOn.Year}年）");
}

public static class ProtectionRules
{
    /// <summary>
    /// A payout needs a positive amount in fen, a loss within the policy year and not in the future, a covered
    /// household, and what was paid for the cause this policy year plus this payout within the sum insured.
    /// </summary>
    public static RuleResult CheckPayout(ProtectionPolicy policy, bool covered, decimal paidForCause, PayoutCause cause, decimal amount, DateOnly incurredOn, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!Yuan.IsAmount(amount))
        {
            return RuleResult.Fail("amount", "理赔金额应大于0（元，至多两位小数）");
        }

        if (incurredOn > today || incurredOn.Year != policy.Year)
        {
            return RuleResult.Fail("incurredOn", "出险日期应在保单年度内且不晚于今天");
        }

        if (!covered)
        {
            return RuleResult.Fail("householdId", "该户不在当年扶贫保险保障范围内");
        }

        var sum = policy.SumFor(cause);
        if (paidForCause + amount > sum)
        {
            return RuleResult.Fail("amount", string.Create(CultureInfo.InvariantCulture, $"超过该户当年该项保险金额：保额{sum:N2}元，已赔付{paidForCause:N2}元"));
        }

        return RuleResult.Ok;
    }
}
