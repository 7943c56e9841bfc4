using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Registry;
using Platform.Households.Data;
using Platform.Households.Domain;

namespace Platform.Households.Exit;

/// <summary>
/// What a guarantee assessment does to the registry: every assessment by the guarantee's owner is kept
/// (the history a check traces back) and the latest one is the guarantee's state, whatever the arrival
/// order. An assessment by a pillar that does not own the guarantee is not applied (see
/// <see cref="GuaranteeOwners"/>). The caller (a consumer) saves and commits.
/// </summary>
public sealed partial class GuaranteeBook(HouseholdsDbContext db, TimeProvider clock, ILogger<GuaranteeBook> logger)
{
    public async Task ApplyAsync(GuaranteeAssessed assessed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessed);
        if (!await db.Households.AnyAsync(h => h.Id == assessed.HouseholdId, cancellationToken))
        {
            throw new InvalidOperationException($"Guarantee assessment {assessed.EventId} names an unknown household {assessed.HouseholdId}");
        }

        var owner = GuaranteeOwners.OwnerOf(assessed.Guarantee);
        if (assessed.Source != owner)
        {
            LogNotOwner(logger, assessed.EventId, assessed.Source, assessed.Guarantee, owner);
            return;
        }

        if (await db.GuaranteeAssessments.AnyAsync(a => a.Id == assessed.EventId, cancellationToken))
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
            ReceivedAt = clock.GetUtcNow(),
        };
        db.GuaranteeAssessments.Add(assessment);

        var state = await db.GuaranteeStates.SingleOrDefaultAsync(
            s => s.HouseholdId == assessed.HouseholdId && s.Guarantee == assessed.Guarantee, cancellationToken);
        if (state is null)
        {
            db.GuaranteeStates.Add(GuaranteeState.From(assessment));
        }
        else
        {
            state.Apply(assessment);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Guarantee assessment {EventId} from {Source} not applied: {Guarantee} is owned by {Owner}")]
    private static partial void LogNotOwner(ILogger logger, Guid eventId, Pillar source, Guarantee guarantee, Pillar owner);
}
