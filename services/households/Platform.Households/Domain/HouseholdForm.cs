using System.Globalization;
using Platform.Contracts;

namespace Platform.Households.Domain;

/// <summary>户类型 (贫困户属性).</summary>
public enum HouseholdType
{
    /// <summary>一般贫困户.</summary>
    Ordinary = 1,

    /// <summary>低保贫困户.</summary>
    MinimumLiving = 2,

    /// <summary>特困供养贫困户 (原五保户).</summary>
    ExtremePoverty = 3,
}

/// <summary>主要燃料类型.</summary>
public enum Fuel
{
    Firewood = 1,
    Coal = 2,
    Gas = 3,
    Electricity = 4,
    Biogas = 5,
    Other = 9,
}

/// <summary>文化程度.</summary>
public enum EducationLevel
{
    /// <summary>文盲或半文盲.</summary>
    Illiterate = 1,
    Primary = 2,
    Junior = 3,
    Senior = 4,
    Vocational = 5,
    College = 6,

    /// <summary>学龄前或在读.</summary>
    NotApplicable = 9,
}

/// <summary>务工地点.</summary>
public enum WorkPlace
{
    None = 0,

    /// <summary>县内.</summary>
    InCounty = 1,

    /// <summary>省内县外.</summary>
    InProvince = 2,

    /// <summary>省外.</summary>
    OutOfProvince = 3,
}

/// <summary>低保/特困 status of a member.</summary>
public enum WelfareStatus
{
    None = 0,

    /// <summary>低保对象.</summary>
    MinimumLiving = 1,

    /// <summary>特困供养人员.</summary>
    ExtremePoverty = 2,
}

/// <summary>
/// The household part of the national 扶贫手册 form beyond registration: household type, land (亩),
/// living conditions and the links to cooperatives and lead enterprises.
/// </summary>
public sealed record HouseholdProfileData(
    HouseholdType Type,
    decimal CultivatedLand,
    decimal ForestLand,
    decimal ReturnedFarmland,
    decimal Orchard,
    decimal? DistanceToRoadKm,
    bool DangerousHouse,
    decimal? HouseArea,
    Fuel Fuel,
    bool SafeDrinkingWater,
    bool Electricity,
    bool BroadcastTv,
    bool SanitaryToilet,
    bool CooperativeMember,
    bool LinkedToLeadEnterprise);

/// <summary>A member's part of the form beyond registration.</summary>
public sealed record MemberProfileData(
    EducationLevel Education,
    string? Skill,
    int MonthsWorked,
    WorkPlace WorkPlace,
    bool ResidentMedicalInsurance,
    bool CriticalIllnessInsurance,
    bool Pension,
    WelfareStatus Welfare,
    int PublicWelfarePostMonths);

public sealed class HouseholdProfile
{
    public required Guid HouseholdId { get; init; }

    public required HouseholdProfileData Data { get; set; }

    public required string UpdatedBy { get; set; }

    public required DateTimeOffset UpdatedAt { get; set; }
}

public sealed class MemberProfile
{
    public required Guid MemberId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required MemberProfileData Data { get; set; }

    public required string UpdatedBy { get; set; }

    public required DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The form's checks: amounts of land and area are not negative and plausible, months are of a year.</summary>
public static class FormRules
{
    public const decimal MaxLandMu = 10_000m;

    public static void Validate(HouseholdProfileData data, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(data);
        Land(data.CultivatedLand, "cultivatedLand", "耕地面积", errors);
        Land(data.ForestLand, "forestLand", "林地面积", errors);
        Land(data.ReturnedFarmland, "returnedFarmland", "退耕还林面积", errors);
        Land(data.Orchard, "orchard", "林果面积", errors);
        if (data.DistanceToRoadKm is < 0 or > 100)
        {
            FieldErrors.Add(errors, "distanceToRoadKm", "与村主干路距离应在0到100公里之间");
        }

        if (data.HouseArea is <= 0 or > 2000)
        {
            FieldErrors.Add(errors, "houseArea", "住房面积应在0到2000平方米之间");
        }
    }

    public static void Validate(MemberProfileData data, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.MonthsWorked is < 0 or > 12)
        {
            FieldErrors.Add(errors, "monthsWorked", "务工时间应在0到12个月之间");
        }

        if (data.MonthsWorked > 0 && data.WorkPlace == WorkPlace.None)
        {
            FieldErrors.Add(errors, "workPlace", "有务工时间须填写务工地点");
        }

        if (data.PublicWelfarePostMonths is < 0 or > 12)
        {
            FieldErrors.Add(errors, "publicWelfarePostMonths", "公益岗位月数应在0到12之间");
        }

        if (data.Skill is { Length: > 50 })
        {
            FieldErrors.Add(errors, "skill", "劳动技能不超过50字");
        }
    }

    private static void Land(decimal mu, string field, string label, Dictionary<string, string[]> errors)
    {
        if (mu < 0 || mu > MaxLandMu || decimal.Round(mu, 2) != mu)
        {
            FieldErrors.Add(errors, field, string.Create(CultureInfo.InvariantCulture, $"{label}应在0到{MaxLandMu:N0}亩之间，最多两位小数"));
        }
    }
}

/// <summary>农村常住居民人均可支配收入 of the county by year, as the statistics bureau publishes it (the farmers', not only the registered households').</summary>
public sealed class CountyStatistic
{
    public required int Year { get; init; }

    public required decimal RuralPerCapitaDisposableIncome { get; set; }

    public required string Source { get; set; }

    public required DateTimeOffset RecordedAt { get; set; }
}
