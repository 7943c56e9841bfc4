using Platform.Contracts.Households;
using Platform.Households.Domain;

namespace Platform.Households.Exports;

/// <summary>The Chinese words county staff read in an exported sheet, for the registry's codes.</summary>
internal static class ExportLabels
{
    public static string Of(HouseholdStatus status) => status switch
    {
        HouseholdStatus.Poor => "贫困户",
        HouseholdStatus.Exited => "已脱贫",
        HouseholdStatus.Monitored => "监测户",
        _ => status.ToString(),
    };

    public static string Of(PovertyCause cause) => cause switch
    {
        PovertyCause.Illness => "因病",
        PovertyCause.Disability => "因残",
        PovertyCause.Schooling => "因学",
        PovertyCause.Disaster => "因灾",
        PovertyCause.Land => "缺土地",
        PovertyCause.Water => "缺水",
        PovertyCause.Skills => "缺技术",
        PovertyCause.Labour => "缺劳力",
        PovertyCause.Capital => "缺资金",
        PovertyCause.Transport => "交通条件落后",
        PovertyCause.Drive => "自身发展动力不足",
        _ => cause.ToString(),
    };

    public static string Of(MonitoringCategory category) => MonitoringLabels.Of(category);

    public static string Of(MonitoringTrigger trigger) => MonitoringLabels.Of(trigger);
}
