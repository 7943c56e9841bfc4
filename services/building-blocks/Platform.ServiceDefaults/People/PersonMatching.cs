using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.People;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;

namespace Platform.ServiceDefaults.People;

/// <summary>One record's word on who it is about: the resident ID number and the name, as the sender has them.</summary>
public readonly record struct PersonClaim(string? IdNumber, string? Name);

/// <summary>
/// The verdict on one <see cref="PersonClaim"/>: the person it names, or why not — with the record's
/// field at fault (the feeds' snake_case names) and a reason for people.
/// </summary>
public sealed record PersonVerdict<TPerson>(TPerson? Person, string? Field, string? Reason)
    where TPerson : class
{
    public bool IsMatch => Person is not null;
}

/// <summary>
/// Where a pillar keeps the people it matches: the row's resident ID number, name, and the township and
/// village it lives in (for the caller's data scope). Build one per row type and keep it (static).
/// </summary>
public sealed class PersonShape<TPerson>(
    Expression<Func<TPerson, string>> idNumber,
    Expression<Func<TPerson, string>> name,
    Expression<Func<TPerson, string>> townshipCode,
    Expression<Func<TPerson, string>> villageCode)
    where TPerson : class
{
    internal Expression<Func<TPerson, string>> IdNumberColumn { get; } = idNumber;

    internal Expression<Func<TPerson, string>> TownshipColumn { get; } = townshipCode;

    internal Expression<Func<TPerson, string>> VillageColumn { get; } = villageCode;

    internal Func<TPerson, string> IdNumberOf { get; } = idNumber.Compile();

    internal Func<TPerson, string> NameOf { get; } = name.Compile();
}

/// <summary>
/// 人员比对: how every departmental feed finds the person a record is about — by resident ID number
/// AND name, inside the caller's data scope (数据范围), one verdict per record, one query for a whole
/// batch. The education pillar's school rolls, dropout reports, aid grants and training results use
/// it, and so must the feeds of the pillars to come (industry, relocation, ecology, welfare):
/// <code>
/// private static readonly PersonShape&lt;Student&gt; Students = new(s =&gt; s.IdNumber, s =&gt; s.Name, s =&gt; s.TownshipCode, s =&gt; s.VillageCode);
/// var verdicts = await db.Students.Where(s =&gt; s.LeftAt == null)
///     .MatchPeopleAsync(Students, scope, batch.Select(r =&gt; new PersonClaim(r.IdNumber, r.Name)).ToList(), today, cancellationToken);
/// </code>
/// A record is matched only when a person of the caller's scope has that ID number and that name.
/// Every other record with a valid number and a name — the number unknown, known under another name,
/// or known outside the scope — gets the same verdict, <see cref="NotFoundReason"/> on "id_number", so
/// a reply never tells whether a number belongs to a registered person. A malformed number or a
/// missing name is refused on its own field, from the record alone. The numbers go to PostgreSQL as
/// one array parameter (never into the SQL text, logs or traces).
/// </summary>
public static class PersonMatching
{
    public const string IdNumberField = "id_number";
    public const string NameField = "name";

    /// <summary>The one verdict for a record whose person is not there for the caller, whatever the reason.</summary>
    public const string NotFoundReason = "未找到与身份证号和姓名一致的成员";

    public const string NameMissingReason = "请填写姓名（须与建档立卡登记一致）";

    public const int MaxNameLength = 50;

    /// <summary>Matches each claim (verdicts in the claims' order); the people are the pillar's current ones, e.g. not left.</summary>
    public static async Task<IReadOnlyList<PersonVerdict<TPerson>>> MatchPeopleAsync<TPerson>(
        this IQueryable<TPerson> people,
        PersonShape<TPerson> shape,
        DataScope scope,
        IReadOnlyList<PersonClaim> claims,
        DateOnly today,
        CancellationToken cancellationToken)
        where TPerson : class
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(claims);
        var verdicts = new PersonVerdict<TPerson>?[claims.Count];
        var wanted = new List<(int Index, string IdNumber, string Name)>(claims.Count);
        for (var i = 0; i < claims.Count; i++)
        {
            var claim = claims[i];
            if (!ResidentIdNumber.TryParse(claim.IdNumber, today, out var idNumber, out var error))
            {
                verdicts[i] = new(null, IdNumberField, error);
            }
            else if (NormalisedName(claim.Name) is not { Length: > 0 and <= MaxNameLength } name)
            {
                verdicts[i] = new(null, NameField, NameMissingReason);
            }
            else
            {
                wanted.Add((i, idNumber.Value, name));
            }
        }

        var numbers = wanted.Select(w => w.IdNumber).Distinct(StringComparer.Ordinal).ToArray();
        var found = numbers.Length == 0
            ? []
            : await people.Within(scope, shape.TownshipColumn, shape.VillageColumn)
                .Where(IdNumberIn(shape.IdNumberColumn, numbers))
                .ToListAsync(cancellationToken);
        var byNumber = found.ToLookup(shape.IdNumberOf, StringComparer.Ordinal);
        foreach (var (index, number, name) in wanted)
        {
            var same = byNumber[number].Where(p => string.Equals(NormalisedName(shape.NameOf(p)), name, StringComparison.Ordinal)).Take(2).ToList();
            // Two current people with one number and one name would be a registry fault: match neither.
            verdicts[index] = same.Count == 1 ? new(same[0], null, null) : new(null, IdNumberField, NotFoundReason);
        }

        return verdicts!;
    }

    /// <summary>Names compare after Unicode normalisation (full-width forms) and without surrounding spaces.</summary>
    private static string NormalisedName(string? name) => name?.Normalize(NormalizationForm.FormKC).Trim() ?? string.Empty;

    /// <summary><c>p =&gt; numbers.Contains(p.IdNumber)</c>, with the numbers as a query parameter.</summary>
    private static Expression<Func<TPerson, bool>> IdNumberIn<TPerson>(Expression<Func<TPerson, string>> column, string[] numbers)
    {
        // A member of a captured object, not a constant: EF Core sends it as one parameter.
        var values = Expression.Property(Expression.Constant(new Numbers(numbers)), nameof(Numbers.Values));
        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], values, column.Body);
        return Expression.Lambda<Func<TPerson, bool>>(contains, column.Parameters);
    }

    private sealed class Numbers(string[] values)
    {
        public string[] Values { get; } = values;
    }
}
