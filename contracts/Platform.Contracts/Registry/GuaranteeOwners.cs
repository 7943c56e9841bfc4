namespace Platform.Contracts.Registry;

/// <summary>
/// Which pillar owns (assesses) each guarantee of 两不愁三保障 plus drinking water. The owner sends a
/// <see cref="GuaranteeAssessed"/> for every household it knows — once when it learns the household
/// (registration or catch-up), and again on every change — not only when something goes wrong. The
/// registry applies an owner's assessments only, and treats a guarantee that its owner never assessed
/// as not assessed, which is never met: a household cannot exit on a guarantee nobody checked.
/// </summary>
public static class GuaranteeOwners
{
    /// <summary>Every guarantee the exit checks, in the order of the national form.</summary>
    public static IReadOnlyList<Guarantee> All { get; } =
    [
        Guarantee.Food, Guarantee.Clothing, Guarantee.CompulsoryEducation, Guarantee.BasicMedicalCare,
        Guarantee.SafeHousing, Guarantee.SafeDrinkingWater,
    ];

    /// <summary>
    /// 不愁吃、不愁穿: the registry (from the household's income and the cadre's visit); 义务教育: education;
    /// 基本医疗: welfare (resident medical and critical-illness insurance of every member); 住房安全 and
    /// 饮水安全: relocation (housing appraisals, renovation, resettlement, water projects and tests).
    /// </summary>
    public static Pillar OwnerOf(Guarantee guarantee) => guarantee switch
    {
        Guarantee.Food or Guarantee.Clothing => Pillar.Registry,
        Guarantee.CompulsoryEducation => Pillar.Education,
        Guarantee.BasicMedicalCare => Pillar.Welfare,
        Guarantee.SafeHousing or Guarantee.SafeDrinkingWater => Pillar.Relocation,
        _ => throw new ArgumentOutOfRangeException(nameof(guarantee), guarantee, "Unknown guarantee"),
    };
}
