namespace Platform.Contracts.Registry;

/// <summary>What a large expense was for (刚性支出).</summary>
public enum ExpenseKind
{
    /// <summary>医疗: the out-of-pocket part of a hospital bill after every reimbursement layer.</summary>
    Medical = 1,

    /// <summary>灾害: a loss from a natural disaster (flood, landslide, hail…).</summary>
    Disaster = 2,

    /// <summary>教育: schooling costs beyond what aid covers.</summary>
    Schooling = 3,

    /// <summary>意外事故.</summary>
    Accident = 4,

    Other = 9,
}

/// <summary>
/// A pillar learned of a large expense of a household (a hospital bill's out-of-pocket amount, a
/// disaster loss): the registry compares it with its monitoring threshold for the kind and, above it,
/// flags the household for 防返贫监测. <see cref="SourceRecordId"/> identifies the pillar's record (a
/// claim, a loss report): reported again, it counts once.
/// </summary>
public sealed record LargeExpenseReported : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public Guid? MemberId { get; init; }

    public required ExpenseKind Kind { get; init; }

    /// <summary>What the household pays itself, in yuan, two decimals (after every reimbursement layer).</summary>
    public required decimal OutOfPocket { get; init; }

    /// <summary>The whole cost before reimbursement, in yuan, when known.</summary>
    public decimal? TotalCost { get; init; }

    /// <summary>When the expense fell due (discharge date, date of the disaster).</summary>
    public required DateOnly IncurredOn { get; init; }

    public required Pillar Source { get; init; }

    public required string SourceRecordId { get; init; }

    /// <summary>For people reading the household's file, e.g. 县人民医院住院（脑梗），自付 8,000 元.</summary>
    public string? Description { get; init; }
}

/// <summary>
/// A pillar assessed a member's health or disability (a disability grade from the disabled persons'
/// federation, a serious-illness or chronic-disease certificate): the registry updates the member's
/// record and announces the change with <see cref="Households.MemberHealthChanged"/>.
/// </summary>
public sealed record MemberHealthAssessed : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required Guid MemberId { get; init; }

    /// <summary>healthy, chronic, serious or disabled (the registry's health codes).</summary>
    public required string Health { get; init; }

    /// <summary>残疾等级 1–4 when disabled, else null.</summary>
    public int? DisabilityGrade { get; init; }

    public required Pillar Source { get; init; }

    public required string SourceRecordId { get; init; }

    public required DateOnly AssessedOn { get; init; }

    public string? Reason { get; init; }
}
