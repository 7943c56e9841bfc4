using System.Linq.Expressions;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;

namespace Platform.Industry.Domain;

/// <summary>
/// One income record the pillar reported to the registry (as <c>IncomeRecorded</c>), keyed by the pillar's record
/// that caused it: a correction of that record updates this row and reports the same record again, so the registry
/// counts it once. The pillar's income figures and the "lifted by industry" count read these rows.
/// </summary>
public sealed class IndustryIncome : IHouseholdRecord
{
    /// <summary>The causing record's id (a payment, a project, an employment record, a sale share): the registry's SourceRecordId.</summary>
    public required Guid SourceRecordId { get; init; }

    public required IncomeSource Source { get; init; }

    public required Guid HouseholdId { get; init; }

    public Guid? MemberId { get; init; }

    public required int Year { get; set; }

    public required IncomeKind Kind { get; init; }

    public required decimal Amount { get; set; }

    public required bool CountsTowardExit { get; init; }

    public required string Description { get; set; }

    public required DateTimeOffset RecordedAt { get; set; }

    /// <summary>How often the record was reported (1 when first, +1 for each correction).</summary>
    public int Reports { get; set; } = 1;
}

public static class IncomeRules
{
    /// <summary>
    /// The kind of income each of the pillar's records is, and whether it counts toward stable exit income:
    /// a link payment as its link's kind (counted); "subsidies are transfers that do not count toward stable exit
    /// income"; an employment record's wage is wage income (counted); a sale share is business income (counted).
    /// </summary>
    public static (IncomeKind Kind, bool CountsTowardExit) Of(IncomeSource source, LinkKind? linkKind = null) => source switch
    {
        IncomeSource.LinkPayment => (LinkRules.IncomeKindOf(linkKind ?? throw new ArgumentNullException(nameof(linkKind))), true),
        IncomeSource.ProjectSubsidy => (IncomeKind.Transfer, false),
        IncomeSource.Employment => (IncomeKind.Wage, true),
        IncomeSource.SaleShare => (IncomeKind.Business, true),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown income source"),
    };

    /// <summary>
    /// Industry income in the narrow sense, counted toward stable income: what benefit links and consumption sales
    /// brought (not jobs' wages, not subsidies) — the income that makes an exited household one lifted by industry.
    /// </summary>
    public static readonly Expression<Func<IndustryIncome, bool>> IsCountedIndustryIncome =
        i => i.CountsTowardExit && (i.Source == IncomeSource.LinkPayment || i.Source == IncomeSource.SaleShare);

    private static readonly Func<IndustryIncome, bool> CountedIndustryIncome = IsCountedIndustryIncome.Compile();

    public static bool IsCounted(IndustryIncome income) => CountedIndustryIncome(income);
}

/// <summary>The county's industry figures as rules over one household's records.</summary>
public static class CoverageRules
{
    /// <summary>"industry coverage (households with a project or a benefit link ÷ registered households)".</summary>
    public static bool IsCovered(bool hasProject, bool hasLink) => hasProject || hasLink;

    /// <summary>
    /// 产业带动脱贫: a household the registry shows exited whose industry brought it income that counts toward stable exit
    /// income (a benefit link's payment or a consumption sale's share). A subsidy alone, or a link that never paid, is
    /// coverage, not lifting.
    /// </summary>
    public static bool IsLiftedByIndustry(HouseholdStatus status, bool hasCountedIndustryIncome) =>
        status == HouseholdStatus.Exited && hasCountedIndustryIncome;

    /// <summary>A share in percent with two decimals; 0 of 0 is 0.</summary>
    public static decimal Percent(long part, long whole) =>
        whole == 0 ? 0m : Math.Round(100m * part / whole, 2, MidpointRounding.AwayFromZero);
}
