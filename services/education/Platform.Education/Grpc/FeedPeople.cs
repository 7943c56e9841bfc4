using Platform.Education.Data;
using Platform.Education.Domain;
using Platform.ServiceDefaults.People;

namespace Platform.Education.Grpc;

/// <summary>The pillar's people as the feeds match them (<see cref="PersonMatching"/>): students, and every member with the village of its household.</summary>
internal static class FeedPeople
{
    public static readonly PersonShape<Student> Students = new(s => s.IdNumber, s => s.Name, s => s.TownshipCode, s => s.VillageCode);

    public static readonly PersonShape<MemberInPlace> Members = new(
        x => x.Member.IdNumber, x => x.Member.Name, x => x.Household.TownshipCode, x => x.Household.VillageCode);

    /// <summary>Students still in their household.</summary>
    public static IQueryable<Student> CurrentStudents(EducationDbContext db) => db.Students.Where(s => s.LeftAt == null);

    /// <summary>Members still in their household, with the household (its village is the member's).</summary>
    public static IQueryable<MemberInPlace> CurrentMembers(EducationDbContext db) =>
        from m in db.Members
        where m.LeftAt == null
        join h in db.Households on m.HouseholdId equals h.Id
        select new MemberInPlace { Member = m, Household = h };
}

/// <summary>A member and the household it belongs to.</summary>
internal sealed class MemberInPlace
{
    public required HouseholdMember Member { get; init; }

    public required FollowedHousehold Household { get; init; }
}
