using System.Security.Cryptography;
using System.Text;
using Platform.Contracts;
using Platform.Contracts.Households;

namespace Platform.Households.Domain;

/// <summary>
/// 贫困县退出专项评估检查: an inspection of the county. It draws a reproducible sample of villages and of
/// registered households in them, records what each visit found, and the 三率一度 are computed from
/// those findings.
/// </summary>
public sealed class Inspection
{
    public required Guid Id { get; init; }

    /// <summary>E.g. 2019年房县贫困县退出第三方评估.</summary>
    public required string Name { get; init; }

    public required int Year { get; init; }

    /// <summary>The seed of the draw: the same seed over the same registry draws the same sample.</summary>
    public required string Seed { get; init; }

    public required int PoorVillages { get; init; }

    public required int OtherVillages { get; init; }

    public required int HouseholdsPerVillage { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }
}

/// <summary>A sampled household (or a sampled village's place in the draw).</summary>
public sealed class InspectionSample
{
    public required Guid InspectionId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required int VillageId { get; init; }

    /// <summary>The household's status when drawn: exited households answer the wrong-exit question.</summary>
    public required HouseholdStatus StatusAtDraw { get; init; }

    public required int People { get; init; }

    /// <summary>Its place in the draw, from 1.</summary>
    public required int Rank { get; init; }
}

/// <summary>A village in the sample, with its population at the draw (the missed-assessment rate's denominator).</summary>
public sealed class InspectionVillage
{
    public required Guid InspectionId { get; init; }

    public required int VillageId { get; init; }

    public required int RuralPopulation { get; init; }

    /// <summary>People in registered households (poor or exited) of the village at the draw.</summary>
    public required int RegisteredPeople { get; init; }

    public int NonRegisteredPopulation => Math.Max(0, RuralPopulation - RegisteredPeople);
}

/// <summary>What the inspectors found at a sampled household.</summary>
public sealed class InspectionVisit
{
    public required Guid Id { get; init; }

    public required Guid InspectionId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateOnly VisitedOn { get; init; }

    public required string Inspector { get; init; }

    /// <summary>错退: an exited household found not to meet the exit standard.</summary>
    public required bool WronglyExited { get; init; }

    /// <summary>群众认可: the household approves of the work and its result.</summary>
    public required bool Approves { get; init; }

    public string? Note { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>漏评: a poor household the inspectors found outside the registry, in a sampled village.</summary>
public sealed class MissedPoorFinding
{
    public required Guid Id { get; init; }

    public required Guid InspectionId { get; init; }

    public required int VillageId { get; init; }

    public required DateOnly VisitedOn { get; init; }

    public required string Inspector { get; init; }

    /// <summary>The people of the missed household.</summary>
    public required int People { get; init; }

    /// <summary>Where and why, without ID numbers (e.g. 三组，户主因病丧失劳动力，人均纯收入低于标准).</summary>
    public required string Description { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>
/// The inspection's reproducible draw: every candidate gets a key from SHA-256 of the seed and its code
/// (village code, household number), and the lowest keys are taken. Neither insertion order nor the
/// runtime's random generator plays a part, so the same seed over the same registry gives the same sample.
/// </summary>
public static class InspectionSampling
{
    public static IReadOnlyList<T> Draw<T>(string seed, IEnumerable<T> candidates, Func<T, string> code, int count)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(code);
        return candidates
            .Select(c => (Candidate: c, Key: Key(seed, code(c)), Code: code(c)))
            .OrderBy(x => x.Key, StringComparer.Ordinal)
            .ThenBy(x => x.Code, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Candidate)
            .ToList();
    }

    private static string Key(string seed, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seed + "|" + code)));
}

/// <summary>One figure against its limit, with what it counts.</summary>
public sealed record RateFigure(decimal Value, long Numerator, long Denominator, decimal Limit, bool Passes);

/// <summary>The 三率一度 limits (configuration): any one failing blocks the county's exit.</summary>
public sealed record CountyExitLimits(decimal MaxComprehensiveIncidence, decimal MaxWrongExitRate, decimal MaxMissedRate, decimal MinRecognition)
{
    public static CountyExitLimits National { get; } = new(0.02m, 0.02m, 0.02m, 0.90m);
}

/// <summary>What the registry and the inspection's findings hold, counted.</summary>
public sealed record CountyExitCounts(
    long RuralPopulation,
    long RemainingPoorPeople,
    long SampledExitedHouseholdsVisited,
    long WronglyExitedHouseholds,
    long WronglyExitedPeople,
    long MissedPoorPeople,
    long NonRegisteredPopulationOfSampledVillages,
    long SurveyedHouseholds,
    long ApprovingHouseholds);

/// <summary>三率一度 as the inspectors check them.</summary>
public sealed record CountyExitRates(RateFigure ComprehensiveIncidence, RateFigure WrongExitRate, RateFigure MissedRate, RateFigure Recognition)
{
    public bool Passes => ComprehensiveIncidence.Passes && WrongExitRate.Passes && MissedRate.Passes && Recognition.Passes;
}

/// <summary>
/// 贫困县摘帽 — the 三率一度, any one failing blocks exit:
/// 综合贫困发生率 = (remaining poor + missed + wrongly exited) ÷ rural population, below 2%;
/// 错退率 = wrongly exited ÷ exited, in the sampled households, below 2%;
/// 漏评率 = missed poor ÷ non-registered rural population of the sampled villages, below 2%;
/// 群众认可度 = approving ÷ surveyed households, at least 90%.
/// A rate with nothing to count (no sampled household visited) does not pass: nothing was proven.
/// </summary>
public static class CountyExit
{
    public static CountyExitRates Compute(CountyExitCounts counts, CountyExitLimits limits)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(limits);
        var poor = counts.RemainingPoorPeople + counts.MissedPoorPeople + counts.WronglyExitedPeople;
        return new CountyExitRates(
            Below(poor, counts.RuralPopulation, limits.MaxComprehensiveIncidence),
            Below(counts.WronglyExitedHouseholds, counts.SampledExitedHouseholdsVisited, limits.MaxWrongExitRate),
            Below(counts.MissedPoorPeople, counts.NonRegisteredPopulationOfSampledVillages, limits.MaxMissedRate),
            AtLeast(counts.ApprovingHouseholds, counts.SurveyedHouseholds, limits.MinRecognition));
    }

    private static RateFigure Below(long numerator, long denominator, decimal limit)
    {
        var value = Rate(numerator, denominator);
        return new RateFigure(value, numerator, denominator, limit, denominator > 0 && value < limit);
    }

    private static RateFigure AtLeast(long numerator, long denominator, decimal limit)
    {
        var value = Rate(numerator, denominator);
        return new RateFigure(value, numerator, denominator, limit, denominator > 0 && value >= limit);
    }

    private static decimal Rate(long numerator, long denominator) =>
        denominator == 0 ? 0m : Math.Round((decimal)numerator / denominator, 6, MidpointRounding.AwayFromZero);
}

/// <summary>The inspection's own checks of what a visit may record.</summary>
public static class InspectionRules
{
    public static RuleResult Visit(HouseholdStatus statusAtDraw, bool wronglyExited) =>
        wronglyExited && statusAtDraw != HouseholdStatus.Exited
            ? RuleResult.Fail("wronglyExited", "只有抽中的已脱贫户才可能错退")
            : RuleResult.Ok;
}
