namespace Platform.Contracts.Education;

/// <summary>
/// A member of a registered household completed a skills-training course (技能培训结业): one person-time
/// (人次) of the county's training figure, and a skill other pillars can use (industry matches people to
/// jobs with it). <see cref="EnrolmentId"/> identifies the completion: a consumer counts it once.
/// </summary>
public sealed record TrainingCompleted : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required Guid MemberId { get; init; }

    public required Guid EnrolmentId { get; init; }

    public required Guid CourseId { get; init; }

    /// <summary>The course's name, e.g. 2019年城关镇食用菌栽培技术培训班.</summary>
    public required string CourseName { get; init; }

    /// <summary>工种/专业, e.g. 食用菌栽培, 电工, 家政服务.</summary>
    public required string Trade { get; init; }

    /// <summary>The township the course was held in (9-digit code).</summary>
    public required string TownshipCode { get; init; }

    public required DateOnly CompletedOn { get; init; }

    /// <summary>结业证书 or 职业技能等级证书 number, when one was issued.</summary>
    public string? Certificate { get; init; }
}
