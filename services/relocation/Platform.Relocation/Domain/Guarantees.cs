using Platform.Contracts;
using Platform.Contracts.Registry;

namespace Platform.Relocation.Domain;

/// <summary>A guarantee's verdict for one household: met or not, why, and the record that decided it.</summary>
public sealed record Verdict(bool Met, string Reason, string SourceRecordId);

/// <summary>
/// 住房安全有保障 — "safe housing (house appraised grade A or B, or renovated, or relocated)": met when
/// the household has moved into its resettlement home, or its latest housing record is an accepted
/// renovation (危房改造竣工验收) or an appraisal of grade A or B. A later appraisal of C or D after a
/// renovation makes it unmet again; no record at all is not met (nobody checked the house).
/// </summary>
public static class SafeHousing
{
    public const string NoRecord = "尚无房屋安全鉴定、危房改造验收或搬迁入住记录";

    public static Verdict Assess(RelocationCase? relocation, HousingAppraisal? latestAppraisal, RenovationProject? latestAccepted, string? siteName = null)
    {
        if (relocation is { HasMovedIn: true })
        {
            var place = relocation.SiteId is null ? "分散安置" : "安置点" + (siteName ?? string.Empty);
            return new Verdict(true, $"易地扶贫搬迁已入住（{place}，{WireText.Date(relocation.MovedInOn!.Value)}）", "relocation-case:" + relocation.Id);
        }

        // The later record decides; on the same day the accepted work (done on the house the appraisal saw) does.
        if (latestAccepted is { AcceptedOn: { } accepted } && (latestAppraisal is null || accepted >= latestAppraisal.AppraisedOn))
        {
            return new Verdict(true, $"危房改造已竣工验收（{WireText.Date(accepted)}）", "renovation:" + latestAccepted.Id);
        }

        if (latestAppraisal is not null)
        {
            var grade = latestAppraisal.Grade;
            return HousingAppraisal.IsSafe(grade)
                ? new Verdict(true, $"房屋安全鉴定为{grade}级（{WireText.Date(latestAppraisal.AppraisedOn)}）", "appraisal:" + latestAppraisal.Id)
                : new Verdict(false, $"房屋安全鉴定为{grade}级（{(grade == HouseGrade.C ? "局部危险" : "整体危险")}），尚未改造或搬迁", "appraisal:" + latestAppraisal.Id);
        }

        return new Verdict(false, NoRecord, GuaranteeState.NoRecordSource);
    }

    /// <summary>The latest appraisal among a household's (by date, then by when it was recorded).</summary>
    public static HousingAppraisal? Latest(IEnumerable<HousingAppraisal> appraisals) =>
        appraisals.OrderByDescending(a => a.AppraisedOn).ThenByDescending(a => a.RecordedAt).FirstOrDefault();

    public static RenovationProject? LatestAccepted(IEnumerable<RenovationProject> renovations) =>
        renovations.Where(r => r.IsAccepted).OrderByDescending(r => r.AcceptedOn).ThenByDescending(r => r.RecordedAt).FirstOrDefault();

}

/// <summary>
/// 饮水安全的标准 (configuration "Relocation:Water"): enough water (水量), close enough (用水方便程度),
/// reliable (供水保证率) and of tested quality (水质). The defaults are the national rural drinking-water
/// assessment's for ordinary areas: at least 35 litres a person a day, a round trip to fetch water of at
/// most 20 minutes, a supply guarantee rate of at least 95%.
/// </summary>
public sealed class WaterStandards
{
    public const string SectionName = "Relocation:Water";

    public int MinLitresPerPersonPerDay { get; set; } = 35;

    public int MaxRoundTripMinutes { get; set; } = 20;

    public int MinGuaranteeRatePercent { get; set; } = 95;
}

/// <summary>
/// 饮水安全有保障 — "safe drinking water (enough water, close enough, reliable, of tested quality)": met
/// when a completed project serving the household (its village's centralised supply, or a scattered one
/// naming it) meets every one of the four, the quality by its latest test passing. Not served, or no
/// test yet, is not met.
/// </summary>
public static class SafeWater
{
    public const string NotServed = "尚无供水工程覆盖";

    public static Verdict Assess(IEnumerable<WaterSupply> supplies, WaterStandards standards)
    {
        ArgumentNullException.ThrowIfNull(standards);
        Verdict? best = null;
        foreach (var supply in supplies.OrderBy(s => s.Kind).ThenBy(s => s.ProjectId))
        {
            var shortfalls = Shortfalls(supply, standards);
            var source = "water-project:" + supply.ProjectId;
            if (shortfalls.Count == 0)
            {
                return new Verdict(true, $"{supply.Name}：水量、取水方便程度、供水保证率达标，水质检测合格（{supply.LatestTestOn:yyyy-MM-dd}）", source);
            }

            best ??= new Verdict(false, $"{supply.Name}：{string.Join("；", shortfalls)}", source);
        }

        return best ?? new Verdict(false, NotServed, GuaranteeState.NoRecordSource);
    }

    /// <summary>What a supply lacks against the four criteria (empty when it meets all).</summary>
    public static IReadOnlyList<string> Shortfalls(WaterSupply supply, WaterStandards standards)
    {
        ArgumentNullException.ThrowIfNull(supply);
        ArgumentNullException.ThrowIfNull(standards);
        var shortfalls = new List<string>();
        if (!supply.Completed)
        {
            shortfalls.Add("工程尚未建成");
        }

        if (supply.LitresPerPersonPerDay < standards.MinLitresPerPersonPerDay)
        {
            shortfalls.Add($"水量不足（{supply.LitresPerPersonPerDay}升/人·日，标准{standards.MinLitresPerPersonPerDay}）");
        }

        if (supply.RoundTripMinutes > standards.MaxRoundTripMinutes)
        {
            shortfalls.Add($"取水往返{supply.RoundTripMinutes}分钟，超过{standards.MaxRoundTripMinutes}分钟");
        }

        if (supply.GuaranteeRatePercent < standards.MinGuaranteeRatePercent)
        {
            shortfalls.Add($"供水保证率{supply.GuaranteeRatePercent}%，低于{standards.MinGuaranteeRatePercent}%");
        }

        if (supply.LatestTestPassed is null)
        {
            shortfalls.Add("尚无水质检测");
        }
        else if (supply.LatestTestPassed == false)
        {
            shortfalls.Add($"最近一次水质检测不合格（{supply.LatestTestOn:yyyy-MM-dd}）");
        }

        return shortfalls;
    }
}

/// <summary>
/// A guarantee this pillar owns (住房安全, 饮水安全) as it last told the registry, per household. Every
/// household it follows has one of each from the day it is followed: "not assessed is never met" in
/// the registry, so the owner assesses every household, not only those with records.
/// </summary>
public sealed class GuaranteeState
{
    public required Guid HouseholdId { get; init; }

    public required Guarantee Guarantee { get; init; }

    public bool Met { get; private set; }

    public string Reason { get; private set; } = string.Empty;

    public string SourceRecordId { get; private set; } = string.Empty;

    public DateTimeOffset AssessedAt { get; private set; }

    /// <summary>The guarantees this pillar owns (see <see cref="GuaranteeOwners"/>).</summary>
    public static IReadOnlyList<Guarantee> Owned { get; } = [Guarantee.SafeHousing, Guarantee.SafeDrinkingWater];

    public static GuaranteeState First(Guid householdId, Guarantee guarantee, Verdict verdict, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var state = new GuaranteeState { HouseholdId = householdId, Guarantee = guarantee };
        state.Take(verdict, now);
        return state;
    }

    /// <summary>
    /// Takes a new verdict; true when the registry must hear it — the guarantee changed between met and
    /// not met (a new reason with the same outcome is kept here, not sent again).
    /// </summary>
    public const string NoRecordSource = "household";

    public bool Apply(Verdict verdict, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var changed = verdict.Met != Met;
        if (changed || verdict.SourceRecordId != SourceRecordId || verdict.Reason != Reason)
        {
            Take(verdict, changed ? now : AssessedAt);
        }

        return changed;
    }

    public GuaranteeAssessed ToEvent(DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now),
        HouseholdId = HouseholdId,
        OccurredAt = now,
        Guarantee = Guarantee,
        Met = Met,
        Reason = Reason,
        Source = Pillar.Relocation,
        SourceRecordId = SourceRecordId,
        AssessedAt = AssessedAt,
    };

    private void Take(Verdict verdict, DateTimeOffset at)
    {
        Met = verdict.Met;
        Reason = verdict.Reason.Length > 300 ? verdict.Reason[..300] : verdict.Reason;
        // A verdict without a record (nothing known yet) names the household itself.
        SourceRecordId = verdict.SourceRecordId == NoRecordSource ? $"household:{HouseholdId}" : verdict.SourceRecordId;
        AssessedAt = at;
    }
}
