using System.Globalization;
using Platform.Contracts;
using Platform.Industry.Common;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Industry.Income;

namespace Platform.Industry.Jobs;

/// <summary>就业: a member, the kind of job, where (workshop, employer or post, destination), from when, months and monthly wage.</summary>
public sealed record EmploymentRequest(
    Guid? MemberId, string? Kind, Guid? WorkshopId, string? Employer, string? Destination, string? DestinationScope, DateOnly? StartedOn, int? Months, decimal? MonthlyWage);

/// <summary>
/// Reads employment requests (the portal's and the human-resources bureau's) and writes records with their wage
/// income inside the caller's unit of work; a member's new job closes the household's open job-matching tasks.
/// </summary>
public sealed class EmploymentLedger(IndustryDbContext db, IncomeReports income, TimeProvider clock)
{
    public const string MatchedBy = "employment";

    /// <summary>The request's own checks (<see cref="EmploymentRules.Validate"/>); the workshop is resolved by the caller.</summary>
    public static EmploymentSubmission? Parse(EmploymentRequest request, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        var before = errors.Count;
        var kind = Input.Code<EmploymentKind>(request.Kind, "kind", "就业类型", errors);
        var scope = Input.OptionalCode<DestinationScope>(request.DestinationScope, "destinationScope", "转移就业去向范围", errors);
        var employer = request.Employer?.Trim() ?? string.Empty;
        var destination = Input.Text(request.Destination, 100, "destination", errors);
        if (request.StartedOn is null)
        {
            FieldErrors.Add(errors, "startedOn", "请填写就业开始日期");
        }

        if (request.Months is null)
        {
            FieldErrors.Add(errors, "months", "请填写务工月数");
        }

        if (request.MonthlyWage is null)
        {
            FieldErrors.Add(errors, "monthlyWage", "请填写月工资（元）");
        }

        if (errors.Count > before)
        {
            return null;
        }

        var submission = new EmploymentSubmission(kind, request.WorkshopId, employer, destination, scope, request.StartedOn!.Value, request.Months!.Value, request.MonthlyWage!.Value);
        EmploymentRules.Validate(submission, errors);
        return errors.Count > before ? null : submission;
    }

    /// <summary>The key a record is found again by: workshop, or the employer's name.</summary>
    public static string KeyOf(EmploymentSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return EmploymentRecord.KeyOf(submission.Kind == EmploymentKind.Workshop ? submission.WorkshopId : null, submission.Employer);
    }

    /// <summary>Adds the record and its wage income; <see cref="EmploymentRules.CanEmploy"/> was checked. <paramref name="employer"/> is the workshop's name for workshop jobs.</summary>
    public EmploymentRecord Record(Guid memberId, Guid householdId, EmploymentSubmission submission, string employer, string actor, out IndustryIncome wage)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var now = clock.GetUtcNow();
        var record = new EmploymentRecord
        {
            Id = Guid.CreateVersion7(now),
            MemberId = memberId,
            HouseholdId = householdId,
            Kind = submission.Kind,
            WorkshopId = submission.Kind == EmploymentKind.Workshop ? submission.WorkshopId : null,
            Employer = employer,
            EmployerKey = KeyOf(submission),
            Destination = submission.Destination,
            DestinationScope = submission.DestinationScope,
            StartedOn = submission.StartedOn,
            Year = submission.StartedOn.Year,
            Months = submission.Months,
            MonthlyWage = submission.MonthlyWage,
            RecordedAt = now,
            RecordedBy = actor,
        };
        db.Employment.Add(record);
        wage = income.Record(record.Id, IncomeSource.Employment, householdId, memberId, record.Year, record.Wage, Description(record));
        return record;
    }

    public static bool Differs(EmploymentRecord record, EmploymentSubmission submission) =>
        record.StartedOn != submission.StartedOn || record.Months != submission.Months || record.MonthlyWage != submission.MonthlyWage
        || record.Destination != submission.Destination || record.DestinationScope != submission.DestinationScope;

    /// <summary>Corrects the record (same member, kind, employer and year) and reports its wage again.</summary>
    public void Correct(EmploymentRecord record, IndustryIncome wage, EmploymentSubmission submission, string actor)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(submission);
        record.StartedOn = submission.StartedOn;
        record.Months = submission.Months;
        record.MonthlyWage = submission.MonthlyWage;
        record.Destination = submission.Destination;
        record.DestinationScope = submission.DestinationScope;
        record.RecordedAt = clock.GetUtcNow();
        record.RecordedBy = actor;
        income.Correct(wage, record.Year, record.Wage, Description(record));
    }

    /// <summary>搬得出、稳得住、有就业: a job for a member closes the household's open matching tasks.</summary>
    public void CloseTasks(IEnumerable<JobMatchingTask> openTasks, string actor)
    {
        ArgumentNullException.ThrowIfNull(openTasks);
        var now = clock.GetUtcNow();
        foreach (var task in openTasks.Where(t => t.IsOpen))
        {
            task.Close(MatchingOutcome.Employed, actor, "成员已就业", now);
        }
    }

    private static string Description(EmploymentRecord r) =>
        string.Create(CultureInfo.InvariantCulture, $"{Names.Of(r.Kind)} {r.Employer} {r.Year}年{r.Months}个月（月工资{r.MonthlyWage:0.##}元）");
}
