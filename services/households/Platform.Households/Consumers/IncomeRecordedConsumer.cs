using MassTransit;
using Platform.Contracts.Registry;
using Platform.Households.Data;
using Platform.Households.Income;
using Platform.Messaging.Inbox;

namespace Platform.Households.Consumers;

/// <summary>Keeps the household's income by year and kind (see <see cref="IncomeLedger"/>).</summary>
public sealed class IncomeRecordedConsumer(HouseholdsDbContext db, TimeProvider clock, IncomeLedger ledger)
    : IdempotentConsumer<IncomeRecorded, HouseholdsDbContext>(db, clock)
{
    protected override Task HandleAsync(ConsumeContext<IncomeRecorded> context) =>
        ledger.ApplyAsync(context.Message, context.CancellationToken);
}
