using Platform.Education.Domain;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;

namespace Platform.Education.Students;

/// <summary>The caller's data scope (数据范围) applied to the pillar's students.</summary>
internal static class Scoping
{
    public static IQueryable<Student> Within(this IQueryable<Student> students, DataScope scope) =>
        students.Within(scope, s => s.TownshipCode, s => s.VillageCode);
}
