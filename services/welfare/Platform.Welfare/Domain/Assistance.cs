using System.Globalization;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Contracts.Welfare;

namespace Platform.Welfare.Domain;

/// <summary>
/// One year's social-assistance standards (configuration, 民政部门公布): the 低保 standard and the 特困
/// basic-living standard per person per year, and the least 低保 allowance per person per month (保底).
/// </summary>
public sealed record AssistanceStandard(int Year, decimal MinimumLivingAnnual, decimal ExtremePovertyAnnual, decimal MinimumMonthlyPerPerson)
{
    public decimal AnnualFor(SocialAssistanceCategory category) =>
        category == SocialAssistanceCategory.ExtremePoverty ? ExtremePovertyAnnual : MinimumLivingAnnual;
}

/// <summary>The verdict of a means test: the category the household qualifies for (or none), the figures and why.</summary>
public sealed record MeansTestResult(
    SocialAssistanceCategory? Category,
    int People,
    decimal AnnualIncome,
    decimal PerCapitaIncome,
    decimal Standard,
    decimal MonthlyAmount,
    string Reason)
{
    public bool Qualifies => Category is not null;
}

/// <summary>The rules of 低保 and 特困 (社会救助暂行办法, 最低生活保障审核确认办法, 特困人员认定办法), as the county applies them.</summary>
public static class AssistanceRules
{
    /// <summary>
    /// The income a means test counts for a year: what the pillars recorded that counts toward stable income
    /// (wages, business, property, transfers such as pensions and ecological compensation, less production
    /// costs) — not social assistance itself (this pillar's payments and reimbursements), nor one-off or
    /// education aid — or, when the checking centre verified more, the verified income: the larger of the two,
    /// so that neither an outdated check nor a missing record hides income.
    /// </summary>
    public static decimal MeansIncome(IEnumerable<IncomeRecord> records, decimal? verifiedIncome)
    {
        ArgumentNullException.ThrowIfNull(records);
        var recorded = records.Where(Counts).Sum(r => r.Kind == IncomeKind.ProductionCost ? -r.Amount : r.Amount);
        return Math.Max(recorded, verifiedIncome ?? recorded);
    }

    /// <summary>Whether an income record counts in the means test (see <see cref="MeansIncome"/>).</summary>
    public static bool Counts(IncomeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.CountsTowardExit && record.Source != Pillar.Welfare;
    }

    /// <summary>
    /// 特困 (无劳动能力、无生活来源、无法定赡养抚养扶养义务人): a member who cannot support anyone — without
    /// labour ability (none, or not of working age) and old (turning 60 or more this year), a minor (turning
    /// 15 or less this year) or disabled. Ages count in years of birth, not to the day: the qualifying lists
    /// and the applications would otherwise tell, day by day, when a member turns 16 or 60 — the birth date,
    /// and with it most of the masked ID number.
    /// </summary>
    public static bool CannotSupportThemselves(MemberFacts member, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.LabourAbility is LabourCodes.None or LabourCodes.NotWorkingAge
            && (member.BirthDate <= OldAgeBornBy(today) || member.BirthDate > MinorBornAfter(today) || member.DisabilityGrade is not null || member.Health == HealthCodes.Disabled);
    }

    public const int OldAge = 60;

    public const int AdultAge = 16;

    /// <summary>Born on or before this day: turning 60 or more this year (the year's last day, the same all year).</summary>
    public static DateOnly OldAgeBornBy(DateOnly today) => new(today.Year - OldAge, 12, 31);

    /// <summary>Born after this day: turning 15 or less this year (the year's last day, the same all year).</summary>
    public static DateOnly MinorBornAfter(DateOnly today) => new(today.Year - AdultAge, 12, 31);

    /// <summary>
    /// Which assistance a household qualifies for: 特困 when every member cannot support themselves and the
    /// household's income is under the 特困 standard for all of them (no livelihood); else 低保 when its
    /// income is under the 低保 standard for all of them (per-capita income below the standard, compared
    /// unrounded); else none. A household without members qualifies for nothing.
    /// </summary>
    public static SocialAssistanceCategory? Qualifies(IReadOnlyList<MemberFacts> members, decimal annualIncome, AssistanceStandard standard, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(standard);
        if (members.Count == 0)
        {
            return null;
        }

        if (members.All(m => CannotSupportThemselves(m, today)) && annualIncome < standard.ExtremePovertyAnnual * members.Count)
        {
            return SocialAssistanceCategory.ExtremePoverty;
        }

        return annualIncome < standard.MinimumLivingAnnual * members.Count ? SocialAssistanceCategory.MinimumLiving : null;
    }

    /// <summary>
    /// The standard monthly allowance: 特困 the basic-living standard for every member (基本生活费); 低保 the gap
    /// between the standard and the per-capita income for every member (补差), at least the monthly minimum
    /// per member (保底) — in whole yuan, rounded up.
    /// </summary>
    public static decimal MonthlyAmount(SocialAssistanceCategory category, int people, decimal annualIncome, AssistanceStandard standard)
    {
        ArgumentNullException.ThrowIfNull(standard);
        if (people <= 0)
        {
            return 0m;
        }

        if (category == SocialAssistanceCategory.ExtremePoverty)
        {
            return Yuan.UpToWhole(standard.ExtremePovertyAnnual * people / 12m);
        }

        var gap = Math.Max(0m, (standard.MinimumLivingAnnual * people) - Math.Max(0m, annualIncome)) / 12m;
        return Yuan.UpToWhole(Math.Max(gap, standard.MinimumMonthlyPerPerson * people));
    }

    /// <summary>The most a household may be paid a month in a category: the full standard for every member.</summary>
    public static decimal MaximumMonthly(SocialAssistanceCategory category, int people, AssistanceStandard standard)
    {
        ArgumentNullException.ThrowIfNull(standard);
        return Yuan.UpToWhole(standard.AnnualFor(category) * Math.Max(0, people) / 12m);
    }

    /// <summary>The means test of a household for a year, with the reason for people.</summary>
    public static MeansTestResult Test(IReadOnlyList<MemberFacts> members, decimal annualIncome, AssistanceStandard standard, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(standard);
        var people = members.Count;
        var perCapita = people == 0 ? 0m : Yuan.Round(annualIncome / people);
        var category = Qualifies(members, annualIncome, standard, today);
        var c = CultureInfo.InvariantCulture;
        if (people == 0)
        {
            return new MeansTestResult(null, 0, annualIncome, 0m, standard.MinimumLivingAnnual, 0m, "户内无在册成员");
        }

        if (category is { } granted)
        {
            var annual = standard.AnnualFor(granted);
            var reason = granted == SocialAssistanceCategory.ExtremePoverty
                ? string.Create(c, $"{standard.Year}年全户{people}人均无劳动能力（老年人、残疾人或未成年人），人均收入{perCapita:N2}元低于特困供养标准{annual:N0}元")
                : string.Create(c, $"{standard.Year}年家庭人均收入{perCapita:N2}元低于低保标准{annual:N0}元");
            return new MeansTestResult(granted, people, annualIncome, perCapita, annual, MonthlyAmount(granted, people, annualIncome, standard), reason);
        }

        return new MeansTestResult(
            null,
            people,
            annualIncome,
            perCapita,
            standard.MinimumLivingAnnual,
            0m,
            string.Create(c, $"{standard.Year}年家庭人均收入{perCapita:N2}元，不低于低保标准{standard.MinimumLivingAnnual:N0}元"));
    }

    /// <summary>
    /// A requested category must be the one the test found (a 特困 household is not put in 低保, nor the other
    /// way), and a decided monthly amount must be positive, whole fen and at most the category's maximum.
    /// </summary>
    public static RuleResult CheckRequest(MeansTestResult test, SocialAssistanceCategory? requested, decimal? monthlyAmount, AssistanceStandard standard)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(standard);
        if (test.Category is not { } category)
        {
            return RuleResult.Fail("householdId", "不符合低保或特困供养条件：" + test.Reason);
        }

        if (requested is { } wanted && wanted != category)
        {
            return RuleResult.Fail(
                "category",
                category == SocialAssistanceCategory.ExtremePoverty ? "该户符合特困供养条件，应纳入特困供养而非低保" : "该户不符合特困供养条件（须全户均无劳动能力且为老年人、残疾人或未成年人）");
        }

        if (monthlyAmount is { } amount)
        {
            var maximum = MaximumMonthly(category, test.People, standard);
            if (!Yuan.IsAmount(amount) || amount > maximum)
            {
                return RuleResult.Fail("monthlyAmount", string.Create(CultureInfo.InvariantCulture, $"月救助金额应大于0、至多两位小数且不超过{maximum:N0}元（全户{test.People}人按标准计）"));
            }
        }

        return RuleResult.Ok;
    }
}

/// <summary>An application for 低保 or 特困 (申请) with its means test: approved (and enrolled) or refused, with the reason.</summary>
public sealed class AssistanceApplication : IHouseholdRecord
{
    public required Guid Id { get; init; }

    public required Guid HouseholdId { get; init; }

    public required int Year { get; init; }

    public SocialAssistanceCategory? RequestedCategory { get; init; }

    /// <summary>The category granted; null when refused.</summary>
    public SocialAssistanceCategory? Category { get; init; }

    public required bool Approved { get; init; }

    public required int People { get; init; }

    public required decimal AnnualIncome { get; init; }

    public required decimal PerCapitaIncome { get; init; }

    public required decimal Standard { get; init; }

    public required string Reason { get; init; }

    public Guid? EnrolmentId { get; init; }

    public string? Note { get; init; }

    public required DateOnly AppliedOn { get; init; }

    public required string DecidedBy { get; init; }

    public required DateTimeOffset DecidedAt { get; init; }
}

/// <summary>A household in 低保 or 特困 (在保): its category, monthly amount, from which month, and its end (停保).</summary>
public sealed class AssistanceEnrolment : IHouseholdRecord
{
    public required Guid Id { get; init; }

    public required Guid HouseholdId { get; init; }

    public required SocialAssistanceCategory Category { get; init; }

    /// <summary>Members when enrolled (保障人数).</summary>
    public required int People { get; init; }

    public required decimal MonthlyAmount { get; init; }

    /// <summary>The year of the means test that decided it.</summary>
    public required int Year { get; init; }

    public required decimal PerCapitaIncome { get; init; }

    /// <summary>First month paid (the first of the month).</summary>
    public required DateOnly StartMonth { get; init; }

    public Guid? ApplicationId { get; init; }

    public required string EnrolledBy { get; init; }

    public required DateTimeOffset EnrolledAt { get; init; }

    public DateOnly? EndedOn { get; private set; }

    public string? EndReason { get; private set; }

    public bool IsActive => EndedOn is null;

    /// <summary>Paid for a month from its start month to the month it ended in (停保次月起停发).</summary>
    public bool Covers(DateOnly month) =>
        month >= StartMonth && (EndedOn is not { } ended || month <= new DateOnly(ended.Year, ended.Month, 1));

    /// <summary>停保: no later than today, not before it started, once.</summary>
    public RuleResult End(DateOnly on, string reason, DateOnly today)
    {
        if (!IsActive)
        {
            return RuleResult.Fail("id", "该户已停保");
        }

        if (on > today || on < StartMonth)
        {
            return RuleResult.Fail("on", "停保日期应在纳入保障之后且不晚于今天");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 200)
        {
            return RuleResult.Fail("reason", "请写明停保原因（不超过200字）");
        }

        EndedOn = on;
        EndReason = reason.Trim();
        return RuleResult.Ok;
    }

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
}

/// <summary>A monthly payment (发放) of an enrolment: at most one per enrolment and month; the household's transfer income.</summary>
public sealed class AssistancePayment : IHouseholdRecord
{
    public required Guid Id { get; init; }

    public required Guid EnrolmentId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required SocialAssistanceCategory Category { get; init; }

    /// <summary>The first of the month paid for.</summary>
    public required DateOnly Month { get; init; }

    public required decimal Amount { get; init; }

    public required string PaidBy { get; init; }

    public required DateTimeOffset PaidAt { get; init; }

    /// <summary>For people reading the household's income: 2026年11月农村最低生活保障金.</summary>
    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"{Month.Year}年{Month.Month}月{(Category == SocialAssistanceCategory.ExtremePoverty ? "特困人员基本生活费" : "农村最低生活保障金")}");

    /// <summary>A month may be paid once it has begun (never ahead).</summary>
    public static RuleResult CanPay(DateOnly month, DateOnly today) =>
        month.Day == 1 && month <= AssistanceEnrolment.MonthOf(today) ? RuleResult.Ok : RuleResult.Fail("month", "只能发放本月及以前月份的救助金");
}
