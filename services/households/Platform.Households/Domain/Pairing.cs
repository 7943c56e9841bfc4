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

    /// <summary>Personal data: masked in every answer, revealed whole only on an audited request.</summary>
    public string? Phone { get; set; }

    public required HelperKind Kind { get; set; }

    /// <summary>The caller's own reference (a personnel number), unique when given: a second import finds the same person.</summary>
    public string? ExternalRef { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>
    /// A helper as the form records one (帮扶责任人: name, work unit, phone): a name of a person, a work unit, a
    /// phone a household can call (mobile or landline), a reference of at most 50 characters.
    /// </summary>
    public static (Cadre? Cadre, Dictionary<string, string[]> Errors) Create(
        string? name, string? workUnit, string? phone, HelperKind kind, string? externalRef, DateTimeOffset now, string path = "")
    {
        var errors = new Dictionary<string, string[]>();
        var trimmedName = name?.Trim() ?? string.Empty;
        if (!RegistrationRules.IsPersonName(trimmedName))
        {
            FieldErrors.Add(errors, path + "name", "姓名应为1到30个汉字、字母或间隔号");
        }

        var unit = workUnit?.Trim() ?? string.Empty;
        if (unit.Length is 0 or > 100)
        {
            FieldErrors.Add(errors, path + "workUnit", "请填写工作单位（不超过100字）");
        }

        var trimmedPhone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        if (trimmedPhone is not null && !RegistrationRules.IsPhone(trimmedPhone))
        {
            FieldErrors.Add(errors, path + "phone", "联系电话格式有误");
        }

        var reference = string.IsNullOrWhiteSpace(externalRef) ? null : externalRef.Trim();
        if (reference is { Length: > 50 })
        {
            FieldErrors.Add(errors, path + "externalRef", "人员编号不超过50个字符");
        }

        return errors.Count > 0
            ? (null, errors)
            : (new Cadre { Id = Guid.CreateVersion7(now), Name = trimmedName, WorkUnit = unit, Phone = trimmedPhone, Kind = kind, ExternalRef = reference, RecordedAt = now }, errors);
    }
}

/// <summary>结对帮扶: a helper assigned to a household, from a date, until a date.</summary>
public sealed class Pairing
{
    /// <summary>At most this many households per helper at once (一名干部结对帮扶一般不超过5户).</summary>
    public const int MaxHouseholdsPerHelper = 5;

    /// <summary>The campaign's pairings began with the registration (建档立卡, 2014); nothing is dated before the registry's first year.</summary>
    public static readonly DateOnly Earliest = new(RegistrationRules.FirstRegistrationYear, 1, 1);

    public required Guid Id { get; init; }

    public required Guid CadreId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateOnly From { get; init; }

    public DateOnly? To { get; private set; }

    public string? EndReason { get; private set; }

    public required string By { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public bool IsActiveOn(DateOnly day) => From <= day && (To is null || To >= day);

    /// <summary>
    /// 结对: a helper takes a household from <paramref name="from"/> (not in the future), unless already paired with
    /// it, and while helping fewer than <see cref="MaxHouseholdsPerHelper"/> households (<paramref name="activeOfHelper"/>:
    /// the helper's pairings not yet ended).
    /// </summary>
    public static (Pairing? Pairing, RuleResult Result) Start(
        Cadre helper, Guid householdId, DateOnly from, IReadOnlyCollection<Pairing> activeOfHelper, string by, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(helper);
        ArgumentNullException.ThrowIfNull(activeOfHelper);
        if (from > today || from < Earliest)
        {
            return (null, RuleResult.Fail("from", $"结对日期应在{Earliest:yyyy-MM-dd}到今天之间"));
        }

        if (activeOfHelper.Any(p => p.HouseholdId == householdId))
        {
            return (null, RuleResult.Fail("cadreId", "该帮扶责任人已与该户结对"));
        }

        if (activeOfHelper.Count >= MaxHouseholdsPerHelper)
        {
            return (null, RuleResult.Fail("cadreId", $"一名帮扶责任人同时结对帮扶不超过{MaxHouseholdsPerHelper}户（{helper.Name}已结对{activeOfHelper.Count}户）"));
        }

        return (new Pairing { Id = Guid.CreateVersion7(now), CadreId = helper.Id, HouseholdId = householdId, From = from, By = by, RecordedAt = now }, RuleResult.Ok);
    }

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

    public IEnumerable<WorkTeamMember> Current => Members.Where(m => m.To is null);

    /// <summary>派驻: a unit stations a team in a village from a date not in the future (one current team per village: the caller checks the village).</summary>
    public static (WorkTeam? Team, RuleResult Result) Open(int villageId, string? sendingUnit, DateOnly from, DateOnly today, DateTimeOffset now)
    {
        var unit = sendingUnit?.Trim() ?? string.Empty;
        if (unit.Length is 0 or > 100)
        {
            return (null, RuleResult.Fail("sendingUnit", "请填写派出单位（不超过100字）"));
        }

        if (from > today || from < Pairing.Earliest)
        {
            return (null, RuleResult.Fail("from", $"派驻日期应在{Pairing.Earliest:yyyy-MM-dd}到今天之间"));
        }

        return (new WorkTeam { Id = Guid.CreateVersion7(now), VillageId = villageId, SendingUnit = unit, From = from, RecordedAt = now }, RuleResult.Ok);
    }

    /// <summary>
    /// 驻村: a team has one first secretary at a time, a person is in it once, from the team's start and not in the
    /// future (a person is in one team at a time: the caller checks other teams).
    /// </summary>
    public RuleResult Station(Cadre cadre, TeamRole role, DateOnly from, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        if (To is not null)
        {
            return RuleResult.Fail("teamId", "该工作队已撤回");
        }

        if (Current.Any(m => m.CadreId == cadre.Id))
        {
            return RuleResult.Fail("cadreId", "此人已在本工作队");
        }

        if (role == TeamRole.FirstSecretary && Current.Any(m => m.Role == TeamRole.FirstSecretary))
        {
            return RuleResult.Fail("role", "本工作队已有第一书记");
        }

        if (from < From || from > today)
        {
            return RuleResult.Fail("from", $"驻村日期应在工作队派驻日期（{From:yyyy-MM-dd}）之后且不晚于今天");
        }

        Members.Add(new WorkTeamMember { TeamId = Id, CadreId = cadre.Id, Role = role, From = from });
        return RuleResult.Ok;
    }

    /// <summary>轮换: a member leaves the team on a date between their start and today.</summary>
    public RuleResult EndStation(long memberId, DateOnly to, DateOnly today)
    {
        var member = Current.FirstOrDefault(m => m.Id == memberId);
        if (member is null)
        {
            return RuleResult.Fail("memberId", "此人不在本工作队或已离队");
        }

        if (to < member.From || to > today)
        {
            return RuleResult.Fail("to", $"离队日期应在驻村日期（{member.From:yyyy-MM-dd}）之后且不晚于今天");
        }

        member.To = to;
        return RuleResult.Ok;
    }

    /// <summary>撤回: the team and every current member leave the village.</summary>
    public RuleResult Recall(DateOnly to, DateOnly today)
    {
        if (To is not null)
        {
            return RuleResult.Fail("teamId", "该工作队已撤回");
        }

        var latest = Current.Select(m => m.From).DefaultIfEmpty(From).Max();
        if (to < latest || to > today)
        {
            return RuleResult.Fail("to", $"撤回日期应在{latest:yyyy-MM-dd}之后且不晚于今天");
        }

        foreach (var member in Current.ToList())
        {
            member.To = to;
        }

        To = to;
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
