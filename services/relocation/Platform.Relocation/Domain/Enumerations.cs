namespace Platform.Relocation.Domain;

/// <summary>
/// 七个一配套: the seven facilities a resettlement site must have for its households to settle
/// (搬得出、稳得住): services, health, schooling, culture, work, shopping and sanitation.
/// </summary>
public enum SiteFacility
{
    /// <summary>一个党群（便民）服务中心.</summary>
    ServiceCentre = 1,

    /// <summary>一个卫生室.</summary>
    Clinic = 2,

    /// <summary>一所幼儿园或学校（就近入学）.</summary>
    School = 3,

    /// <summary>一个文化活动广场.</summary>
    CultureSquare = 4,

    /// <summary>一个扶贫车间（就业基地）.</summary>
    Workshop = 5,

    /// <summary>一个便民超市.</summary>
    Shop = 6,

    /// <summary>一套污水垃圾处理设施.</summary>
    Sanitation = 7,
}

/// <summary>The steps of a relocation case (易地扶贫搬迁), in their only order.</summary>
public enum RelocationStep
{
    /// <summary>纳入搬迁计划.</summary>
    Planned = 1,

    /// <summary>分配安置房.</summary>
    HousingAllocated = 2,

    /// <summary>搬迁入住.</summary>
    MovedIn = 3,

    /// <summary>拆旧复垦: the old house demolished and its land reclaimed.</summary>
    OldHouseDemolished = 4,
}

/// <summary>房屋安全鉴定等级: A and B safe; C partly dangerous; D dangerous as a whole.</summary>
public enum HouseGrade
{
    A = 1,
    B = 2,
    C = 3,
    D = 4,
}

/// <summary>Which programme renovated a dilapidated house (危房改造).</summary>
public enum RenovationProgramme
{
    /// <summary>2019–2020 无差别危房改造: poor and non-poor households alike.</summary>
    NonDifferentiated = 1,

    /// <summary>Earlier 农村危房改造 of registered households.</summary>
    DilapidatedHouse = 2,
}

public enum RenovationMethod
{
    /// <summary>加固改造.</summary>
    Reinforcement = 1,

    /// <summary>拆除重建.</summary>
    Rebuild = 2,
}

/// <summary>无害化卫生厕所 types of the national rural toilet revolution.</summary>
public enum ToiletType
{
    /// <summary>三格化粪池式.</summary>
    ThreeCompartment = 1,

    /// <summary>双瓮漏斗式.</summary>
    DoubleUrn = 2,

    /// <summary>三联通沼气池式.</summary>
    Biogas = 3,

    /// <summary>完整下水道水冲式.</summary>
    Sewer = 4,
}

public enum WaterProjectKind
{
    /// <summary>集中供水: serves whole villages.</summary>
    Centralised = 1,

    /// <summary>分散供水: a well or cistern serving named households.</summary>
    Scattered = 2,
}

/// <summary>What a subsidy paid to a household was for (transfer income not counting toward exit).</summary>
public enum SubsidyKind
{
    /// <summary>易地扶贫搬迁补助.</summary>
    Relocation = 1,

    /// <summary>危房改造补助.</summary>
    Renovation = 2,
}
