using System.Globalization;
using Platform.Contracts;

namespace Platform.Education.Domain;

/// <summary>学生资助: the aid policies the pillar grants per student per term.</summary>
public enum AidPolicy
{
    /// <summary>两免一补 生活补助: living subsidy for boarders in compulsory education (寄宿生).</summary>
    LivingSubsidy = 1,

    /// <summary>农村义务教育学生营养改善计划 (营养餐): nutrition meals for rural compulsory students.</summary>
    NutritionMeals = 2,

    /// <summary>普通高中国家助学金.</summary>
    HighSchoolGrant = 3,

    /// <summary>中等职业教育国家助学金 (中职助学金).</summary>
    VocationalGrant = 4,

    /// <summary>雨露计划: for vocational and higher-vocational students of registered households.</summary>
    RainDew = 5,
}

/// <summary>学期: the autumn term runs from 1 September to the end of February, the spring term from 1 March to 31 August.</summary>
public enum TermSeason
{
    Spring = 1,
    Autumn = 2,
}

/// <summary>A school term, written "2026-autumn" (the school year 2026–2027's first term) or "2027-spring".</summary>
public readonly record struct Term(int Year, TermSeason Season) : IComparable<Term>
{
    public DateOnly Start => Season == TermSeason.Autumn ? new DateOnly(Year, 9, 1) : new DateOnly(Year, 3, 1);

    public DateOnly End => Season == TermSeason.Autumn ? new DateOnly(Year + 1, 3, 1).AddDays(-1) : new DateOnly(Year, 8, 31);

    /// <summary>The term <paramref name="today"/> falls in.</summary>
    public static Term Of(DateOnly today) => today.Month switch
    {
        >= 9 => new Term(today.Year, TermSeason.Autumn),
        <= 2 => new Term(today.Year - 1, TermSeason.Autumn),
        _ => new Term(today.Year, TermSeason.Spring),
    };

    /// <summary>A term has closed once its last day has passed: no grant may be made for it any more.</summary>
    public bool IsClosed(DateOnly today) => End < today;

    public bool HasStarted(DateOnly today) => Start <= today;

    public static bool TryParse(string? text, out Term term)
    {
        term = default;
        var parts = text?.Trim().Split('-');
        if (parts is not { Length: 2 } || parts[0].Length != 4
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100
            || !Codes.TryParse<TermSeason>(parts[1], out var season))
        {
            return false;
        }

        term = new Term(year, season);
        return true;
    }

    public int CompareTo(Term other) => Start.CompareTo(other.Start);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}-{Codes.Of(Season)}");

    /// <summary>For people: 2026年秋季学期.</summary>
    public string Display => string.Create(CultureInfo.InvariantCulture, $"{Year}年{(Season == TermSeason.Autumn ? "秋季" : "春季")}学期");
}

/// <summary>
/// One aid policy's standard (资助标准) as configured: the amount per term by stage, whom it is for, and
/// whether the income it brings counts toward stable exit income (education aid does not).
/// </summary>
public sealed record AidStandard(
    AidPolicy Policy,
    string Name,
    IReadOnlyDictionary<SchoolStage, decimal> AmountPerTerm,
    bool BoardersOnly,
    bool CountsTowardExit)
{
    public IEnumerable<SchoolStage> Stages => AmountPerTerm.Keys.Order();
}

/// <summary>The rules of student aid: who is entitled, for which term, how much.</summary>
public static class AidRules
{
    /// <summary>
    /// Entitled (应享尽享): a current member of a registered household, enrolled (the school roll says so)
    /// in a stage the policy covers, and a boarder when the policy is for boarders. Every registered
    /// household lives in one of the county's villages, so its students count as rural (营养餐).
    /// </summary>
    public static RuleResult Eligible(AidStandard standard, Student student)
    {
        ArgumentNullException.ThrowIfNull(standard);
        ArgumentNullException.ThrowIfNull(student);
        if (!student.IsCurrent)
        {
            return RuleResult.Fail("studentId", "该学生已不在建档立卡户中");
        }

        if (student.Enrolment != EnrolmentStatus.Enrolled || student.Stage is not { } stage)
        {
            return RuleResult.Fail("studentId", $"{standard.Name}只发放给在读学生：学籍未显示该生在读");
        }

        if (!standard.AmountPerTerm.ContainsKey(stage))
        {
            return RuleResult.Fail(
                "policy", $"{standard.Name}适用于{string.Join("、", standard.Stages.Select(StageNames.Of))}学生，该生为{StageNames.Of(stage)}学生");
        }

        return standard.BoardersOnly && !student.Boarding
            ? RuleResult.Fail("policy", $"{standard.Name}只发放给寄宿生：学籍未显示该生寄宿")
            : RuleResult.Ok;
    }

    /// <summary>A grant may be made for a term that has started and not yet closed.</summary>
    public static RuleResult TermOpen(Term term, DateOnly today)
    {
        if (term.IsClosed(today))
        {
            return RuleResult.Fail("term", $"{term.Display}已于{term.End:yyyy年M月d日}结束，不能再发放该学期的资助");
        }

        return term.HasStarted(today) ? RuleResult.Ok : RuleResult.Fail("term", $"{term.Display}尚未开始");
    }

    /// <summary>The amount granted: the standard when none is given, else more than zero, in fen, and not above the standard.</summary>
    public static RuleResult Amount(decimal? amount, decimal standard, out decimal granted)
    {
        granted = amount ?? standard;
        if (granted <= 0)
        {
            return RuleResult.Fail("amount", "资助金额必须大于0");
        }

        if (decimal.Round(granted, 2) != granted)
        {
            return RuleResult.Fail("amount", "资助金额最多两位小数（元）");
        }

        return granted > standard
            ? RuleResult.Fail("amount", string.Create(CultureInfo.InvariantCulture, $"资助金额不能超过每学期标准{standard:0.00}元"))
            : RuleResult.Ok;
    }
}

/// <summary>学段 names for people.</summary>
public static class StageNames
{
    public static string Of(SchoolStage stage) => stage switch
    {
        SchoolStage.Preschool => "学前",
        SchoolStage.Primary => "小学",
        SchoolStage.Junior => "初中",
        SchoolStage.Senior => "普通高中",
        SchoolStage.Vocational => "中职",
        SchoolStage.HigherVocational => "高职",
        _ => "本科",
    };
}

/// <summary>One grant (资助发放) of one policy to one student for one term: never twice for the same three.</summary>
public sealed class AidGrant
{
    private AidGrant()
    {
    }

    public Guid Id { get; private init; }

    public AidPolicy Policy { get; private init; }

    public Guid StudentId { get; private init; }

    public Guid HouseholdId { get; private init; }

    /// <summary>The term's code, e.g. "2026-autumn".</summary>
    public string Term { get; private init; } = string.Empty;

    /// <summary>Yuan, two decimal places.</summary>
    public decimal Amount { get; private init; }

    public bool CountsTowardExit { get; private init; }

    public string? Note { get; private init; }

    public DateTimeOffset GrantedAt { get; private init; }

    public string GrantedBy { get; private init; } = string.Empty;

    /// <summary>Makes the grant; the caller has checked eligibility, the term and the amount.</summary>
    public static AidGrant Make(AidStandard standard, Student student, Term term, decimal amount, string? note, string grantedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(standard);
        ArgumentNullException.ThrowIfNull(student);
        return new AidGrant
        {
            Id = Guid.CreateVersion7(now),
            Policy = standard.Policy,
            StudentId = student.Id,
            HouseholdId = student.HouseholdId,
            Term = term.ToString(),
            Amount = amount,
            CountsTowardExit = standard.CountsTowardExit,
            Note = note,
            GrantedAt = now,
            GrantedBy = grantedBy,
        };
    }
}
