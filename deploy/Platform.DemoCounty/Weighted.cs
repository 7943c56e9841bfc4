namespace Platform.DemoCounty;

/// <summary>A fixed table of items with weights, sampled with a caller's <see cref="Random"/>.</summary>
internal sealed class Weighted<T>
{
    private readonly T[] items;
    private readonly double[] cumulative;

    public Weighted(IEnumerable<(T Item, double Weight)> entries)
    {
        var list = entries.ToList();
        if (list.Count == 0 || list.Any(e => e.Weight < 0))
        {
            throw new ArgumentException("A weighted table needs items with non-negative weights.", nameof(entries));
        }

        items = new T[list.Count];
        cumulative = new double[list.Count];
        var sum = 0.0;
        for (var i = 0; i < list.Count; i++)
        {
            items[i] = list[i].Item;
            sum += list[i].Weight;
            cumulative[i] = sum;
        }

        if (sum <= 0)
        {
            throw new ArgumentException("The weights sum to zero.", nameof(entries));
        }

        Total = sum;
    }

    public double Total { get; }

    public IReadOnlyList<T> Items => items;

    public T Next(Random random)
    {
        var x = random.NextDouble() * Total;
        var index = Array.BinarySearch(cumulative, x);
        index = index < 0 ? ~index : index + 1;
        return items[Math.Min(index, items.Length - 1)];
    }
}
