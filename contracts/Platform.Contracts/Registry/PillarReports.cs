namespace Platform.Contracts.Registry;

/// <summary>The income kinds of the registry's household income (家庭收入).</summary>
public enum IncomeKind
{
    /// <summary>工资性收入: public-welfare posts, workshop and other wages.</summary>
    Wage = 1,

    /// <summary>生产经营性收入.</summary>
    Business = 2,

    /// <summary>财产性收入: e.g. dividends of poverty-alleviation assets.</summary>
    Property = 3,

    /// <summary>转移性收入: pensions, ecological compensation, 低保, 特困供养, aid…</summary>
    Transfer = 4,

    /// <summary>生产经营性支出: subtracted from the other kinds.</summary>
    ProductionCost = 5,
}

/// <summary>Which pillar (五个一批) or source reported a record.</summary>
public enum Pillar
{
    Industry = 1,
    Relocation = 2,
    Ecology = 3,
    Education = 4,
    Welfare = 5,
    Registry = 6,
}

/// <summary>
/// One income record a pillar caused (a ranger's pay, a dividend, a 低保 payment, a grant).
/// <see cref="SourceRecordId"/> identifies the pillar's own record: the registry counts each source
/// record once, however often it is delivered.
/// </summary>
public sealed record IncomeRecorded : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public Guid? MemberId { get; init; }

    public required int Year { get; init; }

    public required IncomeKind Kind { get; init; }

    /// <summary>Amount in yuan, two decimal places, never negative (a cost is a kind, not a sign).</summary>
    public required decimal Amount { get; init; }

    /// <summary>Whether it counts toward stable exit income (education aid, medical reimbursement… do not).</summary>
    public required bool CountsTowardExit { get; init; }

    public required Pillar Source { get; init; }

    public required string SourceRecordId { get; init; }

    /// <summary>What it is, for people reading the household's file (e.g. 生态护林员 2020 年工资).</summary>
    public string? Description { get; init; }
}

/// <summary>两不愁三保障 plus drinking water: what the exit checks.</summary>
public enum Guarantee
{
    /// <summary>不愁吃.</summary>
    Food = 1,

    /// <summary>不愁穿.</summary>
    Clothing = 2,

    /// <summary>义务教育有保障.</summary>
    CompulsoryEducation = 3,

    /// <summary>基本医疗有保障.</summary>
    BasicMedicalCare = 4,

    /// <summary>住房安全有保障.</summary>
    SafeHousing = 5,

    /// <summary>饮水安全有保障.</summary>
    SafeDrinkingWater = 6,
}

/// <summary>A pillar's assessment of one guarantee of one household: met or not, why, when.</summary>
public sealed record GuaranteeAssessed : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required Guarantee Guarantee { get; init; }

    public required bool Met { get; init; }

    public required string Reason { get; init; }

    public required Pillar Source { get; init; }

    /// <summary>The pillar's record that caused the assessment (a dropout case, an appraisal…).</summary>
    public required string SourceRecordId { get; init; }

    /// <summary>When the assessment holds from; a later assessment supersedes an earlier one.</summary>
    public required DateTimeOffset AssessedAt { get; init; }
}
