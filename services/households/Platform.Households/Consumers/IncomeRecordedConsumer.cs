using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Registry;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.Messaging.Inbox;

namespace Platform.Households.Consumers;

/// <summary>
/// Keeps the household's income by year and kind. Applied once per message (inbox) and once per
/// source record: a pillar's record reported again with a new event corrects it, never adds to it.
/// </summary>
public sealed partial class IncomeRecordedConsumer(HouseholdsDbContext db, TimeProvider clock, ILogger<IncomeRecordedConsumer> logger)
    : IdempotentConsumer<IncomeRecorded, HouseholdsDbContext>(db, clock)
{
    protected override async Task HandleAsync(ConsumeContext<IncomeRecorded> context)
    {
        var income = context.Message;
        if (income.Amount < 0 || decimal.Round(income.Amount, 2) != income.Amount || string.IsNullOrWhiteSpace(income.SourceRecordId))
        {
            // A contract violation by the sender: no retry makes it right; it goes to the error queue.
            throw new InvalidIncomeRecordException($"Income event {income.EventId} from {income.Source} is malformed");
        }

        if (!await Db.Households.AnyAsync(h => h.Id == income.HouseholdId, context.CancellationToken))
        {
            throw new InvalidIncomeRecordException($"Income event {income.EventId} names an unknown household {income.HouseholdId}");
        }

        var existing = await Db.IncomeRecords.SingleOrDefaultAsync(
            r => r.Source == income.Source && r.SourceRecordId == income.SourceRecordId, context.CancellationToken);
        var now = Clock.GetUtcNow();
        if (existing is null)
        {
            Db.IncomeRecords.Add(new IncomeRecord
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

public sealed class InvalidIncomeRecordException(string message) : Exception(message);
