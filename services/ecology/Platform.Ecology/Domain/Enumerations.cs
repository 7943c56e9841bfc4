namespace Platform.Ecology.Domain;

/// <summary>年度考核 of a forest ranger: the forestry station's grade for the contract year.</summary>
public enum AssessmentGrade
{
    /// <summary>优秀.</summary>
    Excellent = 1,

    /// <summary>合格.</summary>
    Qualified = 2,

    /// <summary>基本合格.</summary>
    BasicallyQualified = 3,

    /// <summary>不合格: the post ends (解聘) and the ranger is not selected again the next year.</summary>
    Unqualified = 4,
}

/// <summary>生态补偿 paid per household by area: the kinds the county pays.</summary>
public enum CompensationKind
{
    /// <summary>公益林生态效益补偿: per mu of public-welfare forest the household holds.</summary>
    PublicWelfareForest = 1,

    /// <summary>退耕还林补助: per mu of farmland returned to forest.</summary>
    ReturnedFarmland = 2,
}

/// <summary>Ecological projects by village.</summary>
public enum ProjectKind
{
    /// <summary>精准灭荒: afforestation of barren hills.</summary>
    Afforestation = 1,

    /// <summary>林果基地: an orchard base (樱桃, 黄桃 …).</summary>
    Orchard = 2,
}

/// <summary>What an orchard base grows (林果品种).</summary>
public enum OrchardCrop
{
    /// <summary>樱桃.</summary>
    Cherry = 1,

    /// <summary>黄桃.</summary>
    YellowPeach = 2,

    /// <summary>核桃.</summary>
    Walnut = 3,

    /// <summary>猕猴桃.</summary>
    Kiwifruit = 4,

    /// <summary>油茶.</summary>
    OilTea = 5,

    /// <summary>其他.</summary>
    Other = 9,
}

/// <summary>What a household earns from a project: wages for work (务工) or a dividend (分红).</summary>
public enum ProjectIncomeKind
{
    /// <summary>务工工资: wage income of the household.</summary>
    Wage = 1,

    /// <summary>入股分红: property income of the household.</summary>
    Dividend = 2,
}

/// <summary>Names for people.</summary>
public static class EcologyNames
{
    public static string Of(AssessmentGrade grade) => grade switch
    {
        AssessmentGrade.Excellent => "优秀",
        AssessmentGrade.Qualified => "合格",
        AssessmentGrade.BasicallyQualified => "基本合格",
        _ => "不合格",
    };

    public static string Of(ProjectKind kind) => kind == ProjectKind.Afforestation ? "精准灭荒" : "林果基地";

    public static string Of(OrchardCrop crop) => crop switch
    {
        OrchardCrop.Cherry => "樱桃",
        OrchardCrop.YellowPeach => "黄桃",
        OrchardCrop.Walnut => "核桃",
        OrchardCrop.Kiwifruit => "猕猴桃",
        OrchardCrop.OilTea => "油茶",
        _ => "其他林果",
    };

    public static string Of(ProjectIncomeKind kind) => kind == ProjectIncomeKind.Wage ? "务工工资" : "入股分红";

    public static string Of(Contracts.Ecology.RangerPostEndReason reason) => reason switch
    {
        Contracts.Ecology.RangerPostEndReason.Died => "死亡",
        Contracts.Ecology.RangerPostEndReason.MovedAway => "迁出",
        Contracts.Ecology.RangerPostEndReason.LostLabourAbility => "丧失劳动能力",
        Contracts.Ecology.RangerPostEndReason.Dismissed => "解聘",
        Contracts.Ecology.RangerPostEndReason.Resigned => "辞聘",
        _ => "离户",
    };

    /// <summary>The registry's labour-ability codes for people.</summary>
    public static string LabourAbility(string? code) => code switch
    {
        "normal" => "普通劳动力",
        "weak" => "弱劳动力或半劳动力",
        "none" => "丧失劳动力",
        "not-working-age" => "无劳动力（未到或超过劳动年龄）",
        null or "" => "未登记",
        _ => code,
    };

    /// <summary>The registry's health codes for people.</summary>
    public static string Health(string? code) => code switch
    {
        "healthy" => "健康",
        "chronic" => "长期慢性病",
        "serious" => "患大病",
        "disabled" => "残疾",
        _ => code ?? "未登记",
    };
}
