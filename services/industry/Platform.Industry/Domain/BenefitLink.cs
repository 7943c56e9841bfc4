using Platform.Contracts;
using Platform.Contracts.Registry;

namespace Platform.Industry.Domain;

/// <summary>
/// A benefit link (利益联结) between a market entity and a registered household, through one of its members (the
/// contract holder, or for a wage link the worker), optionally on one of the entity's bases. It is open until it
/// ends: by the parties, or because the member died or moved away.
/// </summary>
public sealed class BenefitLink : IHouseholdRecord
{
    public required Guid Id { get; init; }

    public required Guid EntityId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required Guid MemberId { get; init; }

    public required LinkKind Kind { get; init; }

    public Guid? BaseId { get; init; }

    public required DateOnly StartedOn { get; init; }

    public DateOnly? EndedOn { get; private set; }

    public string? EndReason { get; private set; }

    public string? Note { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public bool IsOpen => EndedOn is null;

    /// <summary>Ends the link on <paramref name="on"/> (never before it started); an ended link stays ended.</summary>
    public void End(DateOnly on, string reason)
    {
        if (EndedOn is not null)
        {
            return;
        }

        EndedOn = on < StartedOn ? StartedOn : on;
        EndReason = reason;
    }
}

/// <summary>One payment (收益兑现) on a benefit link, keyed by its reference within the link.</summary>
public sealed class LinkPayment : IHouseholdRecord
{
    public required Guid Id { get; init; }

    public required Guid LinkId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required Guid MemberId { get; init; }

    /// <summary>凭证号: unique within the link, so a payment sent again is recognised.</summary>
    public required string Reference { get; init; }

    public required DateOnly PaidOn { get; set; }

    public required decimal Amount { get; set; }

    public string? Note { get; set; }

    public required DateTimeOffset RecordedAt { get; set; }

    public required string RecordedBy { get; set; }

    /// <summary>The income year: the year the payment was made in.</summary>
    public int Year => PaidOn.Year;
}

public static class LinkRules
{
    public const int MaxReferenceLength = 40;

    /// <summary>
    /// "benefit links (利益联结) to households: dividend (property income), wage (wage income), land lease (property
    /// income), contract purchase (business income)".
    /// </summary>
    public static IncomeKind IncomeKindOf(LinkKind kind) => kind switch
    {
        LinkKind.Dividend or LinkKind.LandLease => IncomeKind.Property,
        LinkKind.Wage => IncomeKind.Wage,
        LinkKind.ContractPurchase => IncomeKind.Business,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown link kind"),
    };

    /// <summary>
    /// Who a link may be made with: a current member of a registered household, the link starting no later than
    /// today; the worker of a wage link turning 16 (the legal working age) or more in the year it starts (<see cref="Ages"/>).
    /// </summary>
    public static RuleResult CanLink(LinkKind kind, bool memberIsCurrent, DateOnly memberBirthDate, DateOnly startedOn, DateOnly today)
    {
        if (!memberIsCurrent)
        {
            return RuleResult.Fail("memberId", "该成员已不在建档立卡户中");
        }

        if (startedOn > today)
        {
            return RuleResult.Fail("startedOn", "联结开始日期不能晚于今天");
        }

        return kind == LinkKind.Wage && Ages.InYearOf(memberBirthDate, startedOn) < Ages.LegalWorkingAge
            ? RuleResult.Fail("memberId", $"务工联结的务工人员须在联结开始当年满{Ages.LegalWorkingAge}周岁")
            : RuleResult.Ok;
    }

    /// <summary>
    /// "Each payment is one income record in the registry, counted once": an amount above 0 in yuan with at most
    /// two decimals, paid while the link was open (not before it started, not after it ended) and not in the future.
    /// </summary>
    public static RuleResult CanPay(BenefitLink link, DateOnly paidOn, decimal amount, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (amount <= 0m || decimal.Round(amount, 2) != amount)
        {
            return RuleResult.Fail("amount", "兑现金额须大于0元，至多两位小数");
        }

        if (paidOn > today)
        {
            return RuleResult.Fail("paidOn", "兑现日期不能晚于今天");
        }

        if (paidOn < link.StartedOn)
        {
            return RuleResult.Fail("paidOn", "兑现日期不能早于利益联结开始日期");
        }

        return link.EndedOn is { } ended && paidOn > ended
            ? RuleResult.Fail("paidOn", $"该利益联结已于{ended:yyyy-MM-dd}终止，之后不能再兑现")
            : RuleResult.Ok;
    }

    /// <summary>A payment's reference: 1 to 40 characters after trimming.</summary>
    public static string? Reference(string? reference, IDictionary<string, string[]> errors)
    {
        var trimmed = reference?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > MaxReferenceLength)
        {
            FieldErrors.Add(errors, "reference", $"请填写凭证号（不超过{MaxReferenceLength}个字符）");
            return null;
        }

        return trimmed;
    }
}

/// <summary>
/// Ages as the rules count them: the age a member reaches in a year, by years of birth, not to the day. The caller
/// picks a link's or a job's start date; a rule checked on a day of its choosing would tell, record by record, a
/// member's birth date — and with it most of the ID number (docs/decisions/0006-personal-data-in-answers.md).
/// </summary>
public static class Ages
{
    /// <summary>劳动法: the minimum age for employment (reached in the year the work starts).</summary>
    public const int LegalWorkingAge = 16;

    /// <summary>劳动年龄 as job matching counts it: turning 16 to 60 this year.</summary>
    public const int WorkingAgeTo = 60;

    /// <summary>The age the member reaches in the year of <paramref name="day"/>.</summary>
    public static int InYearOf(DateOnly birthDate, DateOnly day) => day.Year - birthDate.Year;
}
