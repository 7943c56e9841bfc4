namespace Platform.DemoCounty;

/// <summary>The wire vocabulary of <c>households/v1/registry.proto</c> used by the generated records.</summary>
public static class Vocabulary
{
    // Household status.
    public const string Poor = "poor";
    public const string Exited = "exited";
    public const string Monitored = "monitored";

    // Sex.
    public const string Male = "male";
    public const string Female = "female";

    // 与户主关系.
    public const string Head = "户主";
    public const string Spouse = "配偶";
    public const string Son = "之子";
    public const string Daughter = "之女";
    public const string Grandson = "之孙子";
    public const string Granddaughter = "之孙女";
    public const string Father = "之父";
    public const string Mother = "之母";
    public const string Other = "其他";

    // Health.
    public const string Healthy = "healthy";
    public const string Chronic = "chronic";
    public const string Serious = "serious";
    public const string Disabled = "disabled";

    // Labour ability.
    public const string LabourNormal = "normal";
    public const string LabourWeak = "weak";
    public const string LabourNone = "none";
    public const string NotWorkingAge = "not-working-age";

    // Schooling status.
    public const string NotSchoolAge = "not-school-age";
    public const string Preschool = "preschool";
    public const string Primary = "primary";
    public const string Junior = "junior";
    public const string Senior = "senior";
    public const string Vocational = "vocational";
    public const string College = "college";
    public const string LeftSchool = "left-school";
    public const string Dropout = "dropout";

    /// <summary>致贫原因, the national list, by code.</summary>
    public static IReadOnlyList<string> PovertyCauses { get; } =
    [
        "illness", "disability", "schooling", "disaster", "land", "water",
        "skills", "labour", "capital", "transport", "drive",
    ];

    /// <summary>与户主关系 values, in the order of the form.</summary>
    public static IReadOnlyList<string> Relations { get; } =
        [Head, Spouse, Son, Daughter, Grandson, Granddaughter, Father, Mother, Other];

    /// <summary>Schooling statuses a member is in school with.</summary>
    public static bool IsInSchool(string schoolingStatus) => schoolingStatus is Preschool or Primary or Junior or Senior or Vocational or College;
}
