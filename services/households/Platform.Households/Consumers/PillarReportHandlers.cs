using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.Households.Exit;
using Platform.Households.Income;
using Platform.Households.Monitoring;
using Platform.Messaging.Stream;
using Platform.ServiceDefaults.Data;

namespace Platform.Households.Consumers;

/// <summary>
/// What a batch of the pillars' reports will touch, loaded with one query per table: which of its households
/// exist, the income records it may correct, the guarantee states it may change. Handlers then look in the
/// unit of work only.
/// </summary>
public sealed class PillarReportBatch(HouseholdsDbContext db, NewRows newRows) : IEventBatchPreparer
{
    private readonly HashSet<Guid> known = [];
    private readonly HashSet<Guid> prepared = [];
    private readonly HashSet<Guid> statesLoaded = [];
    private readonly RowsByKey<(Pillar Source, string SourceRecordId), IncomeRecord> incomes = new(r => (r.Source, r.SourceRecordId));
    private readonly Dictionary<(Guid, Guarantee), GuaranteeState> states = [];

    public async Task PrepareAsync(IReadOnlyList<IIntegrationEvent> events, CancellationToken cancellationToken)
    {
        var ids = events.OfType<IHouseholdEvent>().Select(e => e.HouseholdId).Where(prepared.Add).Distinct().ToList();
        await LoadAsync(ids, cancellationToken);
        // Guarantee states only for the households the batch assesses: income reports do not touch them.
        await LoadStatesAsync(events.OfType<GuaranteeAssessed>().Select(e => e.HouseholdId), cancellationToken);
        // Each record once, found or not: a new one needs no query of its own (one per report was over a quarter of the
        // registry's CPU in a county's first load).
        await incomes.ReadAsync(events.OfType<IncomeRecorded>().Select(e => (e.Source, e.SourceRecordId)), keys => IncomeRecordsOf(db, keys), cancellationToken);
    }

    /// <summary>
    /// The income records the reports may correct, by both columns of the unique index (source, source_record_id):
    /// by the record id alone the index is of no use and every batch read the whole table (seconds a batch once the
    /// county's income is in).
    /// </summary>
    public static IQueryable<IncomeRecord> IncomeRecordsOf(HouseholdsDbContext db, IReadOnlyCollection<(Pillar Source, string SourceRecordId)> keys)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        var sources = keys.Select(k => k.Source).Distinct().ToList();
        var sourceRecords = keys.Select(k => k.SourceRecordId).Distinct().ToList();
        return db.IncomeRecords.Where(r => sources.Contains(r.Source) && sourceRecords.Contains(r.SourceRecordId));
    }

    public async Task<bool> IsRegisteredAsync(Guid householdId, CancellationToken cancellationToken)
    {
        if (prepared.Add(householdId))
        {
            await LoadAsync([householdId], cancellationToken);
        }

        return known.Contains(householdId);
    }

    public async Task<IncomeRecord?> IncomeRecordAsync(Pillar source, string sourceRecordId, CancellationToken cancellationToken)
    {
        await incomes.ReadAsync([(source, sourceRecordId)], keys => IncomeRecordsOf(db, keys), cancellationToken);
        return incomes.Find((source, sourceRecordId));
    }

    public void Add(IncomeRecord record)
    {
        newRows.Add(record); // written by COPY with the batch, untracked
        incomes.Add(record);
    }

    /// <summary>The guarantee's current state, or null when the household never had it assessed.</summary>
    public async Task<GuaranteeState?> StateAsync(Guid householdId, Guarantee guarantee, CancellationToken cancellationToken)
    {
        await LoadStatesAsync([householdId], cancellationToken);
        return states.GetValueOrDefault((householdId, guarantee));
    }

    public void Add(GuaranteeState state)
    {
        newRows.Add(state); // written by COPY with the batch, untracked
        states[(state.HouseholdId, state.Guarantee)] = state;
    }

    private async Task LoadAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        known.UnionWith(await db.Households.Where(h => ids.Contains(h.Id)).Select(h => h.Id).ToListAsync(cancellationToken));
    }

    private async Task LoadStatesAsync(IEnumerable<Guid> householdIds, CancellationToken cancellationToken)
    {
        var ids = householdIds.Where(statesLoaded.Add).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        foreach (var state in await db.GuaranteeStates.Where(s => ids.Contains(s.HouseholdId)).ToListAsync(cancellationToken))
        {
            states.TryAdd((state.HouseholdId, state.Guarantee), state); // one added by this batch stays the object it wrote
        }
    }
}

/// <summary>Keeps the household's income by year and kind (see <see cref="IncomeLedger"/>).</summary>
public sealed class IncomeRecordedHandler(IncomeLedger ledger) : IEventHandler<IncomeRecorded>
{
    public Task HandleAsync(IncomeRecorded income, CancellationToken cancellationToken) => ledger.ApplyAsync(income, cancellationToken);
}

/// <summary>Records every owner's assessment and keeps each guarantee's current state (see <see cref="GuaranteeBook"/>).</summary>
public sealed class GuaranteeAssessedHandler(GuaranteeBook book) : IEventHandler<GuaranteeAssessed>
{
    public Task HandleAsync(GuaranteeAssessed assessed, CancellationToken cancellationToken) => book.ApplyAsync(assessed, cancellationToken);
}

/// <summary>A pillar's large expense may flag the household for monitoring (see <see cref="MonitoringSignals"/>).</summary>
public sealed class LargeExpenseReportedHandler(MonitoringSignals signals) : IEventHandler<LargeExpenseReported>
{
    public Task HandleAsync(LargeExpenseReported expense, CancellationToken cancellationToken) => signals.ReportLargeExpenseAsync(expense, cancellationToken);
}
