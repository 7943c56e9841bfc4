using Platform.Education.Domain;
using Platform.ServiceDefaults.Auth;

namespace Platform.Education.Training;

/// <summary>
/// The caller's data scope (数据范围) on skills-training courses: a course belongs to the township it is
/// held in, so county staff see every course and township and village staff their own township's.
/// </summary>
internal static class CourseScoping
{
    public static IQueryable<TrainingCourse> Within(this IQueryable<TrainingCourse> courses, DataScope scope) => scope.Level switch
    {
        ScopeLevel.County => courses,
        ScopeLevel.Township or ScopeLevel.Village => courses.Where(c => c.TownshipCode == TownshipOf(scope)),
        _ => courses.Where(_ => false),
    };

    /// <summary>Whether a course of this township (9-digit code) is inside the scope.</summary>
    public static bool CoversTownship(this DataScope scope, string townshipCode) => scope.Level switch
    {
        ScopeLevel.County => true,
        ScopeLevel.Township or ScopeLevel.Village => TownshipOf(scope) == townshipCode,
        _ => false,
    };

    private static string TownshipOf(DataScope scope) => scope.Code![..9];
}
