namespace Platform.Industry.Domain;

/// <summary>The Chinese words for the pillar's kinds, as county staff read them in descriptions and income records.</summary>
public static class Names
{
    public static string Of(LinkKind kind) => kind switch
    {
        LinkKind.Dividend => "分红",
        LinkKind.Wage => "务工工资",
        LinkKind.LandLease => "土地流转租金",
        LinkKind.ContractPurchase => "订单收购",
        _ => kind.ToString(),
    };

    public static string Of(EmploymentKind kind) => kind switch
    {
        EmploymentKind.Workshop => "扶贫车间就业",
        EmploymentKind.PublicWelfarePost => "公益性岗位",
        EmploymentKind.TransferredOut => "转移就业",
        _ => kind.ToString(),
    };

    public static string Of(EntityKind kind) => kind switch
    {
        EntityKind.Cooperative => "农民专业合作社",
        EntityKind.LeadEnterprise => "龙头企业",
        EntityKind.FamilyFarm => "家庭农场",
        EntityKind.Workshop => "扶贫车间",
        _ => kind.ToString(),
    };

    public static string Of(SaleChannel channel) => channel switch
    {
        SaleChannel.PublicProcurement => "预算单位采购",
        SaleChannel.ECommerce => "电商平台",
        SaleChannel.Fair => "展销会、农超对接",
        SaleChannel.Counterpart => "协作帮扶单位采购",
        _ => channel.ToString(),
    };
}
