using System.Globalization;

namespace Platform.DemoCounty;

/// <summary>
/// Builds the county's townships and villages. The layout is fixed (its own seed, independent of the
/// household seed and scale), so the registry and the loader always agree on the village codes.
/// </summary>
internal static class CountyLayout
{
    private const int LayoutSeed = 420_325;
    private const int VillageTotal = 300;
    private const int PoorVillageRuralPopulation = 200_000;
    private const int OtherVillageRuralPopulation = 200_000;

    /// <summary>The 20 townships of 房县 (12 towns, 8 townships) with how remote they are (weights the poor-village draw).</summary>
    private static readonly (string Name, double Remoteness)[] Townships =
    [
        ("城关镇", 0.25), ("军店镇", 0.8), ("化龙堰镇", 0.8), ("土城镇", 0.9), ("大木厂镇", 1.1), ("青峰镇", 1.0),
        ("门古寺镇", 1.1), ("白鹤镇", 1.0), ("窑淮镇", 1.1), ("尹吉甫镇", 1.0), ("野人谷镇", 1.3), ("红塔镇", 1.1),
        ("姚坪乡", 1.5), ("沙河乡", 1.4), ("中坝乡", 1.6), ("九道乡", 1.6), ("上龛乡", 1.7), ("万峪河乡", 1.7),
        ("五台乡", 1.5), ("榔口乡", 1.5),
    ];

    public static County Build()
    {
        var random = new Random(LayoutSeed);

        // Villages per township: about 15, between 10 and 20, 300 in all.
        var counts = Townships.Select(_ => 11 + random.Next(0, 10)).ToArray();
        while (counts.Sum() != VillageTotal)
        {
            var i = random.Next(counts.Length);
            if (counts.Sum() > VillageTotal && counts[i] > 10)
            {
                counts[i]--;
            }
            else if (counts.Sum() < VillageTotal && counts[i] < 20)
            {
                counts[i]++;
            }
        }

        // Names, unique in the county.
        var used = new HashSet<string>(StringComparer.Ordinal);
        var drafts = new List<(int Township, string Name, double Remoteness)>();
        for (var t = 0; t < Townships.Length; t++)
        {
            for (var v = 0; v < counts[t]; v++)
            {
                drafts.Add((t, VillageName(random, used), Townships[t].Remoteness));
            }
        }

        // Exactly 69 poor villages, drawn weighted by remoteness (Efraimidis–Spirakis keys).
        var poor = drafts
            .Select((d, i) => (Index: i, Key: Math.Pow(random.NextDouble(), 1.0 / (d.Remoteness * (0.5 + random.NextDouble())))))
            .OrderByDescending(k => k.Key)
            .ThenBy(k => k.Index)
            .Take(DemoCountyGenerator.PoorVillageCount)
            .Select(k => k.Index)
            .ToHashSet();

        // Rural population: 400,000 in all, half of it in the larger poor villages.
        var weights = drafts.Select((_, i) => poor.Contains(i) ? 0.6 + (0.8 * random.NextDouble()) : 0.5 + random.NextDouble()).ToArray();
        var poorIndexes = Enumerable.Range(0, drafts.Count).Where(poor.Contains).ToArray();
        var otherIndexes = Enumerable.Range(0, drafts.Count).Where(i => !poor.Contains(i)).ToArray();
        var population = new int[drafts.Count];
        Apportion(PoorVillageRuralPopulation, poorIndexes.Select(i => weights[i]).ToArray(), 0)
            .Select((p, k) => (p, k)).ToList().ForEach(x => population[poorIndexes[x.k]] = x.p);
        Apportion(OtherVillageRuralPopulation, otherIndexes.Select(i => weights[i]).ToArray(), 0)
            .Select((p, k) => (p, k)).ToList().ForEach(x => population[otherIndexes[x.k]] = x.p);

        var townships = new List<Township>(Townships.Length);
        var index = 0;
        for (var t = 0; t < Townships.Length; t++)
        {
            var townshipCode = string.Create(CultureInfo.InvariantCulture, $"{DemoCountyGenerator.CountyCode}{t + 1:000}");
            var villages = new List<Village>(counts[t]);
            for (var v = 0; v < counts[t]; v++, index++)
            {
                villages.Add(new Village(
                    string.Create(CultureInfo.InvariantCulture, $"{townshipCode}{v + 1:000}"),
                    drafts[index].Name,
                    townshipCode,
                    population[index],
                    poor.Contains(index)));
            }

            townships.Add(new Township(townshipCode, Townships[t].Name, villages));
        }

        return new County(DemoCountyGenerator.CountyCode, DemoCountyGenerator.CountyName, townships);
    }

    private static string VillageName(Random random, HashSet<string> used)
    {
        while (true)
        {
            var prefix = ChineseNames.VillagePrefixes[random.Next(ChineseNames.VillagePrefixes.Length)];
            var suffix = ChineseNames.VillageSuffixes[random.Next(ChineseNames.VillageSuffixes.Length)];
            if (prefix.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = prefix + suffix + "村";
            if (used.Add(name))
            {
                return name;
            }
        }
    }

    /// <summary>
    /// Splits <paramref name="total"/> in proportion to <paramref name="weights"/> (largest remainder,
    /// ties to the lower index), giving each part at least <paramref name="minimum"/> when the total allows.
    /// </summary>
    public static int[] Apportion(int total, double[] weights, int minimum)
    {
        var parts = new int[weights.Length];
        if (weights.Length == 0)
        {
            return parts;
        }

        var floor = (long)minimum * weights.Length <= total ? minimum : 0;
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = floor;
        }

        var rest = total - (floor * weights.Length);
        var sum = weights.Sum();
        var remainders = new double[weights.Length];
        var given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = rest * weights[i] / sum;
            var whole = (int)Math.Floor(exact);
            parts[i] += whole;
            given += whole;
            remainders[i] = exact - whole;
        }

        foreach (var i in Enumerable.Range(0, weights.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take(rest - given))
        {
            parts[i]++;
        }

        return parts;
    }
}
