using MassTransit;
using Platform.Contracts.Registry;
using Platform.Households.Data;
using Platform.Households.Monitoring;
using Platform.Messaging.Inbox;

namespace Platform.Households.Consumers;

/// <summary>A pillar's large expense may flag the household for monitoring (see <see cref="MonitoringSignals"/>).</summary>
public sealed class LargeExpenseReportedConsumer(HouseholdsDbContext db, TimeProvider clock, MonitoringSignals signals)
    : IdempotentConsumer<LargeExpenseReported, HouseholdsDbContext>(db, clock)
{
    protected override Task HandleAsync(ConsumeContext<LargeExpenseReported> context) =>
        signals.ReportLargeExpenseAsync(context.Message, context.CancellationToken);
}
