using Platform.Messaging.Households;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Common;

/// <summary>The caller's data scope (数据范围) on the pillar's records: a record lies where its household lives now.</summary>
internal static class Scoping
{
    public static IQueryable<ReplicaHousehold> Within(this IQueryable<ReplicaHousehold> households, DataScope scope) =>
        households.Within(scope, h => h.TownshipCode, h => h.VillageCode);

    public static IQueryable<ReplicaMember> Within(this IQueryable<ReplicaMember> members, DataScope scope) =>
        members.Within(scope, m => m.TownshipCode, m => m.VillageCode);

    /// <summary>Records of households in the caller's place; outside it they do not exist.</summary>
    public static IQueryable<T> Within<T>(this IQueryable<T> records, WelfareDbContext db, DataScope scope)
        where T : class, IHouseholdRecord
    {
        if (scope.Level == ScopeLevel.County)
        {
            return records;
        }

        var households = db.ReplicaHouseholds.Within(scope);
        return records.Where(r => households.Any(h => h.Id == r.HouseholdId));
    }

    /// <summary>Records of the households of a township or a village (list filters), inside the caller's scope.</summary>
    public static IQueryable<T> InPlace<T>(this IQueryable<T> records, WelfareDbContext db, string? township, string? village)
        where T : class, IHouseholdRecord
    {
        if (string.IsNullOrWhiteSpace(township) && string.IsNullOrWhiteSpace(village))
        {
            return records;
        }

        var households = db.ReplicaHouseholds.AsQueryable();
        if (!string.IsNullOrWhiteSpace(township))
        {
            var code = township.Trim();
            households = households.Where(h => h.TownshipCode == code);
        }

        if (!string.IsNullOrWhiteSpace(village))
        {
            var code = village.Trim();
            households = households.Where(h => h.VillageCode == code);
        }

        return records.Where(r => households.Any(h => h.Id == r.HouseholdId));
    }

    public static IQueryable<ReplicaMember> InPlace(this IQueryable<ReplicaMember> members, string? township, string? village)
    {
        if (!string.IsNullOrWhiteSpace(township))
        {
            var code = township.Trim();
            members = members.Where(m => m.TownshipCode == code);
        }

        if (!string.IsNullOrWhiteSpace(village))
        {
            var code = village.Trim();
            members = members.Where(m => m.VillageCode == code);
        }

        return members;
    }

    public static IQueryable<ReplicaHousehold> InPlace(this IQueryable<ReplicaHousehold> households, string? township, string? village)
    {
        if (!string.IsNullOrWhiteSpace(township))
        {
            var code = township.Trim();
            households = households.Where(h => h.TownshipCode == code);
        }

        if (!string.IsNullOrWhiteSpace(village))
        {
            var code = village.Trim();
            households = households.Where(h => h.VillageCode == code);
        }

        return households;
    }
}
