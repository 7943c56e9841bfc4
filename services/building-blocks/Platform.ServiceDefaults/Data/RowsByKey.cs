using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Rows a unit of work looks up by key, each key read from the database at most once: the keys not asked for before
/// are read in one query, and what it finds joins the rows the unit of work holds (a row the unit of work added
/// itself stays the object it wrote). A key asked for and not found is known to be absent, with no second query.
/// </summary>
public sealed class RowsByKey<TKey, TRow>(Func<TRow, TKey> keyOf)
    where TKey : notnull
    where TRow : class
{
    private readonly HashSet<TKey> read = [];
    private readonly Dictionary<TKey, TRow> rows = [];

    /// <summary>Reads the rows of the keys not read before, with one query over those keys.</summary>
    public async Task ReadAsync(IEnumerable<TKey> keys, Func<List<TKey>, IQueryable<TRow>> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(query);
        var unread = keys.Where(read.Add).ToList();
        if (unread.Count == 0)
        {
            return;
        }

        foreach (var row in await query(unread).ToListAsync(cancellationToken))
        {
            rows.TryAdd(keyOf(row), row);
        }
    }

    public TRow? Find(TKey key) => rows.GetValueOrDefault(key);

    /// <summary>A row the unit of work adds: found from now on under its key.</summary>
    public void Add(TRow row) => rows[keyOf(row)] = row;
}
