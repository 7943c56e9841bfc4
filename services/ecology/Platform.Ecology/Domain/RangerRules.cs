using System.Globalization;
using Platform.Contracts;
using Platform.Contracts.Households;

namespace Platform.Ecology.Domain;

/// <summary>
/// The selection rules of 生态护林员 as configured ("Ecology:Rangers"): the ages, the labour abilities and
/// the health a ranger must have, how many posts one household may hold, and the yearly pay of a post.
/// </summary>
public sealed record RangerPolicy(
    int MinAge,
    int MaxAge,
    IReadOnlySet<string> AbleLabourAbilities,
    IReadOnlySet<string> ExcludedHealth,
    int? MinDisabilityGrade,
    int PostsPerHousehold,
    decimal AnnualPay,
    int FirstYear);

/// <summary>A member of a registered household as the selection sees them (from the pillar's copy of the registry).</summary>
public sealed record RangerCandidate(
    Guid MemberId,
    Guid HouseholdId,
    int BirthYear,
    string? LabourAbility,
    string? Health,
    int? DisabilityGrade,
    bool IsMember,
    HouseholdStatus HouseholdStatus,
    string TownshipCode,
    string VillageCode);

/// <summary>The rules of selecting, keeping and paying forest rangers.</summary>
public static class RangerRules
{
    public const string MemberField = "memberId";
    public const string YearField = "year";

    /// <summary>A contract year from the configured first year (the campaign's) up to next year.</summary>
    public static RuleResult ContractYear(int year, DateOnly today, RangerPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return year < policy.FirstYear || year > today.Year + 1
            ? RuleResult.Fail(YearField, string.Create(CultureInfo.InvariantCulture, $"聘用年度应在{policy.FirstYear}年至{today.Year + 1}年之间"))
            : RuleResult.Ok;
    }

    /// <summary>
    /// 从建档立卡贫困人口中选聘: a current member of a household registered as poor (poor or exited — policies
    /// go on after exit; a household entered for monitoring only was never registered as poor), of the
    /// configured ages in the contract year (counted by birth year), and able to work (<see cref="Able"/>).
    /// </summary>
    public static RuleResult Eligible(RangerCandidate candidate, int year, RangerPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(policy);
        if (!candidate.IsMember)
        {
            return RuleResult.Fail(MemberField, "该成员已不在建档立卡户中");
        }

        if (candidate.HouseholdStatus == HouseholdStatus.Monitored)
        {
            return RuleResult.Fail(MemberField, "生态护林员从建档立卡贫困人口中选聘：该户是监测户，不是建档立卡贫困户");
        }

        var age = year - candidate.BirthYear;
        if (age < policy.MinAge || age > policy.MaxAge)
        {
            return RuleResult.Fail(
                MemberField,
                string.Create(CultureInfo.InvariantCulture, $"生态护林员在聘用年度应年满{policy.MinAge}周岁且不超过{policy.MaxAge}周岁（按出生年份计算），该成员{year}年为{age}岁"));
        }

        return Able(candidate, policy);
    }

    /// <summary>
    /// 具备劳动能力: a labour ability the configuration accepts (普通劳动力, 弱劳动力…), no illness it excludes
    /// (患大病), and no disability graver than it allows (残疾等级 1 is the gravest).
    /// </summary>
    public static RuleResult Able(RangerCandidate candidate, RangerPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(policy);
        if (candidate.LabourAbility is null || !policy.AbleLabourAbilities.Contains(candidate.LabourAbility))
        {
            return RuleResult.Fail(
                MemberField,
                $"劳动能力为“{EcologyNames.LabourAbility(candidate.LabourAbility)}”，生态护林员须为：{string.Join("、", policy.AbleLabourAbilities.Order(StringComparer.Ordinal).Select(EcologyNames.LabourAbility))}");
        }

        if (candidate.Health is { } health && policy.ExcludedHealth.Contains(health))
        {
            return RuleResult.Fail(MemberField, $"健康状况为“{EcologyNames.Health(health)}”，不能承担护林巡护");
        }

        if (candidate.Health == "disabled" && policy.MinDisabilityGrade is { } lightest && candidate.DisabilityGrade is { } grade && grade < lightest)
        {
            return RuleResult.Fail(
                MemberField, string.Create(CultureInfo.InvariantCulture, $"{grade}级残疾，不能承担护林巡护（{lightest}级及以下可选聘）"));
        }

        return RuleResult.Ok;
    }

    /// <summary>年度指标: the township's quota for the year must be set and not full.</summary>
    public static RuleResult WithinQuota(int? quota, int inPost, int year, string townshipCode)
    {
        if (quota is not { } posts)
        {
            return RuleResult.Fail(MemberField, string.Create(CultureInfo.InvariantCulture, $"乡镇{townshipCode}尚未下达{year}年生态护林员指标"));
        }

        return inPost >= posts
            ? RuleResult.Fail(MemberField, string.Create(CultureInfo.InvariantCulture, $"乡镇{townshipCode}{year}年生态护林员指标已满（{posts}个，在岗{inPost}人）"))
            : RuleResult.Ok;
    }

    /// <summary>一户一岗 (as configured): a household holds at most so many posts in a year.</summary>
    public static RuleResult WithinHousehold(int householdPostsInYear, int year, RangerPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return householdPostsInYear >= policy.PostsPerHousehold
            ? RuleResult.Fail(MemberField, string.Create(CultureInfo.InvariantCulture, $"每户每年限聘{policy.PostsPerHousehold}名生态护林员，该户{year}年已有{householdPostsInYear}名"))
            : RuleResult.Ok;
    }

    /// <summary>One post per person and year: a person whose post of the year ended is not selected again that year.</summary>
    public static RuleResult NotSelectedYet(bool selectedInYear, int year) =>
        selectedInYear
            ? RuleResult.Fail(MemberField, string.Create(CultureInfo.InvariantCulture, $"该成员{year}年已选聘为生态护林员"))
            : RuleResult.Ok;

    /// <summary>考核不合格不得续聘: a ranger assessed unqualified is not selected for the next year.</summary>
    public static RuleResult NotFailedLastYear(AssessmentGrade? previousYear, int year) =>
        previousYear == AssessmentGrade.Unqualified
            ? RuleResult.Fail(MemberField, string.Create(CultureInfo.InvariantCulture, $"该成员{year - 1}年度考核不合格，不得续聘"))
            : RuleResult.Ok;

    /// <summary>The contract runs from its start (1 January of the year unless given, inside the year) to 31 December.</summary>
    public static RuleResult ContractStart(int year, DateOnly? startsOn, out DateOnly start)
    {
        start = startsOn ?? new DateOnly(year, 1, 1);
        return start.Year != year
            ? RuleResult.Fail("startsOn", string.Create(CultureInfo.InvariantCulture, $"聘用开始日期应在{year}年内"))
            : RuleResult.Ok;
    }

    /// <summary>
    /// 按月计发: a year's pay is the post's yearly pay for each month the ranger was in post (a month begun
    /// counts), from the contract's start to its end or the day the post ended.
    /// </summary>
    public static decimal PayDue(decimal annualPay, DateOnly startsOn, DateOnly lastDay)
    {
        var months = lastDay < startsOn ? 0 : ((lastDay.Year - startsOn.Year) * 12) + lastDay.Month - startsOn.Month + 1;
        return decimal.Round(annualPay * Math.Min(months, 12) / 12m, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>The pay: what is due unless given; more than 0, in fen, never more than due.</summary>
    public static RuleResult Pay(decimal? amount, decimal due, out decimal paid)
    {
        paid = amount ?? due;
        if (paid <= 0)
        {
            return RuleResult.Fail("amount", "工资金额必须大于0");
        }

        if (decimal.Round(paid, 2) != paid)
        {
            return RuleResult.Fail("amount", "工资金额最多两位小数（元）");
        }

        return paid > due
            ? RuleResult.Fail("amount", string.Create(CultureInfo.InvariantCulture, $"工资金额不能超过按在岗月数应发的{due:0.00}元"))
            : RuleResult.Ok;
    }

    /// <summary>A date of the ranger's work (a patrol, a payment) cannot be in the future.</summary>
    public static RuleResult NotInFuture(DateOnly day, DateOnly today, string field) =>
        day > today ? RuleResult.Fail(field, "日期不能晚于今天") : RuleResult.Ok;
}
