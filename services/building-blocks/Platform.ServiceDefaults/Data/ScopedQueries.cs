using System.Linq.Expressions;
using Platform.ServiceDefaults.Auth;

namespace Platform.ServiceDefaults.Data;

/// <summary>The caller's data scope (数据范围) as a filter on any rows that carry their township and village codes.</summary>
public static class ScopedQueries
{
    /// <summary>
    /// Rows of the caller's county, township or village; none for a caller without a scope. The
    /// selectors name the row's codes, e.g. <c>s =&gt; s.TownshipCode</c> and <c>s =&gt; s.VillageCode</c>.
    /// </summary>
    public static IQueryable<T> Within<T>(
        this IQueryable<T> rows,
        DataScope scope,
        Expression<Func<T, string>> townshipCode,
        Expression<Func<T, string>> villageCode)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Level switch
        {
            ScopeLevel.County => rows,
            ScopeLevel.Township => rows.Where(Equals(townshipCode, scope.Code!)),
            ScopeLevel.Village => rows.Where(Equals(villageCode, scope.Code!)),
            _ => rows.Where(_ => false),
        };
    }

    private static Expression<Func<T, bool>> Equals<T>(Expression<Func<T, string>> code, string value) =>
        Expression.Lambda<Func<T, bool>>(
            Expression.Equal(code.Body, Expression.Constant(value, typeof(string))), code.Parameters);
}
