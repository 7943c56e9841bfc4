using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Education.Data;
using Platform.Education.Domain;
using Platform.Education.Dropouts;
using Platform.Messaging.Outbox;
using Platform.Messaging.Stream;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Data;

namespace Platform.Education.Consumers;

/// <summary>
/// What a batch of the registry's events will touch, loaded with one query per table for all its
/// households; the handlers then look in the unit of work only (a household not found there is not known).
/// </summary>
public sealed class HouseholdBatch(EducationDbContext db, NewRows newRows)
{
    private readonly HashSet<Guid> prepared = [];
    private readonly RowsByKey<Guid, FollowedHousehold> households = new(h => h.Id);
    private readonly Dictionary<Guid, HouseholdMember> members = [];
    private readonly Dictionary<Guid, Student> students = [];
    private readonly Dictionary<Guid, List<Student>> studentsByHousehold = [];
    private readonly Dictionary<Guid, EducationGuarantee> guarantees = [];
    private readonly Dictionary<Guid, DropoutCase> openCasesByStudent = [];

    public async Task PrepareAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken)
    {
        var ids = householdIds.Where(prepared.Add).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        await ReadRowsAsync(ids, cancellationToken);
        foreach (var member in await db.Members.Where(m => ids.Contains(m.HouseholdId)).ToListAsync(cancellationToken))
        {
            members[member.Id] = member;
        }

        foreach (var student in await db.Students.Where(s => ids.Contains(s.HouseholdId)).ToListAsync(cancellationToken))
        {
            Index(student);
        }

        foreach (var guarantee in await db.Guarantees.Where(g => ids.Contains(g.HouseholdId)).ToListAsync(cancellationToken))
        {
            guarantees[guarantee.HouseholdId] = guarantee;
        }

        foreach (var open in await db.DropoutCases.Where(c => ids.Contains(c.HouseholdId) && c.ClosedAt == null).ToListAsync(cancellationToken))
        {
            openCasesByStudent[open.StudentId] = open;
        }
    }

    /// <summary>The rows of households whose only events in the batch are changes of status: nothing else of theirs is touched.</summary>
    public Task ReadRowsAsync(IEnumerable<Guid> householdIds, CancellationToken cancellationToken) =>
        households.ReadAsync(householdIds, ids => db.Households.Where(h => ids.Contains(h.Id)), cancellationToken);

    /// <summary>The household with its members, students, guarantee and open dropout cases.</summary>
    public async Task<FollowedHousehold?> HouseholdAsync(Guid id, CancellationToken cancellationToken)
    {
        await PrepareAsync([id], cancellationToken);
        return households.Find(id);
    }

    /// <summary>The household's row alone (a change of status touches nothing else).</summary>
    public async Task<FollowedHousehold?> HouseholdRowAsync(Guid id, CancellationToken cancellationToken)
    {
        await ReadRowsAsync([id], cancellationToken);
        return households.Find(id);
    }

    public HouseholdMember? Member(Guid id) => members.GetValueOrDefault(id);

    public Student? Student(Guid id) => students.GetValueOrDefault(id);

    public IEnumerable<Student> CurrentStudentsOf(Guid householdId) =>
        studentsByHousehold.TryGetValue(householdId, out var list) ? list.Where(s => s.IsCurrent) : [];

    public DropoutCase? OpenCaseOf(Guid studentId) =>
        openCasesByStudent.TryGetValue(studentId, out var open) && open.ClosedAt is null ? open : null;

    public EducationGuarantee? GuaranteeOf(Guid householdId) => guarantees.GetValueOrDefault(householdId);

    public void Add(FollowedHousehold household)
    {
        newRows.Add(household); // written by COPY with the batch, untracked
        households.Add(household);
    }

    public void Add(HouseholdMember member)
    {
        newRows.Add(member); // written by COPY with the batch, untracked
        members[member.Id] = member;
    }

    public void Add(Student student)
    {
        newRows.Add(student); // written by COPY with the batch, untracked
        Index(student);
    }

    public void Add(EducationGuarantee guarantee)
    {
        newRows.Add(guarantee); // written by COPY with the batch, untracked
        guarantees[guarantee.HouseholdId] = guarantee;
    }

    private void Index(Student student)
    {
        students[student.Id] = student;
        if (!studentsByHousehold.TryGetValue(student.HouseholdId, out var list))
        {
            studentsByHousehold[student.HouseholdId] = list = [];
        }

        list.Add(student);
    }
}

/// <summary>
/// Loads a whole batch's households before its events are applied; of a household whose only events are changes of
/// status (a county's exits: one per household), only its row.
/// </summary>
public sealed class HouseholdBatchPreparer(HouseholdBatch batch) : IEventBatchPreparer
{
    public async Task PrepareAsync(IReadOnlyList<IIntegrationEvent> events, CancellationToken cancellationToken)
    {
        var byHousehold = events.OfType<IHouseholdEvent>().GroupBy(e => e.HouseholdId).ToList();
        await batch.ReadRowsAsync(byHousehold.Where(h => h.All(e => e is HouseholdStatusChanged)).Select(h => h.Key), cancellationToken);
        await batch.PrepareAsync(byHousehold.Where(h => !h.All(e => e is HouseholdStatusChanged)).Select(h => h.Key).ToHashSet(), cancellationToken);
    }
}

/// <summary>A household registered: the pillar follows it and its members of pre-school to university age.</summary>
public sealed class HouseholdRegisteredHandler(HouseholdFollowing following) : IEventHandler<HouseholdRegistered>
{
    public Task HandleAsync(HouseholdRegistered registered, CancellationToken cancellationToken) =>
        following.FollowAsync(registered.HouseholdId, registered.HouseholdNumber, registered.VillageCode, registered.TownshipCode, registered.Status, registered.Members, registered.OccurredAt, cancellationToken);
}

/// <summary>The registry announced a household again (a catch-up): the pillar's copy becomes equal to it.</summary>
public sealed class HouseholdAnnouncedHandler(HouseholdFollowing following, HouseholdBatch batch, DropoutLedger ledger) : IEventHandler<HouseholdAnnounced>
{
    public async Task HandleAsync(HouseholdAnnounced announced, CancellationToken cancellationToken)
    {
        await following.FollowAsync(announced.HouseholdId, announced.HouseholdNumber, announced.VillageCode, announced.TownshipCode, announced.Status, announced.Members, announced.OccurredAt, cancellationToken);
        var current = announced.Members.Select(m => m.MemberId).ToHashSet();
        foreach (var student in batch.CurrentStudentsOf(announced.HouseholdId).Where(s => !current.Contains(s.Id)).ToList())
        {
            await following.LeaveAsync(student.Id, announced.HouseholdId, MemberRemovalReason.Other, announced.OccurredAt, ledger, cancellationToken);
        }
    }
}

/// <summary>A member joined (born, married in, moved in): followed when of school age.</summary>
public sealed partial class HouseholdMemberAddedHandler(HouseholdFollowing following, HouseholdBatch batch, ILogger<HouseholdMemberAddedHandler> logger) : IEventHandler<HouseholdMemberAdded>
{
    public async Task HandleAsync(HouseholdMemberAdded added, CancellationToken cancellationToken)
    {
        // Events of a household arrive in order: an unknown household was registered before this service
        // followed the county; the registry's announcement (catch-up) brings it whole.
        if (await batch.HouseholdAsync(added.HouseholdId, cancellationToken) is not { } household)
        {
            LogUnknownHousehold(logger, added.HouseholdId);
            return;
        }

        following.FollowMember(added.Member, household, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Member added to household {HouseholdId}, which this service does not follow yet; an announcement of the registry brings it")]
    private static partial void LogUnknownHousehold(ILogger logger, Guid householdId);
}

/// <summary>A member left (died, married or moved out…): no longer followed; an open dropout case closes.</summary>
public sealed class HouseholdMemberRemovedHandler(HouseholdFollowing following, DropoutLedger ledger) : IEventHandler<HouseholdMemberRemoved>
{
    public Task HandleAsync(HouseholdMemberRemoved removed, CancellationToken cancellationToken) =>
        following.LeaveAsync(removed.MemberId, removed.HouseholdId, removed.Reason, removed.OccurredAt, ledger, cancellationToken);
}

/// <summary>A household's status changed (poor → exited → monitored): kept, since policies go on after exit (摘帽不摘政策).</summary>
public sealed class HouseholdStatusChangedHandler(HouseholdBatch batch) : IEventHandler<HouseholdStatusChanged>
{
    public async Task HandleAsync(HouseholdStatusChanged changed, CancellationToken cancellationToken)
    {
        // In order by the stream; an older change sent back from an error queue later changes nothing.
        if (await batch.HouseholdRowAsync(changed.HouseholdId, cancellationToken) is { } household && !(household.StatusChangedAt > changed.OccurredAt))
        {
            household.Status = changed.Status;
            household.StatusChangedAt = changed.OccurredAt;
        }
    }
}

/// <summary>A household moved to another village (易地扶贫搬迁): its students follow it.</summary>
public sealed class HouseholdMovedHandler(HouseholdFollowing following, HouseholdBatch batch) : IEventHandler<HouseholdMoved>
{
    public async Task HandleAsync(HouseholdMoved moved, CancellationToken cancellationToken)
    {
        // In order by the stream; an older move sent back from an error queue later changes nothing.
        if (await batch.HouseholdAsync(moved.HouseholdId, cancellationToken) is { } household && !(household.MovedAt > moved.OccurredAt))
        {
            household.MovedAt = moved.OccurredAt;
            await following.MoveAsync(household, moved.VillageCode, moved.TownshipCode, cancellationToken);
        }
    }
}

/// <summary>How the pillar follows the registry's households, members and students (学生) in its own tables.</summary>
public sealed class HouseholdFollowing(EducationDbContext db, HouseholdBatch batch, TimeProvider clock)
{
    /// <summary>Follows a household (new, or known and announced again) with its members.</summary>
    public async Task FollowAsync(
        Guid householdId, string householdNumber, string villageCode, string townshipCode, HouseholdStatus status,
        IReadOnlyList<MemberSnapshot> members, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        var household = await batch.HouseholdAsync(householdId, cancellationToken);
        if (household is null)
        {
            household = new FollowedHousehold
            {
                Id = householdId,
                HouseholdNumber = householdNumber,
                VillageCode = villageCode,
                TownshipCode = townshipCode,
                Status = status,
            };
            batch.Add(household);
            AssessNewHousehold(household, occurredAt);
        }
        else
        {
            household.Status = status;
            await MoveAsync(household, villageCode, townshipCode, cancellationToken);
        }

        foreach (var member in members)
        {
            FollowMember(member, household, cancellationToken);
        }
    }

    /// <summary>Places the household and its current students in a village (a move, or a late correction).</summary>
    public async Task MoveAsync(FollowedHousehold household, string villageCode, string townshipCode, CancellationToken cancellationToken)
    {
        household.VillageCode = villageCode;
        household.TownshipCode = townshipCode;
        foreach (var student in batch.CurrentStudentsOf(household.Id))
        {
            if (student.VillageCode != villageCode || student.TownshipCode != townshipCode)
            {
                student.MoveTo(villageCode, townshipCode);
            }
        }

        // Training records move with the household (moves are rare: one query each).
        await Training.EnrolmentFollowing.MoveAsync(db, household.Id, villageCode, townshipCode, cancellationToken);
    }

    public void FollowMember(MemberSnapshot member, FollowedHousehold household, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var known = batch.Member(member.MemberId);
        if (known is null)
        {
            batch.Add(new HouseholdMember
            {
                Id = member.MemberId,
                HouseholdId = household.Id,
                IdNumber = member.IdNumber,
                Name = member.Name,
                Sex = member.Sex,
                BirthDate = member.BirthDate,
            });
        }
        else
        {
            known.Name = member.Name;
        }

        var existing = batch.Student(member.MemberId);
        if (existing is not null)
        {
            existing.Name = member.Name;
            existing.VillageCode = household.VillageCode;
            existing.TownshipCode = household.TownshipCode;
            existing.Health = member.Health;
            existing.DisabilityGrade = member.DisabilityGrade;
            return;
        }

        if (!SchoolAge.IsFollowed(member.BirthDate, clock.Today()))
        {
            return;
        }

        batch.Add(new Student
        {
            Id = member.MemberId,
            HouseholdId = household.Id,
            IdNumber = member.IdNumber,
            Name = member.Name,
            Sex = member.Sex,
            BirthDate = member.BirthDate,
            VillageCode = household.VillageCode,
            TownshipCode = household.TownshipCode,
            Health = member.Health,
            DisabilityGrade = member.DisabilityGrade,
            KnownSince = clock.GetUtcNow(),
        });
    }

    /// <summary>A member left the household: no longer followed as a student; an open dropout case closes.</summary>
    public async Task LeaveAsync(Guid memberId, Guid householdId, MemberRemovalReason reason, DateTimeOffset occurredAt, DropoutLedger ledger, CancellationToken cancellationToken)
    {
        await batch.PrepareAsync([householdId], cancellationToken);
        if (batch.Member(memberId) is { } member && member.HouseholdId == householdId)
        {
            member.LeftAt ??= occurredAt;
        }

        if (batch.Student(memberId) is not { IsCurrent: true } student || student.HouseholdId != householdId)
        {
            return; // not of school age, or already gone
        }

        student.Leave(reason, occurredAt);
        if (batch.OpenCaseOf(student.Id) is { } open)
        {
            await ledger.CloseAsync(open, DropoutOutcome.LeftHousehold, $"建档立卡减员：{Codes.Of(reason)}", null, "registry", cancellationToken);
        }
    }

    /// <summary>
    /// The compulsory-education guarantee is this pillar's to assess for every household it follows, not
    /// only when a case changes it: a newly followed household has no open dropout case, so it is met.
    /// </summary>
    private void AssessNewHousehold(FollowedHousehold household, DateTimeOffset occurredAt)
    {
        if (batch.GuaranteeOf(household.Id) is not null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        batch.Add(new EducationGuarantee { HouseholdId = household.Id });
        db.AddIntegrationEvent(
            new GuaranteeAssessed
            {
                EventId = Guid.CreateVersion7(now),
                HouseholdId = household.Id,
                OccurredAt = now,
                Guarantee = Guarantee.CompulsoryEducation,
                Met = true,
                Reason = "无义务教育阶段失学辍学儿童",
                Source = Pillar.Education,
                SourceRecordId = "household:" + household.Id,
                AssessedAt = occurredAt,
            },
            clock);
    }
}
