using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Education;
using Platform.Contracts.Households;
using Platform.Contracts.Relocation;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Messaging.Stream;

namespace Platform.Industry.Reactions;

/// <summary>
/// What a batch of the other pillars' and the registry's monitoring events will touch — tasks by relocation case,
/// skills by enrolment, work-list entries by flag — loaded with one query each, then kept in memory for the batch.
/// Each is keyed by the record that caused it, so an event delivered twice (even under a new event id) adds nothing.
/// </summary>
public sealed class PillarEventBatch(IndustryDbContext db) : IEventBatchPreparer
{
    private readonly Dictionary<Guid, JobMatchingTask> tasksByCase = [];
    private readonly Dictionary<Guid, MemberSkill> skills = [];
    private readonly Dictionary<Guid, WorkListEntry> flags = [];

    public async Task PrepareAsync(IReadOnlyList<IIntegrationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var cases = events.OfType<HouseholdRelocated>().Select(e => e.CaseId).Distinct().ToList();
        if (cases.Count > 0)
        {
            foreach (var task in await db.MatchingTasks.Where(t => cases.Contains(t.CaseId)).ToListAsync(cancellationToken))
            {
                tasksByCase[task.CaseId] = task;
            }
        }

        var enrolments = events.OfType<TrainingCompleted>().Select(e => e.EnrolmentId).Distinct().ToList();
        if (enrolments.Count > 0)
        {
            foreach (var skill in await db.Skills.Where(s => enrolments.Contains(s.EnrolmentId)).ToListAsync(cancellationToken))
            {
                skills[skill.EnrolmentId] = skill;
            }
        }

        var flagIds = events.OfType<MonitoringFlagRaised>().Select(e => e.FlagId).Concat(events.OfType<MonitoringFlagRemoved>().Select(e => e.FlagId)).Distinct().ToList();
        if (flagIds.Count > 0)
        {
            foreach (var entry in await db.WorkList.Where(w => flagIds.Contains(w.FlagId)).ToListAsync(cancellationToken))
            {
                flags[entry.FlagId] = entry;
            }
        }
    }

    public JobMatchingTask? TaskOf(Guid caseId) => tasksByCase.GetValueOrDefault(caseId);

    public MemberSkill? Skill(Guid enrolmentId) => skills.GetValueOrDefault(enrolmentId);

    public WorkListEntry? Flag(Guid flagId) => flags.GetValueOrDefault(flagId);

    public void Add(JobMatchingTask task)
    {
        db.MatchingTasks.Add(task);
        tasksByCase[task.CaseId] = task;
    }

    public void Add(MemberSkill skill)
    {
        db.Skills.Add(skill);
        skills[skill.EnrolmentId] = skill;
    }

    public void Add(WorkListEntry entry)
    {
        db.WorkList.Add(entry);
        flags[entry.FlagId] = entry;
    }
}

/// <summary>搬得出、稳得住、有就业: a relocated household that moved in gets a job-matching task for the workshops at or near its site.</summary>
public sealed class HouseholdRelocatedHandler(PillarEventBatch batch, TimeProvider clock) : IEventHandler<HouseholdRelocated>
{
    public Task HandleAsync(HouseholdRelocated relocated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(relocated);
        if (!Places.IsVillageCode(relocated.VillageCode))
        {
            throw new PermanentEventFailureException($"HouseholdRelocated {relocated.EventId} names no village of 12 digits");
        }

        if (batch.TaskOf(relocated.CaseId) is null)
        {
            batch.Add(new JobMatchingTask
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                HouseholdId = relocated.HouseholdId,
                CaseId = relocated.CaseId,
                SiteId = relocated.SiteId,
                SiteName = relocated.SiteName is { Length: > 100 } name ? name[..100] : relocated.SiteName,
                VillageCode = relocated.VillageCode,
                MovedInOn = relocated.MovedInOn,
                OpenedAt = clock.GetUtcNow(),
            });
        }

        return Task.CompletedTask;
    }
}

/// <summary>A member's skills training completed: the member appears in job matching with the trade.</summary>
public sealed class TrainingCompletedHandler(PillarEventBatch batch) : IEventHandler<TrainingCompleted>
{
    public Task HandleAsync(TrainingCompleted completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completed);
        if (batch.Skill(completed.EnrolmentId) is null)
        {
            batch.Add(new MemberSkill
            {
                EnrolmentId = completed.EnrolmentId,
                MemberId = completed.MemberId,
                HouseholdId = completed.HouseholdId,
                Trade = Cut(completed.Trade, 50),
                CourseName = Cut(completed.CourseName, 100),
                CompletedOn = completed.CompletedOn,
                Certificate = completed.Certificate is null ? null : Cut(completed.Certificate, 50),
            });
        }

        return Task.CompletedTask;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>A household flagged for post-exit monitoring appears in the industry work list; its removal takes it off.</summary>
public sealed class MonitoringFlagHandlers(PillarEventBatch batch) : IEventHandler<MonitoringFlagRaised>, IEventHandler<MonitoringFlagRemoved>
{
    public Task HandleAsync(MonitoringFlagRaised raised, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raised);
        if (batch.Flag(raised.FlagId) is null)
        {
            batch.Add(new WorkListEntry
            {
                FlagId = raised.FlagId,
                HouseholdId = raised.HouseholdId,
                Category = raised.Category,
                Trigger = raised.Trigger,
                RaisedOn = raised.RaisedOn,
                Reason = raised.Reason.Length <= 500 ? raised.Reason : raised.Reason[..500],
            });
        }

        return Task.CompletedTask;
    }

    public Task HandleAsync(MonitoringFlagRemoved removed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(removed);
        if (batch.Flag(removed.FlagId) is { RemovedOn: null } entry)
        {
            entry.RemovedOn = removed.RemovedOn;
        }

        return Task.CompletedTask;
    }
}
