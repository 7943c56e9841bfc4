using Platform.Households.Domain;
using Platform.ServiceDefaults.Auth;

namespace Platform.Households.Registry;

/// <summary>The caller's data scope (数据范围) applied to the registry's queries.</summary>
internal static class Scoping
{
    public static IQueryable<Household> Within(this IQueryable<Household> households, DataScope scope) => scope.Level switch
    {
        ScopeLevel.County => households,
        ScopeLevel.Township => households.Where(h => h.Village!.Township!.Code == scope.Code),
        ScopeLevel.Village => households.Where(h => h.Village!.Code == scope.Code),
        _ => households.Where(_ => false),
    };

    /// <summary>The tallies of the scope's villages (the county's: all of them, with no join).</summary>
    public static IQueryable<HouseholdTally> Within(this IQueryable<HouseholdTally> tallies, IQueryable<Village> villages, DataScope scope)
    {
        if (scope.Level == ScopeLevel.County)
        {
            return tallies;
        }

        // The villages' filter is built here, not inside the lambda: EF cannot translate a call to Within in an expression tree.
        var inScope = villages.Within(scope);
        return tallies.Where(t => inScope.Any(v => v.Id == t.VillageId));
    }

    public static IQueryable<Village> Within(this IQueryable<Village> villages, DataScope scope) => scope.Level switch
    {
        ScopeLevel.County => villages,
        ScopeLevel.Township => villages.Where(v => v.Township!.Code == scope.Code),
        ScopeLevel.Village => villages.Where(v => v.Code == scope.Code),
        _ => villages.Where(_ => false),
    };

    public static IQueryable<Township> Within(this IQueryable<Township> townships, DataScope scope) => scope.Level switch
    {
        ScopeLevel.County => townships,
        ScopeLevel.Township => townships.Where(t => t.Code == scope.Code),
        ScopeLevel.Village => townships.Where(t => scope.Code!.StartsWith(t.Code)),
        _ => townships.Where(_ => false),
    };
}
