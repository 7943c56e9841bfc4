namespace Platform.Households.Domain;

/// <summary>乡镇.</summary>
public sealed class Township
{
    public int Id { get; private set; }

    /// <summary>9-digit code (county code + 3 digits).</summary>
    public required string Code { get; init; }

    public required string Name { get; set; }

    public List<Village> Villages { get; } = [];
}

/// <summary>行政村.</summary>
public sealed class Village
{
    public int Id { get; private set; }

    /// <summary>12-digit code (township code + 3 digits).</summary>
    public required string Code { get; init; }

    public required string Name { get; set; }

    public int TownshipId { get; set; }

    public Township? Township { get; set; }

    /// <summary>农村人口: the denominator of the village's poverty incidence.</summary>
    public int RuralPopulation { get; set; }

    /// <summary>贫困村 (建档立卡贫困村).</summary>
    public bool IsPoorVillage { get; set; }

    /// <summary>出列年度: set by the village exit procedure.</summary>
    public int? ExitYear { get; set; }
}
