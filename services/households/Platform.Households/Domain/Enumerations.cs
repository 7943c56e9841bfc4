namespace Platform.Households.Domain;

/// <summary>致贫原因, the national list.</summary>
public enum PovertyCause
{
    /// <summary>因病.</summary>
    Illness = 1,

    /// <summary>因残.</summary>
    Disability = 2,

    /// <summary>因学.</summary>
    Schooling = 3,

    /// <summary>因灾.</summary>
    Disaster = 4,

    /// <summary>缺土地.</summary>
    Land = 5,

    /// <summary>缺水.</summary>
    Water = 6,

    /// <summary>缺技术.</summary>
    Skills = 7,

    /// <summary>缺劳力.</summary>
    Labour = 8,

    /// <summary>缺资金.</summary>
    Capital = 9,

    /// <summary>交通条件落后.</summary>
    Transport = 10,

    /// <summary>自身发展动力不足.</summary>
    Drive = 11,
}

/// <summary>健康状况.</summary>
public enum HealthStatus
{
    /// <summary>健康.</summary>
    Healthy = 1,

    /// <summary>长期慢性病.</summary>
    Chronic = 2,

    /// <summary>患有大病.</summary>
    Serious = 3,

    /// <summary>残疾.</summary>
    Disabled = 4,
}

/// <summary>劳动能力.</summary>
public enum LabourAbility
{
    /// <summary>普通劳动力.</summary>
    Normal = 1,

    /// <summary>弱劳动力或半劳动力.</summary>
    Weak = 2,

    /// <summary>丧失劳动力.</summary>
    None = 3,

    /// <summary>无劳动力 (未到或超过劳动年龄).</summary>
    NotWorkingAge = 4,
}

/// <summary>在校生状况.</summary>
public enum SchoolingStatus
{
    NotSchoolAge = 1,
    Preschool = 2,
    Primary = 3,
    Junior = 4,
    Senior = 5,
    Vocational = 6,
    College = 7,
    LeftSchool = 8,
    Dropout = 9,
}
