using Platform.Contracts.Households;

namespace Platform.Industry.Domain;

/// <summary>
/// A job-matching task (就业帮扶任务) for a relocated household (搬得出、稳得住、有就业): opened when the household moved
/// into its new home, for the workshops at or near the site; closed when a working member finds a job, or by staff.
/// </summary>
public sealed class JobMatchingTask : IHouseholdRecord
{
    public required Guid Id { get; init; }

    public required Guid HouseholdId { get; init; }

    /// <summary>The relocation pillar's case: one task per case, so the event delivered twice opens one task.</summary>
    public required Guid CaseId { get; init; }

    public Guid? SiteId { get; init; }

    public string? SiteName { get; init; }

    /// <summary>The village the household moved into (the site's village).</summary>
    public required string VillageCode { get; init; }

    public required DateOnly MovedInOn { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public MatchingOutcome? Outcome { get; private set; }

    public string? ClosedBy { get; private set; }

    public string? Note { get; private set; }

    public bool IsOpen => ClosedAt is null;

    public void Close(MatchingOutcome outcome, string closedBy, string? note, DateTimeOffset now)
    {
        if (ClosedAt is not null)
        {
            return;
        }

        ClosedAt = now;
        Outcome = outcome;
        ClosedBy = closedBy;
        Note = note;
    }
}

/// <summary>A skill a member earned by completing a training course (from the education pillar's <c>TrainingCompleted</c>).</summary>
public sealed class MemberSkill : IHouseholdRecord
{
    /// <summary>The completed enrolment: one skill per completion, however often it is delivered.</summary>
    public required Guid EnrolmentId { get; init; }

    public required Guid MemberId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required string Trade { get; init; }

    public required string CourseName { get; init; }

    public required DateOnly CompletedOn { get; init; }

    public string? Certificate { get; init; }
}

/// <summary>
/// An entry of the industry work list (产业帮扶工作清单): a household flagged for post-exit monitoring (防返贫监测), which
/// the pillar's staff look at for industry help; it leaves the open list when the flag is removed.
/// </summary>
public sealed class WorkListEntry : IHouseholdRecord
{
    public required Guid FlagId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required MonitoringCategory Category { get; init; }

    public required MonitoringTrigger Trigger { get; init; }

    public required DateOnly RaisedOn { get; init; }

    public required string Reason { get; init; }

    public DateOnly? RemovedOn { get; set; }

    public bool IsOpen => RemovedOn is null;
}

public static class MatchingRules
{
    /// <summary>
    /// Who job matching looks for: a current member of working age (turning 16–60 this year) who can work — labour ability "normal" or
    /// "weak" in the registry (not "none", not "not-working-age").
    /// </summary>
    public static bool IsWorkingMember(bool isCurrent, DateOnly birthDate, string? labourAbility, DateOnly today) =>
        isCurrent
        && Ages.InYearOf(birthDate, today) is >= Ages.LegalWorkingAge and <= Ages.WorkingAgeTo
        && labourAbility is "normal" or "weak";

    /// <summary>
    /// "a job-matching task for the workshops at or near that site": the workshops at the site itself first, then
    /// those in the site's village, then those in its township; workshops elsewhere are not near.
    /// </summary>
    public static int? Nearness(MarketEntity workshop, Guid? siteId, string villageCode)
    {
        ArgumentNullException.ThrowIfNull(workshop);
        ArgumentNullException.ThrowIfNull(villageCode);
        if (workshop.Kind != EntityKind.Workshop)
        {
            return null;
        }

        if (siteId is not null && workshop.SiteId == siteId)
        {
            return 0;
        }

        if (workshop.VillageCode == villageCode)
        {
            return 1;
        }

        return workshop.TownshipCode == villageCode[..9] ? 2 : null;
    }
}
