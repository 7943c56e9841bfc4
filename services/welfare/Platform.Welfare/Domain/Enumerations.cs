namespace Platform.Welfare.Domain;

/// <summary>What a hospital claim was for.</summary>
public enum ClaimKind
{
    /// <summary>住院.</summary>
    Inpatient = 1,

    /// <summary>门诊慢特病: outpatient care of a serious or special chronic illness (needs a chronic-disease certificate).</summary>
    SpecialOutpatient = 2,
}

/// <summary>The layers of a claim's reimbursement, in the order they are applied (一站式结算).</summary>
public enum ReimbursementLayer
{
    /// <summary>城乡居民基本医疗保险.</summary>
    BasicInsurance = 1,

    /// <summary>城乡居民大病保险: on the yearly out-of-pocket within-policy costs above its deductible.</summary>
    CriticalIllness = 2,

    /// <summary>医疗救助: by the patient's assistance category.</summary>
    MedicalAssistance = 3,

    /// <summary>补充医疗保险 for registered poor households.</summary>
    Supplementary = 4,

    /// <summary>健康扶贫"985"兜底: tops up what the layers leave of poor patients' in-county within-policy costs.</summary>
    HealthPolicy = 5,
}

/// <summary>残疾类别 (GB/T 26341).</summary>
public enum DisabilityKind
{
    Visual = 1,
    Hearing = 2,
    Speech = 3,
    Physical = 4,
    Intellectual = 5,
    Mental = 6,
    Multiple = 7,
}

/// <summary>What a poverty-protection insurance (扶贫保险) payout is for.</summary>
public enum PayoutCause
{
    /// <summary>因病: a hospital stay or a serious illness.</summary>
    Illness = 1,

    /// <summary>因学: schooling costs.</summary>
    Schooling = 2,

    /// <summary>因灾: a natural disaster's loss.</summary>
    Disaster = 3,
}

/// <summary>The registry's member health codes (健康状况), from mildest to most severe.</summary>
public static class HealthCodes
{
    public const string Healthy = "healthy";
    public const string Chronic = "chronic";
    public const string Serious = "serious";
    public const string Disabled = "disabled";

    /// <summary>0 healthy (or unknown), 1 chronic, 2 serious, 3 disabled.</summary>
    public static int Severity(string? health) => health switch
    {
        Chronic => 1,
        Serious => 2,
        Disabled => 3,
        _ => 0,
    };
}

/// <summary>The registry's labour-ability codes (劳动能力).</summary>
public static class LabourCodes
{
    public const string Normal = "normal";
    public const string Weak = "weak";
    public const string None = "none";
    public const string NotWorkingAge = "not-working-age";
}
