using Platform.Contracts.Registry;
using Platform.Households.Data;
using Platform.Households.Consumers;
using Platform.Households.Domain;
using Platform.Messaging.Stream;
using Platform.ServiceDefaults.Data;

namespace Platform.Households.Exit;

/// <summary>
/// What a guarantee assessment does to the registry: every assessment by the guarantee's owner is kept
/// (the history a check traces back) and the latest one is the guarantee's state, whatever the arrival
/// order. An assessment by a pillar that does not own the guarantee is not applied (see
/// <see cref="GuaranteeOwners"/>). The caller (the event stream's batch) saves and commits.
/// </summary>
public sealed partial class GuaranteeBook(NewRows newRows, PillarReportBatch batch, TimeProvider clock, ILogger<GuaranteeBook> logger)
{
    public async Task ApplyAsync(GuaranteeAssessed assessed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessed);
        if (!await batch.IsRegisteredAsync(assessed.HouseholdId, cancellationToken))
        {
            throw new PermanentEventFailureException($"Guarantee assessment {assessed.EventId} names an unknown household {assessed.HouseholdId}");
        }

        var owner = GuaranteeOwners.OwnerOf(assessed.Guarantee);
        if (assessed.Source != owner)
        {
            LogNotOwner(logger, assessed.EventId, assessed.Source, assessed.Guarantee, owner);
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
        newRows.Add(assessment); // an insert-only history row: written by COPY with the batch, untracked

        if (await batch.StateAsync(assessed.HouseholdId, assessed.Guarantee, cancellationToken) is { } state)
        {
            state.Apply(assessment);
        }
        else
        {
            batch.Add(GuaranteeState.From(assessment));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Guarantee assessment {EventId} from {Source} not applied: {Guarantee} is owned by {Owner}")]
    private static partial void LogNotOwner(ILogger logger, Guid eventId, Pillar source, Guarantee guarantee, Pillar owner);
}
