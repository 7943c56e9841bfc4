using Platform.Contracts;

namespace Platform.Industry.Domain;

/// <summary>
/// A member's employment in one year (就业): in a poverty workshop, on a public-welfare post or transferred out of
/// the county, with the months worked and the monthly wage. The wage (months × monthly wage) is the household's
/// wage income. It ends when the member dies or moves away.
/// </summary>
public sealed class EmploymentRecord : IHouseholdRecord
{
    public required Guid Id { get; init; }

    public required Guid MemberId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required EmploymentKind Kind { get; init; }

    /// <summary>The workshop (a market entity of kind workshop) for workshop employment.</summary>
    public Guid? WorkshopId { get; init; }

    /// <summary>用工单位 or 岗位名称.</summary>
    public required string Employer { get; set; }

    /// <summary>What makes the record the same record when it is sent again: the workshop, or the employer's name.</summary>
    public required string EmployerKey { get; init; }

    public string? Destination { get; set; }

    public DestinationScope? DestinationScope { get; set; }

    public required DateOnly StartedOn { get; set; }

    public required int Year { get; init; }

    public required int Months { get; set; }

    public required decimal MonthlyWage { get; set; }

    public decimal Wage => EmploymentRules.WageOf(Months, MonthlyWage);

    public DateOnly? EndedOn { get; private set; }

    public string? EndReason { get; private set; }

    public required DateTimeOffset RecordedAt { get; set; }

    public required string RecordedBy { get; set; }

    public bool IsCurrent => EndedOn is null;

    public void End(DateOnly on, string reason)
    {
        if (EndedOn is null)
        {
            EndedOn = on < StartedOn ? StartedOn : on;
            EndReason = reason;
        }
    }

    /// <summary>The key of an employer: the workshop's id, else the employer's name as written, without spaces.</summary>
    public static string KeyOf(Guid? workshopId, string employer) =>
        workshopId is { } id ? "workshop:" + id.ToString("N") : string.Concat(employer.Where(c => !char.IsWhiteSpace(c)));
}

/// <summary>An employment record as submitted, before it is checked against the member and the year's other records.</summary>
public sealed record EmploymentSubmission(
    EmploymentKind Kind, Guid? WorkshopId, string Employer, string? Destination, DestinationScope? DestinationScope, DateOnly StartedOn, int Months, decimal MonthlyWage);

public static class EmploymentRules
{
    public const int MaxEmployerLength = 100;

    /// <summary>A monthly wage above this is taken for a typing error (fen for yuan).</summary>
    public const decimal MaxMonthlyWage = 50_000m;

    /// <summary>"employment records per member with months and wage → wage income": the wage is months × monthly wage.</summary>
    public static decimal WageOf(int months, decimal monthlyWage) => decimal.Round(months * monthlyWage, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// What a record must say of itself: a workshop for workshop employment; the post for a public-welfare post;
    /// the destination and whether in or out of the province for transferred labour; between 1 and 12 months, no
    /// more than are left in the year from the start; a monthly wage above 0 (at most two decimals, at most 50,000).
    /// </summary>
    public static void Validate(EmploymentSubmission submission, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(submission);
        switch (submission.Kind)
        {
            case EmploymentKind.Workshop when submission.WorkshopId is null:
                FieldErrors.Add(errors, "workshopId", "扶贫车间就业须写明车间");
                break;
            case EmploymentKind.PublicWelfarePost or EmploymentKind.TransferredOut when submission.Employer.Length == 0:
                FieldErrors.Add(errors, "employer", submission.Kind == EmploymentKind.PublicWelfarePost ? "请写明公益性岗位名称" : "请写明用工单位");
                break;
            case EmploymentKind.TransferredOut when string.IsNullOrWhiteSpace(submission.Destination) || submission.DestinationScope is null:
                FieldErrors.Add(errors, "destination", "转移就业须写明去向（地点，以及县外省内 in-province 或省外 out-of-province）");
                break;
        }

        if (submission.Kind != EmploymentKind.TransferredOut && (submission.Destination is not null || submission.DestinationScope is not null))
        {
            FieldErrors.Add(errors, "destination", "只有转移就业填写去向");
        }

        if (submission.Employer.Length > MaxEmployerLength)
        {
            FieldErrors.Add(errors, "employer", $"用工单位或岗位名称不超过{MaxEmployerLength}字");
        }

        var monthsLeft = 13 - submission.StartedOn.Month;
        if (submission.Months < 1 || submission.Months > monthsLeft)
        {
            FieldErrors.Add(errors, "months", $"务工月数应在1到{monthsLeft}之间（自{submission.StartedOn:yyyy-MM-dd}起至年底）");
        }

        if (submission.MonthlyWage <= 0m || submission.MonthlyWage > MaxMonthlyWage || decimal.Round(submission.MonthlyWage, 2) != submission.MonthlyWage)
        {
            FieldErrors.Add(errors, "monthlyWage", $"月工资须大于0元、不超过{MaxMonthlyWage:0}元，至多两位小数");
        }
    }

    /// <summary>
    /// Who may be employed, and for how long: a current member turning 16 or more in the year the job starts (<see cref="Ages"/>), the start not in
    /// the future, and no more than 12 months in one year across all the member's records (the others given here).
    /// </summary>
    public static RuleResult CanEmploy(bool memberIsCurrent, DateOnly birthDate, EmploymentSubmission submission, int otherMonthsThatYear, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (!memberIsCurrent)
        {
            return RuleResult.Fail("memberId", "该成员已不在建档立卡户中");
        }

        if (submission.StartedOn > today)
        {
            return RuleResult.Fail("startedOn", "就业开始日期不能晚于今天");
        }

        if (Ages.InYearOf(birthDate, submission.StartedOn) < Ages.LegalWorkingAge)
        {
            return RuleResult.Fail("memberId", $"就业开始当年未满{Ages.LegalWorkingAge}周岁不能就业");
        }

        return otherMonthsThatYear + submission.Months > 12
            ? RuleResult.Fail("months", $"该成员{submission.StartedOn.Year}年已有其他就业{otherMonthsThatYear}个月，全年合计不能超过12个月")
            : RuleResult.Ok;
    }
}
