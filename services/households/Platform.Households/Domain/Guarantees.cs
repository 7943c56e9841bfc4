using Platform.Contracts.Registry;

namespace Platform.Households.Domain;

/// <summary>An assessment as received (the history: every one is kept).</summary>
public sealed class GuaranteeAssessment
{
    /// <summary>The event id of the assessment.</summary>
    public required Guid Id { get; init; }

    public required Guid HouseholdId { get; init; }

    public required Guarantee Guarantee { get; init; }

    public required bool Met { get; init; }

    public required string Reason { get; init; }

    public required Pillar Source { get; init; }

    public required string SourceRecordId { get; init; }

    public required DateTimeOffset AssessedAt { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>The current state of one guarantee of one household: the latest assessment wins.</summary>
public sealed class GuaranteeState
{
    public required Guid HouseholdId { get; init; }

    public required Guarantee Guarantee { get; init; }

    public bool Met { get; private set; }

    public string Reason { get; private set; } = string.Empty;

    public Pillar Source { get; private set; }

    public string SourceRecordId { get; private set; } = string.Empty;

    public Guid AssessmentId { get; private set; }

    public DateTimeOffset AssessedAt { get; private set; }

    public static GuaranteeState From(GuaranteeAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var state = new GuaranteeState { HouseholdId = assessment.HouseholdId, Guarantee = assessment.Guarantee };
        state.Apply(assessment);
        return state;
    }

    /// <summary>Applies an assessment unless a later one is already in force (messages may arrive out of order).</summary>
    public bool Apply(GuaranteeAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (AssessmentId != Guid.Empty && assessment.AssessedAt < AssessedAt)
        {
            return false;
        }

        Met = assessment.Met;
        Reason = assessment.Reason;
        Source = assessment.Source;
        SourceRecordId = assessment.SourceRecordId;
        AssessmentId = assessment.Id;
        AssessedAt = assessment.AssessedAt;
        return true;
    }
}

/// <summary>A status change as recorded: who, when, from what, to what, why.</summary>
public sealed class StatusChange
{
    public long Id { get; private set; }

    public required Guid HouseholdId { get; init; }

    public required Contracts.Households.HouseholdStatus From { get; init; }

    public required Contracts.Households.HouseholdStatus To { get; init; }

    public required string Reason { get; init; }

    public required string ChangedBy { get; init; }

    public required DateTimeOffset ChangedAt { get; init; }
}
