namespace Platform.Contracts.Households;

/// <summary>The monitoring codes as county staff say them (every service's lists and exports name them so).</summary>
public static class MonitoringLabels
{
    public static string Of(MonitoringCategory category) => category switch
    {
        MonitoringCategory.UnstableExited => "脱贫不稳定户",
        MonitoringCategory.Edge => "边缘易致贫户",
        MonitoringCategory.SuddenHardship => "突发严重困难户",
        _ => category.ToString(),
    };

    public static string Of(MonitoringTrigger trigger) => trigger switch
    {
        MonitoringTrigger.IncomeBelowLine => "收入低于监测线",
        MonitoringTrigger.LargeExpense => "大额支出",
        MonitoringTrigger.CadreVisit => "干部走访排查",
        MonitoringTrigger.OwnApplication => "农户自主申报",
        MonitoringTrigger.DepartmentData => "部门筛查预警",
        _ => trigger.ToString(),
    };
}
