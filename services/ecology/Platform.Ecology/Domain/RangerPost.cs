using System.Globalization;
using Platform.Contracts;
using Platform.Contracts.Ecology;

namespace Platform.Ecology.Domain;

/// <summary>
/// 生态护林员 post: one member of a registered household engaged for one contract year (一年一聘) in a
/// township's quota, patrolling the forest of its village. It ends early by death, moving away, lost
/// labour ability, dismissal or resignation; its township then has a vacancy for the year.
/// </summary>
public sealed class RangerPost
{
    private RangerPost()
    {
    }

    public Guid Id { get; private init; }

    public Guid MemberId { get; private init; }

    public Guid HouseholdId { get; private init; }

    public int Year { get; private init; }

    /// <summary>The township whose quota the post fills (where the forest is; it stays when the household moves).</summary>
    public string TownshipCode { get; private init; } = string.Empty;

    public string VillageCode { get; private init; } = string.Empty;

    /// <summary>管护区域, e.g. 东城村三组后山.</summary>
    public string? PatrolArea { get; private init; }

    /// <summary>管护面积 in mu.</summary>
    public decimal? AreaMu { get; private init; }

    public DateOnly StartsOn { get; private init; }

    public DateOnly EndsOn { get; private init; }

    /// <summary>The pay for a whole year in post, in yuan.</summary>
    public decimal AnnualPay { get; private init; }

    public DateTimeOffset SelectedAt { get; private init; }

    public string SelectedBy { get; private init; } = string.Empty;

    public DateOnly? EndedOn { get; private set; }

    public RangerPostEndReason? EndReason { get; private set; }

    public string? EndNote { get; private set; }

    public string? EndedBy { get; private set; }

    public AssessmentGrade? Grade { get; private set; }

    public DateOnly? AssessedOn { get; private set; }

    public string? AssessmentNote { get; private set; }

    public string? AssessedBy { get; private set; }

    /// <summary>在岗: not ended (a post of a past year that ran its contract stays "in post" for that year).</summary>
    public bool InPost => EndedOn is null;

    /// <summary>The last day the ranger was in post: the day it ended, else the contract's end.</summary>
    public DateOnly LastDay => EndedOn ?? EndsOn;

    /// <summary>The pay due for the year (按月计发).</summary>
    public decimal PayDue => RangerRules.PayDue(AnnualPay, StartsOn, LastDay);

    /// <summary>Engages the candidate; the caller has checked every selection rule.</summary>
    public static RangerPost Select(
        RangerCandidate candidate, int year, DateOnly startsOn, decimal annualPay, string? patrolArea, decimal? areaMu, string selectedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return new RangerPost
        {
            Id = Guid.CreateVersion7(now),
            MemberId = candidate.MemberId,
            HouseholdId = candidate.HouseholdId,
            Year = year,
            TownshipCode = candidate.TownshipCode,
            VillageCode = candidate.VillageCode,
            PatrolArea = patrolArea,
            AreaMu = areaMu,
            StartsOn = startsOn,
            EndsOn = new DateOnly(year, 12, 31),
            AnnualPay = annualPay,
            SelectedAt = now,
            SelectedBy = selectedBy,
        };
    }

    /// <summary>Whether the contract still runs on <paramref name="day"/> (it started and has not reached its end).</summary>
    public bool ContractRunsOn(DateOnly day) => StartsOn <= day && day <= EndsOn;

    /// <summary>
    /// Ends the post on <paramref name="on"/> (from the contract's start to its end): once only. The
    /// registry's events end it on the day they happened, kept inside the contract.
    /// </summary>
    public RuleResult End(RangerPostEndReason reason, DateOnly on, string? note, string endedBy)
    {
        if (EndedOn is { } ended)
        {
            return RuleResult.Fail("id", string.Create(CultureInfo.InvariantCulture, $"该岗位已于{ended:yyyy年M月d日}终止（{EcologyNames.Of(EndReason!.Value)}）"));
        }

        if (on < StartsOn)
        {
            return RuleResult.Fail("on", string.Create(CultureInfo.InvariantCulture, $"终止日期不能早于聘用开始日期{StartsOn:yyyy年M月d日}"));
        }

        if (on > EndsOn)
        {
            return RuleResult.Fail("on", string.Create(CultureInfo.InvariantCulture, $"聘用合同已于{EndsOn:yyyy年M月d日}到期"));
        }

        EndedOn = on;
        EndReason = reason;
        EndNote = note;
        EndedBy = endedBy;
        return RuleResult.Ok;
    }

    /// <summary>
    /// 年度考核, once per post, from 1 December of the contract year and never in the future. Unqualified
    /// ends a post still running (解聘) on the day of the assessment, or at the contract's end.
    /// </summary>
    public RuleResult Assess(AssessmentGrade grade, DateOnly on, string? note, string assessedBy, DateOnly today)
    {
        if (Grade is { } given)
        {
            return RuleResult.Fail("grade", string.Create(CultureInfo.InvariantCulture, $"{Year}年度考核已评定为“{EcologyNames.Of(given)}”"));
        }

        var opens = new DateOnly(Year, 12, 1);
        if (on < opens)
        {
            return RuleResult.Fail("assessedOn", string.Create(CultureInfo.InvariantCulture, $"{Year}年度考核自{opens:yyyy年M月d日}起进行"));
        }

        var future = RangerRules.NotInFuture(on, today, "assessedOn");
        if (!future.Succeeded)
        {
            return future;
        }

        Grade = grade;
        AssessedOn = on;
        AssessmentNote = note;
        AssessedBy = assessedBy;
        if (grade == AssessmentGrade.Unqualified && InPost)
        {
            End(RangerPostEndReason.Dismissed, on > EndsOn ? EndsOn : on, "年度考核不合格", assessedBy);
        }

        return RuleResult.Ok;
    }
}

/// <summary>巡护记录: one day's patrol of a ranger (one record per post and day).</summary>
public sealed class Patrol
{
    private Patrol()
    {
    }

    public Guid Id { get; private init; }

    public Guid PostId { get; private init; }

    public DateOnly PatrolledOn { get; private init; }

    public decimal? Hours { get; private init; }

    public decimal? DistanceKm { get; private init; }

    /// <summary>发现情况: fire hazards, illegal logging, pests… null when nothing was found.</summary>
    public string? Findings { get; private init; }

    public DateTimeOffset RecordedAt { get; private init; }

    public string RecordedBy { get; private init; } = string.Empty;

    /// <summary>A patrol on a day the ranger was in post (contract started, post not ended), not in the future; hours and distance plausible.</summary>
    public static RuleResult Check(RangerPost post, DateOnly on, decimal? hours, decimal? distanceKm, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (on < post.StartsOn || on > post.LastDay)
        {
            return RuleResult.Fail(
                "patrolledOn",
                string.Create(CultureInfo.InvariantCulture, $"巡护日期应在在岗期间（{post.StartsOn:yyyy年M月d日}至{post.LastDay:yyyy年M月d日}）"));
        }

        var future = RangerRules.NotInFuture(on, today, "patrolledOn");
        if (!future.Succeeded)
        {
            return future;
        }

        if (hours is { } h && (h <= 0 || h > 24 || decimal.Round(h, 1) != h))
        {
            return RuleResult.Fail("hours", "巡护时长应大于0且不超过24小时（最多一位小数）");
        }

        return distanceKm is { } d && (d <= 0 || d > 100 || decimal.Round(d, 1) != d)
            ? RuleResult.Fail("distanceKm", "巡护里程应大于0且不超过100公里（最多一位小数）")
            : RuleResult.Ok;
    }

    public static Patrol Record(RangerPost post, DateOnly on, decimal? hours, decimal? distanceKm, string? findings, string recordedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new Patrol
        {
            Id = Guid.CreateVersion7(now),
            PostId = post.Id,
            PatrolledOn = on,
            Hours = hours,
            DistanceKm = distanceKm,
            Findings = findings,
            RecordedAt = now,
            RecordedBy = recordedBy,
        };
    }
}

/// <summary>
/// 护林员工资: the year's pay of one post, paid once. It is the household's wage income from a
/// public-welfare post (工资性收入), reported to the registry with this record's id.
/// </summary>
public sealed class RangerPay
{
    private RangerPay()
    {
    }

    public Guid Id { get; private init; }

    public Guid PostId { get; private init; }

    public Guid HouseholdId { get; private init; }

    public Guid MemberId { get; private init; }

    public int Year { get; private init; }

    public decimal Amount { get; private init; }

    public DateOnly PaidOn { get; private init; }

    public string? Note { get; private init; }

    public DateTimeOffset RecordedAt { get; private init; }

    public string RecordedBy { get; private init; } = string.Empty;

    /// <summary>Checks the day and the amount (what is due by months in post unless given); the caller has checked it was not paid yet.</summary>
    public static RuleResult Check(RangerPost post, decimal? amount, DateOnly paidOn, DateOnly today, out decimal paid)
    {
        ArgumentNullException.ThrowIfNull(post);
        paid = 0;
        if (paidOn < post.StartsOn)
        {
            return RuleResult.Fail("paidOn", string.Create(CultureInfo.InvariantCulture, $"发放日期不能早于聘用开始日期{post.StartsOn:yyyy年M月d日}"));
        }

        var future = RangerRules.NotInFuture(paidOn, today, "paidOn");
        return future.Succeeded ? RangerRules.Pay(amount, post.PayDue, out paid) : future;
    }

    public static RangerPay Make(RangerPost post, decimal amount, DateOnly paidOn, string? note, string recordedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new RangerPay
        {
            Id = Guid.CreateVersion7(now),
            PostId = post.Id,
            HouseholdId = post.HouseholdId,
            MemberId = post.MemberId,
            Year = post.Year,
            Amount = amount,
            PaidOn = paidOn,
            Note = note,
            RecordedAt = now,
            RecordedBy = recordedBy,
        };
    }
}

/// <summary>年度指标: how many ranger posts a township may fill in a year.</summary>
public sealed class RangerQuota
{
    private RangerQuota()
    {
    }

    public int Year { get; private init; }

    public string TownshipCode { get; private init; } = string.Empty;

    public int Posts { get; private set; }

    public DateTimeOffset SetAt { get; private set; }

    public string SetBy { get; private set; } = string.Empty;

    public static RangerQuota Create(int year, string townshipCode, int posts, string setBy, DateTimeOffset now) =>
        new() { Year = year, TownshipCode = townshipCode, Posts = posts, SetAt = now, SetBy = setBy };

    /// <summary>A quota of 0 to 100,000 posts, never under the posts filled (在岗) in the township that year.</summary>
    public static RuleResult Check(int posts, int inPost)
    {
        if (posts is < 0 or > 100_000)
        {
            return RuleResult.Fail("posts", "指标数应在0到100000之间");
        }

        return posts < inPost
            ? RuleResult.Fail("posts", string.Create(CultureInfo.InvariantCulture, $"指标数不能少于在岗护林员人数（{inPost}人）"))
            : RuleResult.Ok;
    }

    public void Change(int posts, string setBy, DateTimeOffset now)
    {
        Posts = posts;
        SetBy = setBy;
        SetAt = now;
    }
}
