using Platform.Contracts.Registry;
using Platform.Education.Data;
using Platform.Education.Domain;
using Platform.Messaging.Outbox;

namespace Platform.Education.Dropouts;

/// <summary>
/// Opens and closes dropout cases inside the caller's unit of work, keeping each household's
/// compulsory-education guarantee and, when it changes, adding the assessment for the registry to
/// the outbox — committed by the caller's SaveChanges together with the case, or not at all.
/// </summary>
public sealed class DropoutLedger(EducationDbContext db, TimeProvider clock)
{
    public async Task<(DropoutCase Case, bool GuaranteeChanged)> OpenAsync(
        Student student,
        DropoutTrigger trigger,
        string reason,
        ResponsiblePerson administrative,
        ResponsiblePerson education,
        string openedBy,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(student);
        var now = clock.GetUtcNow();
        var dropout = DropoutCase.Open(student, trigger, reason, administrative, education, openedBy, now);
        db.DropoutCases.Add(dropout);
        var guarantee = await GuaranteeOfAsync(student.HouseholdId, cancellationToken);
        var changed = guarantee.CaseOpened(dropout, student.Name, now);
        if (changed)
        {
            db.AddIntegrationEvent(Assessed(guarantee, now), clock);
        }

        return (dropout, changed);
    }

    /// <summary>Closes the case; the caller has checked <see cref="DropoutCase.CanClose"/>.</summary>
    public async Task<bool> CloseAsync(DropoutCase dropout, DropoutOutcome outcome, string? note, string? homeTeacher, string closedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dropout);
        var now = clock.GetUtcNow();
        dropout.Close(outcome, note, homeTeacher, closedBy, now);
        var guarantee = await GuaranteeOfAsync(dropout.HouseholdId, cancellationToken);
        var changed = guarantee.CaseClosed(dropout, now);
        if (changed)
        {
            db.AddIntegrationEvent(Assessed(guarantee, now), clock);
        }

        return changed;
    }

    private async Task<EducationGuarantee> GuaranteeOfAsync(Guid householdId, CancellationToken cancellationToken)
    {
        // Find looks in this unit of work first: a bulk batch may touch one household many times.
        var guarantee = await db.Guarantees.FindAsync([householdId], cancellationToken);
        if (guarantee is null)
        {
            guarantee = new EducationGuarantee { HouseholdId = householdId };
            db.Guarantees.Add(guarantee);
        }

        return guarantee;
    }

    private static GuaranteeAssessed Assessed(EducationGuarantee guarantee, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now),
        HouseholdId = guarantee.HouseholdId,
        OccurredAt = now,
        Guarantee = Guarantee.CompulsoryEducation,
        Met = guarantee.Met,
        Reason = guarantee.Reason,
        Source = Pillar.Education,
        SourceRecordId = "dropout-case:" + guarantee.SourceCaseId,
        AssessedAt = now,
    };
}
