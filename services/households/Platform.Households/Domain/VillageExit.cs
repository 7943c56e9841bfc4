using System.Globalization;
using Platform.Contracts;

namespace Platform.Households.Domain;

/// <summary>贫困村出列's infrastructure and services checklist (基础设施和基本公共服务).</summary>
public sealed record VillageConditions(
    bool PavedRoadWithBus,
    bool SafeDrinkingWater,
    bool Electricity,
    bool Broadband,
    bool Clinic,
    bool ServiceCentre,
    bool LeadingIndustry,
    bool CollectiveIncome)
{
    /// <summary>What is missing, as county staff say it; empty when all is in place.</summary>
    public IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (!PavedRoadWithBus)
        {
            missing.Add("未通硬化路和客车");
        }

        if (!SafeDrinkingWater)
        {
            missing.Add("安全饮水未达标");
        }

        if (!Electricity)
        {
            missing.Add("未通动力电");
        }

        if (!Broadband)
        {
            missing.Add("未通宽带网络");
        }

        if (!Clinic)
        {
            missing.Add("无标准化卫生室");
        }

        if (!ServiceCentre)
        {
            missing.Add("无综合服务设施");
        }

        if (!LeadingIndustry)
        {
            missing.Add("无主导产业");
        }

        if (!CollectiveIncome)
        {
            missing.Add("无村集体经济收入");
        }

        return missing;
    }
}

public enum VillageExitState
{
    Proposed = 0,
    Checked = 1,
    Publicised = 2,
    Exited = 3,
    Returned = 4,
}

/// <summary>A step of a village's exit procedure as recorded.</summary>
public sealed class VillageExitStep
{
    public long Id { get; private set; }

    public required Guid ExitId { get; init; }

    public required VillageExitState State { get; init; }

    public required DateOnly On { get; init; }

    public required string By { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public string? Note { get; init; }
}

/// <summary>
/// 贫困村出列: a poor village exits when its poverty incidence (贫困发生率 = remaining poor people ÷ rural
/// population) is below the limit (2%; 3% in the western regions — configuration) with its infrastructure
/// and services in place, by its own procedure: proposal → check (incidence and checklist, stored) →
/// public notice of at least seven days → exit (出列).
/// </summary>
public sealed class VillageExit
{
    private VillageExit()
    {
    }

    public Guid Id { get; private set; }

    public int VillageId { get; private set; }

    public int Year { get; private set; }

    public VillageExitState State { get; private set; }

    public int? PoorPeople { get; private set; }

    public int? RuralPopulation { get; private set; }

    /// <summary>贫困发生率 at the check, a fraction.</summary>
    public decimal? PovertyIncidence { get; private set; }

    public VillageConditions? Conditions { get; private set; }

    public DateOnly? NoticeFrom { get; private set; }

    public DateOnly? NoticeUntil { get; private set; }

    public DateOnly? ExitedOn { get; private set; }

    public List<VillageExitStep> Steps { get; } = [];

    public bool IsActive => State < VillageExitState.Exited;

    public static (VillageExit? Exit, RuleResult Result) Propose(Village village, int year, DateOnly on, string by, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(village);
        if (!village.IsPoorVillage)
        {
            return (null, RuleResult.Fail("villageCode", "该村不是贫困村，无须出列"));
        }

        if (village.ExitYear is { } exited)
        {
            return (null, RuleResult.Fail("villageCode", $"该村已于{exited}年出列"));
        }

        if (on > today || on.Year < year)
        {
            return (null, RuleResult.Fail("on", $"日期应不早于出列年度{year}年且不晚于今天"));
        }

        var exit = new VillageExit { Id = Guid.CreateVersion7(now), VillageId = village.Id, Year = year, State = VillageExitState.Proposed };
        exit.Record(VillageExitState.Proposed, on, by, now, null);
        return (exit, RuleResult.Ok);
    }

    /// <summary>核查: the incidence must be below the limit and the checklist complete; the figures are stored.</summary>
    public RuleResult Check(int poorPeople, int ruralPopulation, VillageConditions conditions, decimal maxIncidence, DateOnly on, string by, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var result = Expect(VillageExitState.Proposed, "须先提出出列申请", on, today);
        if (!result.Succeeded)
        {
            return result;
        }

        if (ruralPopulation <= 0)
        {
            return RuleResult.Fail("villageCode", "该村农村人口未登记，无法计算贫困发生率");
        }

        var incidence = Math.Round((decimal)poorPeople / ruralPopulation, 6, MidpointRounding.AwayFromZero);
        if (incidence >= maxIncidence)
        {
            return RuleResult.Fail("villageCode", string.Create(
                CultureInfo.InvariantCulture,
                $"贫困发生率{incidence * 100:0.00}%（剩余贫困人口{poorPeople}人 ÷ 农村人口{ruralPopulation}人）未降至{maxIncidence * 100:0.##}%以下"));
        }

        var missing = conditions.Missing();
        if (missing.Count > 0)
        {
            return RuleResult.Fail("conditions", "基础设施和基本公共服务未达标：" + string.Join("、", missing));
        }

        PoorPeople = poorPeople;
        RuralPopulation = ruralPopulation;
        PovertyIncidence = incidence;
        Conditions = conditions;
        State = VillageExitState.Checked;
        Record(VillageExitState.Checked, on, by, now, string.Create(CultureInfo.InvariantCulture, $"贫困发生率{incidence * 100:0.00}%"));
        return RuleResult.Ok;
    }

    public RuleResult PublishNotice(DateOnly from, DateOnly until, string by, DateOnly today, DateTimeOffset now)
    {
        var result = Expect(VillageExitState.Checked, "须先完成核查", from, today);
        if (!result.Succeeded)
        {
            return result;
        }

        if (until < from.AddDays(ExitBatch.MinNoticeDays))
        {
            return RuleResult.Fail("until", $"公示期不少于{ExitBatch.MinNoticeDays}天");
        }

        NoticeFrom = from;
        NoticeUntil = until;
        State = VillageExitState.Publicised;
        Record(VillageExitState.Publicised, from, by, now, $"公示至{until:yyyy-MM-dd}");
        return RuleResult.Ok;
    }

    /// <summary>出列: after the notice; the village is marked exited in the year of the procedure.</summary>
    public RuleResult MarkExited(Village village, DateOnly on, string by, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(village);
        var result = Expect(VillageExitState.Publicised, "须先公示", on, today);
        if (!result.Succeeded)
        {
            return result;
        }

        if (on <= NoticeUntil)
        {
            return RuleResult.Fail("on", $"公示期至{NoticeUntil:yyyy-MM-dd}，期满后方可批准出列");
        }

        ExitedOn = on;
        State = VillageExitState.Exited;
        village.ExitYear = Year;
        Record(VillageExitState.Exited, on, by, now, null);
        return RuleResult.Ok;
    }

    private RuleResult Expect(VillageExitState expected, string skipped, DateOnly on, DateOnly today)
    {
        if (State != expected)
        {
            return RuleResult.Fail("state", State > expected ? "该步骤已完成" : "不能跳过步骤：" + skipped);
        }

        var previous = Steps.Max(s => s.On);
        if (on > today || on < previous)
        {
            return RuleResult.Fail("on", $"日期应不早于上一步骤（{previous:yyyy-MM-dd}）且不晚于今天");
        }

        return RuleResult.Ok;
    }

    private void Record(VillageExitState state, DateOnly on, string by, DateTimeOffset now, string? note) =>
        Steps.Add(new VillageExitStep { ExitId = Id, State = state, On = on, By = by, RecordedAt = now, Note = note });
}
