namespace Platform.DemoCounty;

/// <summary>
/// The demo county (房县, Hubei, 420325): its townships (乡镇) and their administrative villages (行政村).
/// The registry seeds its townships and villages from this model, so that the households the loader
/// imports find their village.
/// </summary>
public sealed record County(string Code, string Name, IReadOnlyList<Township> Townships)
{
    /// <summary>Every village of the county, township by township, in code order.</summary>
    public IEnumerable<Village> Villages => Townships.SelectMany(t => t.Villages);

    /// <summary>Sum of the villages' rural population (农村人口).</summary>
    public int RuralPopulation => Townships.Sum(t => t.RuralPopulation);

    /// <summary>Number of poor villages (贫困村); 69 in the seed county, all exited (出列).</summary>
    public int PoorVillageCount => Townships.Sum(t => t.Villages.Count(v => v.IsPoorVillage));

    /// <summary>The village with this 12-digit code, or null.</summary>
    public Village? FindVillage(string villageCode) =>
        Villages.FirstOrDefault(v => string.Equals(v.Code, villageCode, StringComparison.Ordinal));
}

/// <summary>A township (乡 or 镇) with its 9-digit code (county code + 3 digits).</summary>
public sealed record Township(string Code, string Name, IReadOnlyList<Village> Villages)
{
    public int RuralPopulation => Villages.Sum(v => v.RuralPopulation);
}

/// <summary>
/// An administrative village (行政村) with its 12-digit code (township code + 3 digits), its rural
/// population (the denominator of the poverty incidence, 贫困发生率) and whether it is one of the
/// county's registered poor villages (贫困村).
/// </summary>
public sealed record Village(string Code, string Name, string TownshipCode, int RuralPopulation, bool IsPoorVillage);
