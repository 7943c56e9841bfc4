using Platform.Contracts;

namespace Platform.Relocation.Domain;

/// <summary>
/// A drinking-water project (饮水工程): centralised (集中供水) serving whole villages, or scattered
/// (分散供水) serving named households. It carries what the safe-water standard checks — water per person
/// per day, the round trip to fetch it, the supply guarantee rate — and the latest quality test.
/// </summary>
public sealed class WaterProject
{
    public required Guid Id { get; init; }

    /// <summary>工程编号, unique.</summary>
    public required string Code { get; init; }

    public required string Name { get; set; }

    public required WaterProjectKind Kind { get; init; }

    public required string VillageCode { get; init; }

    public required string TownshipCode { get; init; }

    /// <summary>Centralised: the villages served (its own included). Scattered: its own village only.</summary>
    public List<string> ServedVillages { get; set; } = [];

    public int LitresPerPersonPerDay { get; set; }

    public int RoundTripMinutes { get; set; }

    public int GuaranteeRatePercent { get; set; }

    public DateOnly? CompletedOn { get; set; }

    public Guid? LatestTestId { get; private set; }

    public DateOnly? LatestTestOn { get; private set; }

    public bool? LatestTestPassed { get; private set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The project's figures as the standard reads them (1–1,000 L, 0–600 min, 1–100 %).</summary>
    public static RuleResult CheckFigures(int litres, int minutes, int rate)
    {
        if (litres is < 1 or > 1_000)
        {
            return RuleResult.Fail("litresPerPersonPerDay", "人均日供水量应在1到1000升之间");
        }

        if (minutes is < 0 or > 600)
        {
            return RuleResult.Fail("roundTripMinutes", "取水往返时间应在0到600分钟之间");
        }

        return rate is < 1 or > 100 ? RuleResult.Fail("guaranteeRatePercent", "供水保证率应在1到100之间") : RuleResult.Ok;
    }

    /// <summary>The latest test decides the water's quality: a test sampled before the latest changes nothing. True when it became the latest.</summary>
    public bool Tested(WaterQualityTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (LatestTestOn is { } latest && test.SampledOn < latest)
        {
            return false;
        }

        LatestTestId = test.Id;
        LatestTestOn = test.SampledOn;
        LatestTestPassed = test.Passed;
        return true;
    }

    public WaterSupply ToSupply() =>
        new(Id, Name, Kind, CompletedOn is not null, LitresPerPersonPerDay, RoundTripMinutes, GuaranteeRatePercent, LatestTestPassed, LatestTestOn);
}

/// <summary>A registered household served by a scattered project.</summary>
public sealed class WaterProjectHousehold
{
    public required Guid ProjectId { get; init; }

    public required Guid HouseholdId { get; init; }
}

/// <summary>水质检测: a sample of a project's water, passed or not (GB 5749).</summary>
public sealed class WaterQualityTest
{
    public required Guid Id { get; init; }

    public required Guid ProjectId { get; init; }

    public required DateOnly SampledOn { get; init; }

    public required bool Passed { get; init; }

    public string? FailedIndicators { get; init; }

    public required string Laboratory { get; init; }

    /// <summary>检测报告编号, unique.</summary>
    public required string ReportNumber { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }
}

/// <summary>What a household's supply offers, as the safe-water rule reads it.</summary>
public sealed record WaterSupply(
    Guid ProjectId, string Name, WaterProjectKind Kind, bool Completed, int LitresPerPersonPerDay, int RoundTripMinutes, int GuaranteeRatePercent, bool? LatestTestPassed, DateOnly? LatestTestOn);
