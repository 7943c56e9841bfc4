using MassTransit;
using Platform.Contracts.Registry;
using Platform.Households.Data;
using Platform.Households.Exit;
using Platform.Messaging.Inbox;

namespace Platform.Households.Consumers;

/// <summary>Records every owner's assessment and keeps each guarantee's current state (see <see cref="GuaranteeBook"/>).</summary>
public sealed class GuaranteeAssessedConsumer(HouseholdsDbContext db, TimeProvider clock, GuaranteeBook book)
    : IdempotentConsumer<GuaranteeAssessed, HouseholdsDbContext>(db, clock)
{
    protected override Task HandleAsync(ConsumeContext<GuaranteeAssessed> context) =>
        book.ApplyAsync(context.Message, context.CancellationToken);
}
