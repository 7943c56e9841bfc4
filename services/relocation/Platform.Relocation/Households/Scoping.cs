using Platform.Messaging.Households;
using Platform.Relocation.Domain;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;

namespace Platform.Relocation.Households;

/// <summary>The caller's data scope (数据范围) on the pillar's records: outside it a record does not exist.</summary>
public static class Scoping
{
    public static IQueryable<RelocationCase> Within(this IQueryable<RelocationCase> cases, DataScope scope) =>
        cases.Within(scope, c => c.TownshipCode, c => c.VillageCode);

    public static IQueryable<ResettlementSite> Within(this IQueryable<ResettlementSite> sites, DataScope scope) =>
        sites.Within(scope, s => s.TownshipCode, s => s.VillageCode);

    public static IQueryable<ReplicaHousehold> Within(this IQueryable<ReplicaHousehold> households, DataScope scope) =>
        households.Within(scope, h => h.TownshipCode, h => h.VillageCode);

    public static IQueryable<HousingAppraisal> Within(this IQueryable<HousingAppraisal> houses, DataScope scope) =>
        houses.Within(scope, h => h.TownshipCode, h => h.VillageCode);

    public static IQueryable<RenovationProject> Within(this IQueryable<RenovationProject> houses, DataScope scope) =>
        houses.Within(scope, h => h.TownshipCode, h => h.VillageCode);

    public static IQueryable<ToiletRenovation> Within(this IQueryable<ToiletRenovation> houses, DataScope scope) =>
        houses.Within(scope, h => h.TownshipCode, h => h.VillageCode);

    /// <summary>A water project is in scope where it stands or in a village it serves (for a township: any of its villages).</summary>
    public static IQueryable<WaterProject> Within(this IQueryable<WaterProject> projects, DataScope scope) => scope.Level switch
    {
        ScopeLevel.County => projects,
        ScopeLevel.Township => projects.Where(p => p.TownshipCode == scope.Code || p.ServedVillages.Any(v => v.StartsWith(scope.Code!))),
        ScopeLevel.Village => projects.Where(p => p.VillageCode == scope.Code || p.ServedVillages.Contains(scope.Code!)),
        _ => projects.Where(_ => false),
    };
}
