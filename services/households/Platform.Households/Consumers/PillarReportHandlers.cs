using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.Messaging.Stream;

namespace Platform.Households.Consumers;

/// <summary>
/// What a batch of the pillars' reports will touch, loaded with one query per table: which of its households
/// exist, the income records it may correct, the guarantee states it may change. Handlers then look in the
/// unit of work only.
/// </summary>
public sealed class PillarReportBatch(HouseholdsDbContext db) : IEventBatchPreparer
{
    private readonly HashSet<Guid> known = [];
    private readonly HashSet<Guid> prepared = [];
    private readonly Dictionary<(Pillar, string), IncomeRecord> incomes = [];
    private readonly Dictionary<(Guid, Guarantee), GuaranteeState> states = [];

    public async Task PrepareAsync(IReadOnlyList<IIntegrationEvent> events, CancellationToken cancellationToken)
    {
        var ids = events.OfType<IHouseholdEvent>().Select(e => e.HouseholdId).Where(prepared.Add).Distinct().ToList();
        await LoadAsync(ids, cancellationToken);
        var sourceRecords = events.OfType<IncomeRecorded>().Select(e => e.SourceRecordId).Distinct().ToList();
        if (sourceRecords.Count > 0)
        {
            foreach (var record in await db.IncomeRecords.Where(r => sourceRecords.Contains(r.SourceRecordId)).ToListAsync(cancellationToken))
            {
                incomes[(record.Source, record.SourceRecordId)] = record;
            }
        }
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
        if (incomes.TryGetValue((source, sourceRecordId), out var record))
        {
            return record;
        }

        record = await db.IncomeRecords.SingleOrDefaultAsync(r => r.Source == source && r.SourceRecordId == sourceRecordId, cancellationToken);
        if (record is not null)
        {
            incomes[(source, sourceRecordId)] = record;
        }

        return record;
    }

    public void Add(IncomeRecord record)
    {
        db.IncomeRecords.Add(record);
        incomes[(record.Source, record.SourceRecordId)] = record;
    }

    public GuaranteeState? State(Guid householdId, Guarantee guarantee) => states.GetValueOrDefault((householdId, guarantee));

    public void Add(GuaranteeState state)
    {
        db.GuaranteeStates.Add(state);
        states[(state.HouseholdId, state.Guarantee)] = state;
    }

    private async Task LoadAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        known.UnionWith(await db.Households.Where(h => ids.Contains(h.Id)).Select(h => h.Id).ToListAsync(cancellationToken));
        foreach (var state in await db.GuaranteeStates.Where(s => ids.Contains(s.HouseholdId)).ToListAsync(cancellationToken))
        {
            states[(state.HouseholdId, state.Guarantee)] = state;
        }
    }
}

/// <summary>
/// Keeps the household's income by year and kind. Applied once per message (inbox) and once per
/// source record: a pillar's record reported again with a new event corrects it, never adds to it.
/// </summary>
public sealed partial class IncomeRecordedHandler(PillarReportBatch batch, TimeProvider clock, ILogger<IncomeRecordedHandler> logger)
    : IEventHandler<IncomeRecorded>
{
    public async Task HandleAsync(IncomeRecorded income, CancellationToken cancellationToken)
    {
        if (income.Amount < 0 || decimal.Round(income.Amount, 2) != income.Amount || string.IsNullOrWhiteSpace(income.SourceRecordId))
        {
            // A contract violation by the sender: no retry makes it right; it goes to the error queue.
            throw new InvalidIncomeRecordException($"Income event {income.EventId} from {income.Source} is malformed");
        }

        if (!await batch.IsRegisteredAsync(income.HouseholdId, cancellationToken))
        {
            throw new InvalidIncomeRecordException($"Income event {income.EventId} names an unknown household {income.HouseholdId}");
        }

        var existing = await batch.IncomeRecordAsync(income.Source, income.SourceRecordId, cancellationToken);
        var now = clock.GetUtcNow();
        if (existing is null)
        {
            batch.Add(new IncomeRecord
            {
                Id = Guid.CreateVersion7(now),
                HouseholdId = income.HouseholdId,
                MemberId = income.MemberId,
                Year = income.Year,
                Kind = income.Kind,
                Amount = income.Amount,
                CountsTowardExit = income.CountsTowardExit,
                Source = income.Source,
                SourceRecordId = income.SourceRecordId,
                Description = income.Description,
                EventId = income.EventId,
                RecordedAt = now,
            });
            return;
        }

        LogCorrected(logger, income.Source, existing.Id);
        existing.MemberId = income.MemberId;
        existing.Year = income.Year;
        existing.Kind = income.Kind;
        existing.Amount = income.Amount;
        existing.CountsTowardExit = income.CountsTowardExit;
        existing.Description = income.Description;
        existing.EventId = income.EventId;
        existing.RecordedAt = now;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Income record {RecordId} from {Source} reported again; corrected in place")]
    private static partial void LogCorrected(ILogger logger, Pillar source, Guid recordId);
}

/// <summary>
/// Records every assessment (the history a check can trace back) and keeps the current state of
/// each guarantee: the latest assessment wins, whatever order they arrive in.
/// </summary>
public sealed class GuaranteeAssessedHandler(HouseholdsDbContext db, PillarReportBatch batch, TimeProvider clock) : IEventHandler<GuaranteeAssessed>
{
    public async Task HandleAsync(GuaranteeAssessed assessed, CancellationToken cancellationToken)
    {
        if (!await batch.IsRegisteredAsync(assessed.HouseholdId, cancellationToken))
        {
            throw new PermanentEventFailureException($"Guarantee assessment {assessed.EventId} names an unknown household {assessed.HouseholdId}");
        }

        var assessment = new GuaranteeAssessment
        {
            Id = assessed.EventId,
            HouseholdId = assessed.HouseholdId,
            Guarantee = assessed.Guarantee,
            Met = assessed.Met,
            Reason = assessed.Reason,
            Source = assessed.Source,
            SourceRecordId = assessed.SourceRecordId,
            AssessedAt = assessed.AssessedAt,
            ReceivedAt = clock.GetUtcNow(),
        };
        db.GuaranteeAssessments.Add(assessment);

        if (batch.State(assessed.HouseholdId, assessed.Guarantee) is { } state)
        {
            state.Apply(assessment);
        }
        else
        {
            batch.Add(GuaranteeState.From(assessment));
        }
    }
}

public sealed class InvalidIncomeRecordException(string message) : PermanentEventFailureException(message);
