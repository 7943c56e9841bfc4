using System.Globalization;
using Platform.Contracts.Registry;

namespace Platform.Households.Domain;

/// <summary>The yearly lines (configuration, not code): 国家扶贫标准 and 防返贫监测线, in yuan per person per year.</summary>
public sealed class IncomeLines(IReadOnlyDictionary<int, decimal> poverty, IReadOnlyDictionary<int, decimal> monitoring)
{
    /// <summary>The national poverty line of the year (2,300 yuan at 2010 prices, adjusted yearly; about 4,000 in 2020); null when not configured.</summary>
    public decimal? PovertyLine(int year) => poverty.TryGetValue(year, out var line) ? line : null;

    /// <summary>The monitoring line of the year (about 1.5× the poverty line; 6,000 yuan in 2021); null when not configured.</summary>
    public decimal? MonitoringLine(int year) => monitoring.TryGetValue(year, out var line) ? line : null;

    public IReadOnlyDictionary<int, decimal> PovertyLines => poverty;

    public IReadOnlyDictionary<int, decimal> MonitoringLines => monitoring;
}

/// <summary>Where a guarantee stands for the exit: met, not met, or never assessed by its owner (never met).</summary>
public enum GuaranteeStatus
{
    NotAssessed = 0,
    Met = 1,
    NotMet = 2,
}

/// <summary>One guarantee in a verdict, with the pillar record that decided it.</summary>
public sealed record GuaranteeFinding(
    Guarantee Guarantee,
    GuaranteeStatus Status,
    Pillar Owner,
    Pillar? Source,
    string? SourceRecordId,
    string? Reason,
    DateTimeOffset? AssessedAt);

/// <summary>
/// 脱贫退出评估: whether a household may exit for a year, and why not. It names each failing condition
/// and what the household lacks (the income short of the line, the guarantees to be met and who owns them).
/// </summary>
public sealed record ExitVerdict(
    int Year,
    int HouseholdSize,
    decimal StableNetIncome,
    decimal StablePerCapitaIncome,
    decimal? PovertyLine,
    bool IncomeAboveLine,
    decimal IncomeShortfall,
    IReadOnlyList<GuaranteeFinding> Guarantees,
    IReadOnlyList<string> Failures)
{
    public bool Eligible => Failures.Count == 0;
}

/// <summary>
/// The household exit standard (户脱贫): per-capita net income of the year, counting only the records
/// that count toward stable exit income, above the national line for that year; and 两不愁三保障 met —
/// food and clothing, compulsory education, basic medical care, safe housing, safe drinking water.
/// A guarantee its owner never assessed is not met.
/// </summary>
public static class ExitEligibility
{
    public static ExitVerdict Assess(
        int year,
        int householdSize,
        IEnumerable<IncomeRecord> incomeRecords,
        IEnumerable<GuaranteeState> guarantees,
        decimal? povertyLine)
    {
        ArgumentNullException.ThrowIfNull(incomeRecords);
        ArgumentNullException.ThrowIfNull(guarantees);
        var failures = new List<string>();
        var income = IncomeCalculator.Summarise(year, householdSize, incomeRecords, stableOnly: true);
        var perCapita = income.PerCapitaNetIncome;
        var above = false;
        var shortfall = 0m;
        if (householdSize == 0)
        {
            failures.Add($"{year}年末家庭无成员，无法评估人均纯收入");
        }
        else if (povertyLine is not { } line)
        {
            failures.Add($"未配置{year}年国家扶贫标准（Registry:PovertyLines）");
        }
        else
        {
            // "Above the line": equal to it is not above it.
            above = perCapita > line;
            if (!above)
            {
                // The household's stable income must grow by this much (yuan a year) to pass the line by one fen.
                shortfall = ((line - perCapita) * householdSize) + (0.01m * householdSize);
                failures.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{year}年人均纯收入{perCapita:N2}元（计入稳定脱贫的收入）未超过当年国家扶贫标准{line:N0}元，每人差{line - perCapita + 0.01m:N2}元"));
            }
        }

        var byGuarantee = guarantees.ToDictionary(g => g.Guarantee);
        var findings = new List<GuaranteeFinding>(GuaranteeOwners.All.Count);
        foreach (var guarantee in GuaranteeOwners.All)
        {
            var owner = GuaranteeOwners.OwnerOf(guarantee);
            if (!byGuarantee.TryGetValue(guarantee, out var state))
            {
                findings.Add(new GuaranteeFinding(guarantee, GuaranteeStatus.NotAssessed, owner, null, null, null, null));
                failures.Add($"{GuaranteeNames.Of(guarantee)}：{PillarNames.Of(owner)}尚未评估（未评估视为未达标）");
                continue;
            }

            var status = state.Met ? GuaranteeStatus.Met : GuaranteeStatus.NotMet;
            findings.Add(new GuaranteeFinding(guarantee, status, owner, state.Source, state.SourceRecordId, state.Reason, state.AssessedAt));
            if (!state.Met)
            {
                failures.Add($"{GuaranteeNames.Of(guarantee)}：未达标（{state.Reason}）");
            }
        }

        return new ExitVerdict(year, householdSize, income.NetIncome, perCapita, povertyLine, above, shortfall, findings, failures);
    }

    /// <summary>The state of each guarantee on <paramref name="at"/>: the latest of its owner's assessments made by then.</summary>
    public static IReadOnlyList<GuaranteeState> StatesAsOf(IEnumerable<GuaranteeAssessment> assessments, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        return assessments
            .Where(a => a.AssessedAt <= at && a.Source == GuaranteeOwners.OwnerOf(a.Guarantee))
            .GroupBy(a => a.Guarantee)
            .Select(g => GuaranteeState.From(g.OrderBy(a => a.AssessedAt).ThenBy(a => a.Id).Last()))
            .ToList();
    }
}

/// <summary>The guarantees' names as county staff say them.</summary>
public static class GuaranteeNames
{
    public static string Of(Guarantee guarantee) => guarantee switch
    {
        Guarantee.Food => "不愁吃",
        Guarantee.Clothing => "不愁穿",
        Guarantee.CompulsoryEducation => "义务教育有保障",
        Guarantee.BasicMedicalCare => "基本医疗有保障",
        Guarantee.SafeHousing => "住房安全有保障",
        Guarantee.SafeDrinkingWater => "饮水安全有保障",
        _ => guarantee.ToString(),
    };
}

/// <summary>The pillars' names as county staff say them.</summary>
public static class PillarNames
{
    public static string Of(Pillar pillar) => pillar switch
    {
        Pillar.Industry => "产业就业部门",
        Pillar.Relocation => "易地搬迁（住建、水利）部门",
        Pillar.Ecology => "生态补偿（林业）部门",
        Pillar.Education => "教育部门",
        Pillar.Welfare => "社会保障（民政、医保）部门",
        Pillar.Registry => "村委会和帮扶干部（入户核实）",
        _ => pillar.ToString(),
    };
}
