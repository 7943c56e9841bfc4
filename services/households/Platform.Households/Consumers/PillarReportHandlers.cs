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

    public async Task PrepareAsync(IReadOnlyList<IIntegrationEvent> events, CancellationToken cancellationToken)
    {
        var ids = events.OfType<IHouseholdEvent>().Select(e => e.HouseholdId).Where(prepared.Add).Distinct().ToList();
        if (ids.Count > 0)
        {
            known.UnionWith(await db.Households.Where(h => ids.Contains(h.Id)).Select(h => h.Id).ToListAsync(cancellationToken));
            await db.GuaranteeStates.Where(s => ids.Contains(s.HouseholdId)).LoadAsync(cancellationToken);
        }

        var sourceRecords = events.OfType<IncomeRecorded>().Select(e => e.SourceRecordId).Distinct().ToList();
        if (sourceRecords.Count > 0)
        {
            await db.IncomeRecords.Where(r => sourceRecords.Contains(r.SourceRecordId)).LoadAsync(cancellationToken);
        }
    }

    public async Task<bool> IsRegisteredAsync(Guid householdId, CancellationToken cancellationToken)
    {
        if (!prepared.Contains(householdId))
        {
            prepared.Add(householdId);
            if (await db.Households.AnyAsync(h => h.Id == householdId, cancellationToken))
            {
                known.Add(householdId);
            }

            await db.GuaranteeStates.Where(s => s.HouseholdId == householdId).LoadAsync(cancellationToken);
        }

        return known.Contains(householdId);
    }

    public async Task<IncomeRecord?> IncomeRecordAsync(Pillar source, string sourceRecordId, CancellationToken cancellationToken) =>
        db.IncomeRecords.Local.FirstOrDefault(r => r.Source == source && r.SourceRecordId == sourceRecordId)
        ?? await db.IncomeRecords.SingleOrDefaultAsync(r => r.Source == source && r.SourceRecordId == sourceRecordId, cancellationToken);

    public GuaranteeState? State(Guid householdId, Guarantee guarantee) =>
        db.GuaranteeStates.Local.FirstOrDefault(s => s.HouseholdId == householdId && s.Guarantee == guarantee);
}

/// <summary>
/// Keeps the household's income by year and kind. Applied once per message (inbox) and once per
/// source record: a pillar's record reported again with a new event corrects it, never adds to it.
/// </summary>
public sealed partial class IncomeRecordedHandler(HouseholdsDbContext db, PillarReportBatch batch, TimeProvider clock, ILogger<IncomeRecordedHandler> logger)
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
            db.IncomeRecords.Add(new IncomeRecord
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
            db.GuaranteeStates.Add(GuaranteeState.From(assessment));
        }
    }
}

public sealed class InvalidIncomeRecordException(string message) : PermanentEventFailureException(message);
