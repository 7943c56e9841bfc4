using Platform.Contracts.Registry;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Messaging.Outbox;

namespace Platform.Industry.Income;

/// <summary>
/// Reports the income the pillar causes to the registry inside the caller's unit of work: the pillar's ledger row
/// and an <see cref="IncomeRecorded"/> in the outbox, committed together or not at all. A correction updates the row
/// and reports the same source record again, which the registry applies in place: every record counts once.
/// </summary>
public sealed class IncomeReports(IndustryDbContext db, TimeProvider clock)
{
    public const int MaxDescriptionLength = 200;

    /// <summary>Reports a new record's income.</summary>
    public IndustryIncome Record(Guid sourceRecordId, IncomeSource source, Guid householdId, Guid? memberId, int year, decimal amount, string description, LinkKind? linkKind = null)
    {
        var (kind, counts) = IncomeRules.Of(source, linkKind);
        var now = clock.GetUtcNow();
        var income = new IndustryIncome
        {
            SourceRecordId = sourceRecordId,
            Source = source,
            HouseholdId = householdId,
            MemberId = memberId,
            Year = year,
            Kind = kind,
            Amount = amount,
            CountsTowardExit = counts,
            Description = Fit(description),
            RecordedAt = now,
        };
        db.Income.Add(income);
        Report(income, now);
        return income;
    }

    /// <summary>Reports a corrected record again under the same source record (the row must be tracked).</summary>
    public void Correct(IndustryIncome income, int year, decimal amount, string description)
    {
        ArgumentNullException.ThrowIfNull(income);
        var now = clock.GetUtcNow();
        income.Year = year;
        income.Amount = amount;
        income.Description = Fit(description);
        income.RecordedAt = now;
        income.Reports++;
        Report(income, now);
    }

    /// <summary>Descriptions are for people and end at the column's 200 characters.</summary>
    private static string Fit(string description) => description.Length <= MaxDescriptionLength ? description : description[..MaxDescriptionLength];

    private void Report(IndustryIncome income, DateTimeOffset now) => db.AddIntegrationEvent(
        new IncomeRecorded
        {
            EventId = Guid.CreateVersion7(now),
            HouseholdId = income.HouseholdId,
            OccurredAt = now,
            MemberId = income.MemberId,
            Year = income.Year,
            Kind = income.Kind,
            Amount = income.Amount,
            CountsTowardExit = income.CountsTowardExit,
            Source = Pillar.Industry,
            SourceRecordId = income.SourceRecordId.ToString(),
            Description = income.Description,
        },
        clock);
}
