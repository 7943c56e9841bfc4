using Platform.Contracts;

namespace Platform.Households.Domain;

/// <summary>Who a helper is (结对帮扶责任人): cadres and staff, and the others the county mobilised.</summary>
public enum HelperKind
{
    /// <summary>干部职工.</summary>
    Cadre = 1,

    /// <summary>教师.</summary>
    Teacher = 2,

    /// <summary>医务人员.</summary>
    MedicalStaff = 3,

    /// <summary>人大代表.</summary>
    Deputy = 4,

    /// <summary>政协委员.</summary>
    CppccMember = 5,

    /// <summary>民营企业家.</summary>
    Entrepreneur = 6,

    Other = 9,
}

/// <summary>A person who helps: a 帮扶责任人, a member of a village work team, a first secretary.</summary>
public sealed class Cadre
{
    public required Guid Id { get; init; }

    public required string Name { get; set; }

    /// <summary>工作单位, e.g. 县财政局.</summary>
    public required string WorkUnit { get; set; }

    public string? Phone { get; set; }

    public required HelperKind Kind { get; set; }

    /// <summary>The caller's own reference (a personnel number), unique when given: a second import finds the same person.</summary>
    public string? ExternalRef { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>结对帮扶: a helper assigned to a household, from a date, until a date.</summary>
public sealed class Pairing
{
    public required Guid Id { get; init; }

    public required Guid CadreId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateOnly From { get; init; }

    public DateOnly? To { get; private set; }

    public string? EndReason { get; private set; }

    public required string By { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public bool IsActiveOn(DateOnly day) => From <= day && (To is null || To >= day);

    public RuleResult End(DateOnly to, string reason, DateOnly today)
    {
        if (To is not null)
        {
            return RuleResult.Fail("pairingId", "该结对已结束");
        }

        if (to < From || to > today)
        {
            return RuleResult.Fail("to", $"结束日期应在开始日期（{From:yyyy-MM-dd}）之后且不晚于今天");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 200)
        {
            return RuleResult.Fail("reason", "请填写结束原因（不超过200字）");
        }

        To = to;
        EndReason = reason.Trim();
        return RuleResult.Ok;
    }

    /// <summary>At most this many households per helper at once (一名干部结对帮扶一般不超过5户).</summary>
    public const int MaxHouseholdsPerHelper = 5;
}

/// <summary>驻村工作队 roles.</summary>
public enum TeamRole
{
    /// <summary>第一书记 (usually the team leader as well).</summary>
    FirstSecretary = 1,

    /// <summary>工作队长.</summary>
    Leader = 2,

    /// <summary>队员.</summary>
    Member = 3,
}

/// <summary>驻村工作队: the team a unit stations in a village.</summary>
public sealed class WorkTeam
{
    public required Guid Id { get; init; }

    public required int VillageId { get; init; }

    /// <summary>派出单位, e.g. 县发改局.</summary>
    public required string SendingUnit { get; init; }

    public required DateOnly From { get; init; }

    public DateOnly? To { get; set; }

    public required DateTimeOffset RecordedAt { get; init; }

    public List<WorkTeamMember> Members { get; } = [];

    /// <summary>A team has one first secretary at a time, and a person is in one team at a time (the caller checks other teams).</summary>
    public RuleResult Station(Cadre cadre, TeamRole role, DateOnly from)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        if (Members.Any(m => m.CadreId == cadre.Id && m.To is null))
        {
            return RuleResult.Fail("cadreId", "此人已在本工作队");
        }

        if (role == TeamRole.FirstSecretary && Members.Any(m => m.Role == TeamRole.FirstSecretary && m.To is null))
        {
            return RuleResult.Fail("role", "本工作队已有第一书记");
        }

        if (from < From)
        {
            return RuleResult.Fail("from", "驻村日期不能早于工作队派驻日期");
        }

        Members.Add(new WorkTeamMember { TeamId = Id, CadreId = cadre.Id, Role = role, From = from });
        return RuleResult.Ok;
    }
}

public sealed class WorkTeamMember
{
    public long Id { get; private set; }

    public required Guid TeamId { get; init; }

    public required Guid CadreId { get; init; }

    public required TeamRole Role { get; init; }

    public required DateOnly From { get; init; }

    public DateOnly? To { get; set; }
}
