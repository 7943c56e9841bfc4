namespace Platform.Education.Domain;

/// <summary>
/// 义务教育有保障 of one household as this pillar sees it: met while the household has no open
/// dropout case. The row counts the open cases and serialises changes to them (row version), so two
/// cases of one household closing at once cannot both miss the moment the guarantee is met again.
/// </summary>
public sealed class EducationGuarantee
{
    public required Guid HouseholdId { get; init; }

    public int OpenCases { get; private set; }

    public bool Met => OpenCases == 0;

    public string Reason { get; private set; } = "无义务教育阶段失学辍学儿童";

    public DateTimeOffset AssessedAt { get; private set; }

    /// <summary>The case whose change made the latest assessment.</summary>
    public Guid? SourceCaseId { get; private set; }

    /// <summary>A case opened: true when the guarantee changed from met to not met.</summary>
    public bool CaseOpened(DropoutCase dropout, string childName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dropout);
        var wasMet = Met;
        OpenCases++;
        if (!wasMet)
        {
            return false;
        }

        Reason = $"义务教育适龄儿童{childName}{(dropout.Trigger == DropoutTrigger.DroppedOut ? "辍学" : "未入学")}，控辍保学案件办理中";
        AssessedAt = now;
        SourceCaseId = dropout.Id;
        return true;
    }

    /// <summary>A case closed: true when the guarantee changed from not met to met.</summary>
    public bool CaseClosed(DropoutCase dropout, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dropout);
        if (OpenCases == 0)
        {
            throw new InvalidOperationException("No open case to close.");
        }

        OpenCases--;
        if (!Met)
        {
            return false;
        }

        Reason = dropout.Outcome switch
        {
            DropoutOutcome.ReturnedToSchool => "控辍保学案件已结案：儿童已复学",
            DropoutOutcome.HomeTeaching => "控辍保学案件已结案：因身体原因送教上门",
            DropoutOutcome.OverAge => "控辍保学案件已结案：已超过义务教育年龄",
            _ => "控辍保学案件已结案：儿童已不在本户",
        };
        AssessedAt = now;
        SourceCaseId = dropout.Id;
        return true;
    }
}
