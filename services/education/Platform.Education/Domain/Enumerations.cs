namespace Platform.Education.Domain;

/// <summary>学段: the stages of schooling the pillar follows, from kindergarten to university.</summary>
public enum SchoolStage
{
    /// <summary>学前教育 (幼儿园, grades 1–3: 小班, 中班, 大班).</summary>
    Preschool = 1,

    /// <summary>小学 (grades 1–6).</summary>
    Primary = 2,

    /// <summary>初中 (grades 1–3).</summary>
    Junior = 3,

    /// <summary>普通高中 (grades 1–3).</summary>
    Senior = 4,

    /// <summary>中等职业教育 (中职, grades 1–3).</summary>
    Vocational = 5,

    /// <summary>高等职业教育 (高职, grades 1–3).</summary>
    HigherVocational = 6,

    /// <summary>本科 (grades 1–5).</summary>
    Undergraduate = 7,
}

/// <summary>在读状态 as the school roll (学籍) reports it; Unknown until a roll arrives.</summary>
public enum EnrolmentStatus
{
    Unknown = 0,

    /// <summary>在读.</summary>
    Enrolled = 1,

    /// <summary>未入学.</summary>
    NotEnrolled = 2,

    /// <summary>辍学.</summary>
    DroppedOut = 3,
}

/// <summary>Why a dropout case (控辍保学) was opened.</summary>
public enum DropoutTrigger
{
    /// <summary>适龄未入学: of compulsory-school age and not enrolled.</summary>
    NotEnrolled = 1,

    /// <summary>辍学: reported dropped out by a school or found on a visit.</summary>
    DroppedOut = 2,
}

/// <summary>How a dropout case closed.</summary>
public enum DropoutOutcome
{
    /// <summary>劝返复学: back at school (the school roll shows the child enrolled).</summary>
    ReturnedToSchool = 1,

    /// <summary>因身体原因免修，送教上门: exempted for physical reasons and taught at home.</summary>
    HomeTeaching = 2,

    /// <summary>超龄: past compulsory-school age (16 or older).</summary>
    OverAge = 3,

    /// <summary>The child left the registered household (died, moved out…): no longer the household's case.</summary>
    LeftHousehold = 4,
}

/// <summary>双线责任制: the two lines of responsibility every case names a person on.</summary>
public enum ResponsibilityLine
{
    /// <summary>行政线: county head → township head → village.</summary>
    Administrative = 1,

    /// <summary>教育线: education bureau → principal → head teacher.</summary>
    Education = 2,

    /// <summary>Both lines visiting together (联合劝返).</summary>
    Joint = 3,
}
