using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Messaging.Stream;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Reactions;

/// <summary>Loads the income records a batch of <see cref="IncomeRecorded"/> may correct, with one query.</summary>
public sealed class IncomeBatch(WelfareDbContext db) : IEventBatchPreparer
{
    private readonly Dictionary<(Pillar, string), IncomeRecord> records = [];

    public async Task PrepareAsync(IReadOnlyList<IIntegrationEvent> events, CancellationToken cancellationToken)
    {
        var incomes = events.OfType<IncomeRecorded>().ToList();
        if (incomes.Count == 0)
        {
            return;
        }

        foreach (var record in await RecordsOf(db, incomes).ToListAsync(cancellationToken))
        {
            records[(record.Source, record.SourceRecordId)] = record;
        }
    }

    /// <summary>
    /// The records the events may correct, by both columns of the key (source, source_record_id): by the record id
    /// alone the index is of no use and every batch read the whole table.
    /// </summary>
    public static IQueryable<IncomeRecord> RecordsOf(WelfareDbContext db, IReadOnlyCollection<IncomeRecorded> incomes)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incomes);
        var sources = incomes.Select(e => e.Source).Distinct().ToList();
        var ids = incomes.Select(e => e.SourceRecordId).Distinct().ToList();
        return db.IncomeRecords.Where(r => sources.Contains(r.Source) && ids.Contains(r.SourceRecordId));
    }

    public IncomeRecord? Find(Pillar source, string sourceRecordId) => records.GetValueOrDefault((source, sourceRecordId));

    public void Add(IncomeRecord record)
    {
        db.IncomeRecords.Add(record);
        records[(record.Source, record.SourceRecordId)] = record;
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
