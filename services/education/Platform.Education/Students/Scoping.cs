using Platform.Education.Domain;
using Platform.ServiceDefaults.Auth;

namespace Platform.Education.Students;

/// <summary>The caller's data scope (数据范围) applied to the pillar's students.</summary>
internal static class Scoping
{
    public static IQueryable<Student> Within(this IQueryable<Student> students, DataScope scope) => scope.Level switch
    {
        ScopeLevel.County => students,
        ScopeLevel.Township => students.Where(s => s.TownshipCode == scope.Code),
        ScopeLevel.Village => students.Where(s => s.VillageCode == scope.Code),
        _ => students.Where(_ => false),
    };
}
