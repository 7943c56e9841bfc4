namespace Platform.Contracts.Registry;

/// <summary>The income kinds as county staff say them.</summary>
public static class IncomeKindLabels
{
    public static string Of(IncomeKind kind) => kind switch
    {
        IncomeKind.Wage => "工资性收入",
        IncomeKind.Business => "生产经营性收入",
        IncomeKind.Property => "财产性收入",
        IncomeKind.Transfer => "转移性收入",
        IncomeKind.ProductionCost => "生产经营性支出",
        _ => kind.ToString(),
    };
}
