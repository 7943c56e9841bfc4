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
            });
        }
        else
        {
            household.VillageCode = registered.VillageCode;
            household.TownshipCode = registered.TownshipCode;
        }

        foreach (var member in registered.Members)
        {
            await StudentFollowing.FollowAsync(Db, member, registered.HouseholdId, registered.VillageCode, registered.TownshipCode, Clock, context.CancellationToken);
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

internal static class StudentFollowing
{
    public static async Task FollowAsync(
        EducationDbContext db, MemberSnapshot member, Guid householdId, string villageCode, string townshipCode, TimeProvider clock, CancellationToken cancellationToken)
    {
        var existing = await db.Students.FindAsync([member.MemberId], cancellationToken);
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
