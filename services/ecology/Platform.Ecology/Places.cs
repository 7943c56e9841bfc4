using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Platform.Ecology.Data;
using Platform.Ecology.Domain;
using Platform.Messaging.Households;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;

namespace Platform.Ecology;

/// <summary>
/// The caller's data scope (数据范围) on the pillar's rows: posts and projects by their own village, the
/// registry's households and members, and payments by their household's current village (so they follow
/// a household that moves).
/// </summary>
internal static class Places
{
    public static IQueryable<RangerPost> Within(this IQueryable<RangerPost> posts, DataScope scope) =>
        posts.Within(scope, p => p.TownshipCode, p => p.VillageCode);

    public static IQueryable<EcologyProject> Within(this IQueryable<EcologyProject> projects, DataScope scope) =>
        projects.Within(scope, p => p.TownshipCode, p => p.VillageCode);

    public static IQueryable<ReplicaHousehold> Within(this IQueryable<ReplicaHousehold> households, DataScope scope) =>
        households.Within(scope, h => h.TownshipCode, h => h.VillageCode);

    public static IQueryable<ReplicaMember> Within(this IQueryable<ReplicaMember> members, DataScope scope) =>
        members.Within(scope, m => m.TownshipCode, m => m.VillageCode);

    /// <summary>The caller's optional township and village filters, on top of the scope.</summary>
    public static IQueryable<T> Narrow<T>(
        this IQueryable<T> rows, string? township, string? village, Expression<Func<T, string>> townshipCode, Expression<Func<T, string>> villageCode)
    {
        if (!string.IsNullOrWhiteSpace(township))
        {
            rows = rows.Where(Equal(townshipCode, township.Trim()));
        }

        return string.IsNullOrWhiteSpace(village) ? rows : rows.Where(Equal(villageCode, village.Trim()));
    }

    /// <summary>
    /// The year a figure or a list is about when the caller names none: the latest year with a ranger quota
    /// (the county's current ranger year), else this year.
    /// </summary>
    public static async Task<int> DefaultYearAsync(this EcologyDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        return await db.RangerQuotas.Where(q => q.Year <= today.Year + 1).MaxAsync(q => (int?)q.Year, cancellationToken) ?? today.Year;
    }

    /// <summary>A village code (12 digits) or a township code (9 digits) as the registry writes them.</summary>
    public static bool IsCode(string? code, int length) => code is not null && code.Length == length && code.All(char.IsAsciiDigit);

    /// <summary><c>row =&gt; code(row) == value</c> with the caller's value as a query parameter, not SQL text.</summary>
    private static Expression<Func<T, bool>> Equal<T>(Expression<Func<T, string>> code, string value)
    {
        var parameter = Expression.Property(Expression.Constant(new Filter(value)), nameof(Filter.Value));
        return Expression.Lambda<Func<T, bool>>(Expression.Equal(code.Body, parameter), code.Parameters);
    }

    private sealed record Filter(string Value);
}
