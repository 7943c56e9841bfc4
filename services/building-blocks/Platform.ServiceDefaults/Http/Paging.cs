namespace Platform.ServiceDefaults.Http;

/// <summary>One page of a list: every list endpoint pages (page from 1, size up to 200).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long Total);

public static class Paging
{
    public const int DefaultPageSize = 20;

    public const int MaxPageSize = 200;

    /// <summary>The last page a list can have: beyond it, the rows to skip would not fit in a number.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    /// <summary>The rows of page <paramref name="page"/> (from 1) of <paramref name="size"/> rows each, page and size validated.</summary>
    public static IQueryable<T> PageOf<T>(this IQueryable<T> query, int page, int size) => query.Skip((page - 1) * size).Take(size);

    /// <inheritdoc cref="PageOf{T}(IQueryable{T}, int, int)"/>
    public static IEnumerable<T> PageOf<T>(this IEnumerable<T> rows, int page, int size) => rows.Skip((page - 1) * size).Take(size);

    /// <summary>Validates page and size; null when both are acceptable, else the per-field errors.</summary>
    public static Dictionary<string, string[]>? Validate(int? page, int? pageSize, out int validPage, out int validSize)
    {
        validPage = page ?? 1;
        validSize = pageSize ?? DefaultPageSize;
        var errors = new Dictionary<string, string[]>();
        if (validPage is < 1 or > MaxPage)
        {
            errors["page"] = [$"页码应在1到{MaxPage}之间"];
        }

        if (validSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"每页条数应在1到{MaxPageSize}之间"];
        }

        return errors.Count == 0 ? null : errors;
    }
}
