using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Households;
using Platform.Education.Data;
using Platform.Education.Domain;
using Platform.Education.Dropouts;
using Platform.Messaging.Inbox;
using Platform.ServiceDefaults;
using Platform.Contracts;

namespace Platform.Education.Consumers;

/// <summary>A household registered: the pillar follows it and its members of pre-school to university age.</summary>
public sealed class HouseholdRegisteredConsumer(EducationDbContext db, TimeProvider clock)
    : IdempotentConsumer<HouseholdRegistered, EducationDbContext>(db, clock)
{
    protected override async Task HandleAsync(ConsumeContext<HouseholdRegistered> context)
    {
        var registered = context.Message;
        var household = await Db.Households.FindAsync([registered.HouseholdId], context.CancellationToken);
        if (household is null)
        {
            Db.Households.Add(new FollowedHousehold
            {
                Id = registered.HouseholdId,
                HouseholdNumber = registered.HouseholdNumber,
                VillageCode = registered.VillageCode,
                TownshipCode = registered.TownshipCode,
                Status = registered.Status,
            });
        }
        else
        {
            await StudentFollowing.MoveAsync(Db, household, registered.VillageCode, registered.TownshipCode, context.CancellationToken);
        }

        // Two queries for the whole household (not two per member): whom the pillar knows already.
        var ids = registered.Members.Select(m => m.MemberId).ToList();
        await Db.Members.Where(m => ids.Contains(m.Id)).LoadAsync(context.CancellationToken);
        await Db.Students.Where(s => ids.Contains(s.Id)).LoadAsync(context.CancellationToken);
        foreach (var member in registered.Members)
        {
            await StudentFollowing.FollowAsync(Db, member, registered.HouseholdId, registered.VillageCode, registered.TownshipCode, Clock, context.CancellationToken, loaded: true);
        }
    }
}

/// <summary>A member joined (born, married in, moved in): followed when of school age.</summary>
public sealed class HouseholdMemberAddedConsumer(EducationDbContext db, TimeProvider clock)
    : IdempotentConsumer<HouseholdMemberAdded, EducationDbContext>(db, clock)
{
    protected override async Task HandleAsync(ConsumeContext<HouseholdMemberAdded> context)
    {
        var added = context.Message;
        // Registration and addition travel on different queues: until the registration has arrived,
        // the retries (and then the error queue, for a requeue) hold the addition.
        var household = await Db.Households.FindAsync([added.HouseholdId], context.CancellationToken)
            ?? throw new InvalidOperationException($"Member added to household {added.HouseholdId}, which has not been registered here yet");
        await StudentFollowing.FollowAsync(Db, added.Member, household.Id, household.VillageCode, household.TownshipCode, Clock, context.CancellationToken);
    }
}

/// <summary>A member left (died, married or moved out…): no longer followed; an open dropout case closes.</summary>
public sealed class HouseholdMemberRemovedConsumer(EducationDbContext db, DropoutLedger ledger, TimeProvider clock)
    : IdempotentConsumer<HouseholdMemberRemoved, EducationDbContext>(db, clock)
{
    protected override async Task HandleAsync(ConsumeContext<HouseholdMemberRemoved> context)
    {
        var removed = context.Message;
        var member = await Db.Members.SingleOrDefaultAsync(m => m.Id == removed.MemberId && m.HouseholdId == removed.HouseholdId, context.CancellationToken);
        if (member is not null)
        {
            member.LeftAt ??= removed.OccurredAt;
        }

        var student = await Db.Students.SingleOrDefaultAsync(s => s.Id == removed.MemberId && s.HouseholdId == removed.HouseholdId, context.CancellationToken);
        if (student is null || !student.IsCurrent)
        {
            return; // not of school age, or already gone
        }

        student.Leave(removed.Reason, removed.OccurredAt);
        var open = await Db.DropoutCases.SingleOrDefaultAsync(c => c.StudentId == student.Id && c.ClosedAt == null, context.CancellationToken);
        if (open is not null)
        {
            await ledger.CloseAsync(open, DropoutOutcome.LeftHousehold, $"建档立卡减员：{Codes.Of(removed.Reason)}", null, "registry", context.CancellationToken);
        }
    }
}

/// <summary>
/// A household's status changed (poor → exited → monitored): kept, since policies go on after exit; the
/// household's students are placed in its current village (the registry's latest word on where it lives).
/// </summary>
public sealed class HouseholdStatusChangedConsumer(EducationDbContext db, TimeProvider clock)
    : IdempotentConsumer<HouseholdStatusChanged, EducationDbContext>(db, clock)
{
    protected override async Task HandleAsync(ConsumeContext<HouseholdStatusChanged> context)
    {
        var changed = context.Message;
        // Registration and status change travel on different queues: until the registration has arrived,
        // the retries (and then the error queue, for a requeue) hold the change.
        var household = await Db.Households.FindAsync([changed.HouseholdId], context.CancellationToken)
            ?? throw new InvalidOperationException($"Status of household {changed.HouseholdId} changed, which has not been registered here yet");
        if (household.StatusChangedAt is { } last && last > changed.OccurredAt)
        {
            return; // an older change arriving late
        }

        household.Status = changed.Status;
        household.StatusChangedAt = changed.OccurredAt;
        await StudentFollowing.MoveAsync(Db, household, household.VillageCode, household.TownshipCode, context.CancellationToken);
    }
}

/// <summary>A household moved to another village (易地扶贫搬迁): its students follow it, in order of the moves.</summary>
public sealed class HouseholdMovedConsumer(EducationDbContext db, TimeProvider clock)
    : IdempotentConsumer<HouseholdMoved, EducationDbContext>(db, clock)
{
    protected override async Task HandleAsync(ConsumeContext<HouseholdMoved> context)
    {
        var moved = context.Message;
        var household = await Db.Households.FindAsync([moved.HouseholdId], context.CancellationToken)
            ?? throw new InvalidOperationException($"Household {moved.HouseholdId} moved, which has not been registered here yet");
        if (household.MovedAt is { } last && last > moved.OccurredAt)
        {
            return; // an older move arriving late
        }

        household.MovedAt = moved.OccurredAt;
        await StudentFollowing.MoveAsync(Db, household, moved.VillageCode, moved.TownshipCode, context.CancellationToken);
    }
}

internal static class StudentFollowing
{
    /// <summary>Places the household and its current students in a village (a move, or a late correction).</summary>
    public static async Task MoveAsync(EducationDbContext db, FollowedHousehold household, string villageCode, string townshipCode, CancellationToken cancellationToken)
    {
        household.VillageCode = villageCode;
        household.TownshipCode = townshipCode;
        var students = await db.Students
            .Where(s => s.HouseholdId == household.Id && s.LeftAt == null && (s.VillageCode != villageCode || s.TownshipCode != townshipCode))
            .ToListAsync(cancellationToken);
        foreach (var student in students)
        {
            student.MoveTo(villageCode, townshipCode);
        }

        await Training.EnrolmentFollowing.MoveAsync(db, household.Id, villageCode, townshipCode, cancellationToken);
    }

    /// <param name="loaded">The household's known members and students are tracked already: look only there.</param>
    public static async Task FollowAsync(
        EducationDbContext db, MemberSnapshot member, Guid householdId, string villageCode, string townshipCode, TimeProvider clock, CancellationToken cancellationToken, bool loaded = false)
    {
        var known = loaded ? db.Members.Local.FindEntry(member.MemberId)?.Entity : await db.Members.FindAsync([member.MemberId], cancellationToken);
        if (known is null)
        {
            db.Members.Add(new HouseholdMember
            {
                Id = member.MemberId,
                HouseholdId = householdId,
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

        var existing = loaded ? db.Students.Local.FindEntry(member.MemberId)?.Entity : await db.Students.FindAsync([member.MemberId], cancellationToken);
        if (existing is not null)
        {
            existing.Name = member.Name;
            existing.VillageCode = villageCode;
            existing.TownshipCode = townshipCode;
            existing.Health = member.Health;
            existing.DisabilityGrade = member.DisabilityGrade;
            return;
        }

        if (!SchoolAge.IsFollowed(member.BirthDate, clock.Today()))
        {
            return;
        }

        db.Students.Add(new Student
        {
            Id = member.MemberId,
            HouseholdId = householdId,
            IdNumber = member.IdNumber,
            Name = member.Name,
            Sex = member.Sex,
            BirthDate = member.BirthDate,
            VillageCode = villageCode,
            TownshipCode = townshipCode,
            Health = member.Health,
            DisabilityGrade = member.DisabilityGrade,
            KnownSince = clock.GetUtcNow(),
        });
    }
}
