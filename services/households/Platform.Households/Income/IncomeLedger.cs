using Platform.Contracts.Registry;
using Platform.Households.Consumers;
using Platform.Households.Domain;
using Platform.Messaging.Stream;

namespace Platform.Households.Income;

/// <summary>
/// What an income record from a pillar does to the registry: it is kept once per (pillar, source record),
/// and a later report of the same record corrects it. Exit verdicts read these records live, so a new
/// record changes a household's eligibility at once. The caller (the event stream's batch) saves and commits.
/// </summary>
public sealed partial class IncomeLedger(PillarReportBatch batch, TimeProvider clock, ILogger<IncomeLedger> logger)
{
    public async Task ApplyAsync(IncomeRecorded income, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(income);
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

/// <summary>An income event that breaks the contract (malformed, or for no registered household): set aside at once.</summary>
public sealed class InvalidIncomeRecordException(string message) : PermanentEventFailureException(message);
