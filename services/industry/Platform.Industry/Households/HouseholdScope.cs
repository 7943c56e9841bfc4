using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Messaging.Households;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;

namespace Platform.Industry.Households;

/// <summary>
/// The caller's data scope (数据范围) on the pillar's records. A household's records are placed by the household's
/// current village in the registry's replica, so they follow a household that moves; entities and bases by their own.
/// </summary>
internal static class HouseholdScope
{
    public static IQueryable<ReplicaHousehold> HouseholdsWithin(this IndustryDbContext db, DataScope scope) =>
        db.ReplicaHouseholds.Within(scope, h => h.TownshipCode, h => h.VillageCode);

    /// <summary>
    /// A household the caller asks about by id (its file, or a list narrowed to it): outside the caller's scope, or
    /// not yet received from the registry, it is "not found" alike — never an empty list that tells the two apart
    /// from a household without records only by the place.
    /// </summary>
    public static Task<bool> SeesHouseholdAsync(this IndustryDbContext db, DataScope scope, Guid id, CancellationToken cancellationToken) =>
        db.HouseholdsWithin(scope).AnyAsync(h => h.Id == id, cancellationToken);

    public static ProblemHttpResult HouseholdNotFound() => Problems.NotFound("产业就业帮扶尚未收到该建档立卡户");

    public static IQueryable<ReplicaMember> MembersWithin(this IndustryDbContext db, DataScope scope) =>
        db.ReplicaMembers.Within(scope, m => m.TownshipCode, m => m.VillageCode);

    /// <summary>Rows of households in the caller's scope (every row for county callers).</summary>
    public static IQueryable<T> OfHouseholdsWithin<T>(this IQueryable<T> rows, IndustryDbContext db, DataScope scope)
        where T : class, IHouseholdRecord
    {
        if (scope.Level == ScopeLevel.County)
        {
            return rows;
        }

        var households = db.HouseholdsWithin(scope);
        return rows.Where(r => households.Any(h => h.Id == r.HouseholdId));
    }

    public static IQueryable<MarketEntity> Within(this IQueryable<MarketEntity> entities, DataScope scope) =>
        entities.Within(scope, e => e.TownshipCode, e => e.VillageCode);

    public static IQueryable<IndustryBase> Within(this IQueryable<IndustryBase> bases, DataScope scope) =>
        bases.Within(scope, b => b.TownshipCode, b => b.VillageCode);
}
