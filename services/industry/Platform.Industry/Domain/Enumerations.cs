namespace Platform.Industry.Domain;

/// <summary>新型农业经营主体 and the poverty workshops: the kinds of market entity the pillar keeps.</summary>
public enum EntityKind
{
    /// <summary>农民专业合作社.</summary>
    Cooperative = 1,

    /// <summary>农业产业化龙头企业.</summary>
    LeadEnterprise = 2,

    /// <summary>家庭农场.</summary>
    FamilyFarm = 3,

    /// <summary>扶贫车间/扶贫作坊: jobs near home, at a central village or a resettlement site.</summary>
    Workshop = 4,
}

/// <summary>Where a poverty workshop stands (扶贫车间选址).</summary>
public enum WorkshopSite
{
    /// <summary>中心村.</summary>
    CentralVillage = 1,

    /// <summary>易地扶贫搬迁集中安置点.</summary>
    ResettlementSite = 2,
}

/// <summary>利益联结方式: how a market entity shares its gains with a household.</summary>
public enum LinkKind
{
    /// <summary>分红 (资产收益、入股分红): property income.</summary>
    Dividend = 1,

    /// <summary>务工 (在基地或主体就业): wage income.</summary>
    Wage = 2,

    /// <summary>土地流转 (租金): property income.</summary>
    LandLease = 3,

    /// <summary>订单收购 (保底收购): business income.</summary>
    ContractPurchase = 4,
}

/// <summary>就业扶贫: the kinds of job a member of a registered household holds.</summary>
public enum EmploymentKind
{
    /// <summary>扶贫车间就业.</summary>
    Workshop = 1,

    /// <summary>公益性岗位 (护路员、保洁员、护林防火…).</summary>
    PublicWelfarePost = 2,

    /// <summary>转移就业: work outside the county.</summary>
    TransferredOut = 3,
}

/// <summary>Where transferred labour went (转移就业去向).</summary>
public enum DestinationScope
{
    /// <summary>县外省内.</summary>
    InProvince = 1,

    /// <summary>省外.</summary>
    OutOfProvince = 2,
}

/// <summary>消费扶贫的渠道.</summary>
public enum SaleChannel
{
    /// <summary>预算单位采购 (机关食堂、工会).</summary>
    PublicProcurement = 1,

    /// <summary>电商平台 (扶贫832平台、网店).</summary>
    ECommerce = 2,

    /// <summary>展销会、农超对接.</summary>
    Fair = 3,

    /// <summary>东西部协作、对口帮扶单位采购.</summary>
    Counterpart = 4,
}

/// <summary>Which of the pillar's records caused an income record it reported to the registry.</summary>
public enum IncomeSource
{
    /// <summary>A payment on a benefit link (利益联结收益).</summary>
    LinkPayment = 1,

    /// <summary>A household industry project's subsidy (产业奖补).</summary>
    ProjectSubsidy = 2,

    /// <summary>An employment record's wage (就业工资).</summary>
    Employment = 3,

    /// <summary>A household's share of a consumption sale (消费扶贫).</summary>
    SaleShare = 4,
}

/// <summary>How a job-matching task for a relocated household ended.</summary>
public enum MatchingOutcome
{
    /// <summary>A working member of the household found a job (any employment record after the task opened).</summary>
    Employed = 1,

    /// <summary>No working member wants or can take a job (closed by staff with the reason).</summary>
    NoJobWanted = 2,

    /// <summary>Closed by staff for another reason.</summary>
    Other = 9,
}
