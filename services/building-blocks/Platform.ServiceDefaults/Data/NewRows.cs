using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// New rows of a unit of work that the change tracker does not follow. A batch of events adds thousands of rows
/// (households, members, students); tracking each costs more than writing it, and they are only ever inserted.
/// The unit of work writes them by binary COPY before its tracked changes, principals before dependents; a row
/// added here must not depend on a tracked entity that is itself new. Changes made to a row's object before
/// the write are written with it.
/// </summary>
public sealed class NewRows
{
    private readonly Dictionary<Type, List<object>> rows = [];

    public int Count { get; private set; }

    public void Add<TEntity>(TEntity row)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!rows.TryGetValue(typeof(TEntity), out var list))
        {
            rows[typeof(TEntity)] = list = [];
        }

        list.Add(row);
        Count++;
    }

    /// <summary>Writes the rows added so far in the unit of work's transaction, then forgets them.</summary>
    public async Task CopyAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Count == 0)
        {
            return;
        }

        await AddedRowsCopy.CopyRowsAsync(db, rows, cancellationToken);
        rows.Clear();
        Count = 0;
    }
}
