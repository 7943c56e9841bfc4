namespace Platform.Education.Domain;

/// <summary>
/// Age rules of schooling. Ages count at the start of the school year (1 September): a child who is
/// 6 by then starts primary school that year. Compulsory education (九年义务教育) is for ages 6–15.
/// </summary>
public static class SchoolAge
{
    /// <summary>Youngest age the pillar follows (kindergarten).</summary>
    public const int YoungestFollowed = 3;

    /// <summary>Oldest age the pillar follows (university).</summary>
    public const int OldestFollowed = 22;

    public const int CompulsoryFrom = 6;

    public const int CompulsoryTo = 15;

    /// <summary>How far a student may be younger (early start) or older (late start, repeated years) than the usual age of a grade.</summary>
    public const int YoungerTolerance = 1;

    public const int OlderTolerance = 3;

    /// <summary>1 September of the school year that <paramref name="today"/> falls in.</summary>
    public static DateOnly SchoolYearStart(DateOnly today) =>
        new(today.Month >= 9 ? today.Year : today.Year - 1, 9, 1);

    /// <summary>Full years of age on <paramref name="date"/>.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly date)
    {
        var age = date.Year - birthDate.Year;
        return birthDate.AddYears(age) > date ? age - 1 : age;
    }

    /// <summary>Age at the start of the current school year.</summary>
    public static int SchoolAgeOf(DateOnly birthDate, DateOnly today) => AgeOn(birthDate, SchoolYearStart(today));

    /// <summary>Whether the pillar follows a person of this birth date (pre-school to university age).</summary>
    public static bool IsFollowed(DateOnly birthDate, DateOnly today) =>
        SchoolAgeOf(birthDate, today) is >= YoungestFollowed and <= OldestFollowed;

    /// <summary>Of compulsory-school age (义务教育适龄, 6–15 at the start of the school year).</summary>
    public static bool IsCompulsory(DateOnly birthDate, DateOnly today) =>
        SchoolAgeOf(birthDate, today) is >= CompulsoryFrom and <= CompulsoryTo;

    /// <summary>
    /// Past compulsory-school age: 16 or older at the start of the current school year, so no longer
    /// of compulsory age this school year (<see cref="IsCompulsory"/>). Counted at the school year's
    /// start, not today: a rule checked on the day would tell, day by day, a child's birth date.
    /// </summary>
    public static bool IsPastCompulsory(DateOnly birthDate, DateOnly today) => SchoolAgeOf(birthDate, today) > CompulsoryTo;

    /// <summary>Number of grades of a stage.</summary>
    public static int GradesOf(SchoolStage stage) => stage switch
    {
        SchoolStage.Primary => 6,
        SchoolStage.Undergraduate => 5,
        _ => 3,
    };

    /// <summary>The usual age at the start of the school year in grade 1 of a stage.</summary>
    public static int EntryAgeOf(SchoolStage stage) => stage switch
    {
        SchoolStage.Preschool => 3,
        SchoolStage.Primary => 6,
        SchoolStage.Junior => 12,
        SchoolStage.Senior or SchoolStage.Vocational => 15,
        _ => 18,
    };

    /// <summary>Null when the grade exists and fits the student's age, else why not (for people).</summary>
    public static string? CheckGrade(SchoolStage stage, int grade, DateOnly birthDate, DateOnly today)
    {
        var grades = GradesOf(stage);
        if (grade < 1 || grade > grades)
        {
            return $"年级应在1到{grades}之间";
        }

        var usual = EntryAgeOf(stage) + grade - 1;
        var age = SchoolAgeOf(birthDate, today);
        return age < usual - YoungerTolerance || age > usual + OlderTolerance
            ? $"年级与年龄不符：{age}岁（按当学年9月1日计）通常不在此年级（通常{usual}岁）"
            : null;
    }
}
