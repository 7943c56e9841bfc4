namespace Platform.DemoCounty;

/// <summary>Counts of a generated county, for the <c>stats</c> command and for checks.</summary>
public sealed record DemoCountyStatistics(
    int Households,
    int People,
    int Townships,
    int Villages,
    int PoorVillages,
    int RuralPopulation,
    int VillagesWithHouseholds,
    int HouseholdsInPoorVillages,
    int UnderMonitoring,
    IReadOnlyDictionary<int, int> ByRegisteredYear,
    IReadOnlyDictionary<int, int> ByExitYear,
    IReadOnlyDictionary<string, int> ByMainCause,
    IReadOnlyDictionary<int, int> BySize,
    IReadOnlyDictionary<string, int> ByHealth)
{
    public static DemoCountyStatistics Compute(County county, IEnumerable<DemoHousehold> households)
    {
        ArgumentNullException.ThrowIfNull(county);
        ArgumentNullException.ThrowIfNull(households);

        var underMonitoring = 0;
        var byRegistered = new SortedDictionary<int, int>();
        var byExit = new SortedDictionary<int, int>();
        var byCause = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var bySize = new SortedDictionary<int, int>();
        var byHealth = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var villages = new HashSet<string>(StringComparer.Ordinal);
        int count = 0, people = 0, inPoor = 0;
        foreach (var h in households)
        {
            count++;
            people += h.Members.Count;
            inPoor += h.InPoorVillage ? 1 : 0;
            villages.Add(h.VillageCode);
            underMonitoring += h.UnderMonitoring ? 1 : 0;
            Increment(byRegistered, h.RegisteredYear);
            Increment(byExit, h.ExitYear);

            Increment(byCause, h.MainCause);
            Increment(bySize, h.Members.Count);
            foreach (var m in h.Members)
            {
                Increment(byHealth, m.Health);
            }
        }

        return new DemoCountyStatistics(
            count,
            people,
            county.Townships.Count,
            county.Villages.Count(),
            county.PoorVillageCount,
            county.RuralPopulation,
            villages.Count,
            inPoor,
            underMonitoring,
            byRegistered,
            byExit,
            byCause,
            bySize,
            byHealth);
    }

    private static void Increment<TKey>(SortedDictionary<TKey, int> counts, TKey key)
        where TKey : notnull =>
        counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
}
