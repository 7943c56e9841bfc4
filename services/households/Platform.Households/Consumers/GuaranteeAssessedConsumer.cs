using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Registry;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.Messaging.Inbox;

namespace Platform.Households.Consumers;

/// <summary>
/// Records every assessment (the history a check can trace back) and keeps the current state of
/// each guarantee: the latest assessment wins, whatever order they arrive in.
/// </summary>
public sealed class GuaranteeAssessedConsumer(HouseholdsDbContext db, TimeProvider clock)
    : IdempotentConsumer<GuaranteeAssessed, HouseholdsDbContext>(db, clock)
{
    protected override async Task HandleAsync(ConsumeContext<GuaranteeAssessed> context)
    {
        var assessed = context.Message;
        if (!await Db.Households.AnyAsync(h => h.Id == assessed.HouseholdId, context.CancellationToken))
        {
            throw new InvalidOperationException($"Guarantee assessment {assessed.EventId} names an unknown household {assessed.HouseholdId}");
        }

        if (await Db.GuaranteeAssessments.AnyAsync(a => a.Id == assessed.EventId, context.CancellationToken))
        {
            return;
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
            ReceivedAt = Clock.GetUtcNow(),
        };
        Db.GuaranteeAssessments.Add(assessment);

        var state = await Db.GuaranteeStates.SingleOrDefaultAsync(
            s => s.HouseholdId == assessed.HouseholdId && s.Guarantee == assessed.Guarantee, context.CancellationToken);
        if (state is null)
        {
            Db.GuaranteeStates.Add(GuaranteeState.From(assessment));
        }
        else
        {
            state.Apply(assessment);
        }
    }
}
