namespace Platform.ServiceDefaults.Http;

/// <summary>One page of a list: every list endpoint pages (page from 1, size up to 200).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long Total);

public static class Paging
{
    public const int DefaultPageSize = 20;

    public const int MaxPageSize = 200;

    /// <summary>Validates page and size; null when both are acceptable, else the per-field errors.</summary>
    public static Dictionary<string, string[]>? Validate(int? page, int? pageSize, out int validPage, out int validSize)
    {
        validPage = page ?? 1;
        validSize = pageSize ?? DefaultPageSize;
        var errors = new Dictionary<string, string[]>();
        if (validPage < 1)
        {
            errors["page"] = ["页码从1开始"];
        }

        if (validSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"每页条数应在1到{MaxPageSize}之间"];
        }

        return errors.Count == 0 ? null : errors;
    }
}
