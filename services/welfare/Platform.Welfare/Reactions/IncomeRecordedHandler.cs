using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Messaging.Stream;
using Platform.ServiceDefaults.Data;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Reactions;

/// <summary>Loads the income records a batch of <see cref="IncomeRecorded"/> may correct, each key read once.</summary>
public sealed class IncomeBatch(WelfareDbContext db) : IEventBatchPreparer
{
    private readonly RowsByKey<(Pillar Source, string SourceRecordId), IncomeRecord> records = new(record => (record.Source, record.SourceRecordId));

    public Task PrepareAsync(IReadOnlyList<IIntegrationEvent> events, CancellationToken cancellationToken) =>
        records.ReadAsync(events.OfType<IncomeRecorded>().Select(e => (e.Source, e.SourceRecordId)), keys => RecordsOf(db, keys), cancellationToken);

    /// <summary>
    /// The records of these keys, by both columns of the key (source, source_record_id): by the record id alone the
    /// index is of no use and every batch read the whole table.
    /// </summary>
    public static IQueryable<IncomeRecord> RecordsOf(WelfareDbContext db, IReadOnlyCollection<(Pillar Source, string SourceRecordId)> keys)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        var sources = keys.Select(k => k.Source).Distinct().ToList();
        var ids = keys.Select(k => k.SourceRecordId).Distinct().ToList();
        return db.IncomeRecords.Where(r => sources.Contains(r.Source) && ids.Contains(r.SourceRecordId));
    }

    public IncomeRecord? Find(Pillar source, string sourceRecordId) => records.Find((source, sourceRecordId));

    public void Add(IncomeRecord record)
    {
        db.IncomeRecords.Add(record);
        records.Add(record);
    }
}

/// <summary>
/// Keeps each household's income by year as the pillars report it to the registry, for the means test: one row
/// per reporting pillar's record (a correction re-sends the same record and replaces it). The pillar's own
/// payments are its own tables already and do not count in the means test, so they are not kept twice.
/// </summary>
public sealed class IncomeRecordedHandler(IncomeBatch batch, TimeProvider clock) : IEventHandler<IncomeRecorded>
{
    public Task HandleAsync(IncomeRecorded income, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(income);
        if (income.Source == Pillar.Welfare)
        {
            return Task.CompletedTask;
        }

        if (income.Amount < 0 || Yuan.Round(income.Amount) != income.Amount || string.IsNullOrWhiteSpace(income.SourceRecordId) || income.SourceRecordId.Length > 100)
        {
            throw new PermanentEventFailureException($"Income event {income.EventId} from {income.Source} is malformed");
        }

        var now = clock.GetUtcNow();
        if (batch.Find(income.Source, income.SourceRecordId) is { } existing)
        {
            existing.HouseholdId = income.HouseholdId;
            existing.Year = income.Year;
            existing.Kind = income.Kind;
            existing.Amount = income.Amount;
            existing.CountsTowardExit = income.CountsTowardExit;
            existing.RecordedAt = now;
            return Task.CompletedTask;
        }

        batch.Add(new IncomeRecord
        {
            Source = income.Source, SourceRecordId = income.SourceRecordId, HouseholdId = income.HouseholdId, Year = income.Year, Kind = income.Kind, Amount = income.Amount,
            CountsTowardExit = income.CountsTowardExit, RecordedAt = now,
        });
        return Task.CompletedTask;
    }
}
