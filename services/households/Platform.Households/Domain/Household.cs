using Platform.Contracts.Households;
using Platform.Contracts;

namespace Platform.Households.Domain;

/// <summary>建档立卡户: a registered household and its members.</summary>
public sealed class Household
{
    private Household()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>户编号, unique in the county.</summary>
    public string HouseholdNumber { get; private set; } = string.Empty;

    public int VillageId { get; private set; }

    public Village? Village { get; private set; }

    public HouseholdStatus Status { get; private set; }

    public PovertyCause MainCause { get; private set; }

    public PovertyCause[] OtherCauses { get; private set; } = [];

    public string? Phone { get; private set; }

    /// <summary>识别年度.</summary>
    public int RegisteredYear { get; private set; }

    /// <summary>脱贫年度: the year of the latest exit while exited; null while poor.</summary>
    public int? ExitYear { get; private set; }

    /// <summary>首次脱贫年度: kept for good, whatever happens after (a return to poverty, a second exit).</summary>
    public int? FirstExitYear { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>
    /// 家庭人口 today: the current members, kept on the row by every change of the members (and by the bulk
    /// paths), so that the county's figures sum rows instead of counting members.
    /// </summary>
    public int Size { get; private set; }

    /// <summary>
    /// 帮扶责任人 now: the household's pairings not yet ended, kept on the row by every pairing and its end (and by the
    /// bulk paths), so that the county's helper figures count rows.
    /// </summary>
    public int Helpers { get; private set; }

    public List<Member> Members { get; } = [];

    public IEnumerable<Member> CurrentMembers => Members.Where(m => m.RemovedAt is null);

    public static Household Register(HouseholdRegistration registration, int villageId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var household = new Household
        {
            Id = Guid.CreateVersion7(now),
            HouseholdNumber = registration.HouseholdNumber,
            VillageId = villageId,
            Status = registration.Status,
            MainCause = registration.MainCause,
            OtherCauses = [.. registration.OtherCauses],
            Phone = registration.Phone,
            RegisteredYear = registration.RegisteredYear,
            ExitYear = registration.ExitYear,
            FirstExitYear = registration.ExitYear,
            RegisteredAt = now,
            UpdatedAt = now,
        };
        var registeredFrom = new DateOnly(registration.RegisteredYear, 1, 1);
        foreach (var member in registration.Members)
        {
            household.Members.Add(Member.Create(household.Id, member, MemberAdditionReason.Registration, registeredFrom, now));
        }

        household.Size = household.Members.Count;
        return household;
    }

    public Member AddMember(MemberRegistration registration, MemberAdditionReason reason, DateTimeOffset now)
    {
        // A child counts from birth; anyone else from the day they joined.
        var joined = reason == MemberAdditionReason.Born
            ? registration.IdNumber.BirthDate
            : DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var member = Member.Create(Id, registration, reason, joined, now);
        Members.Add(member);
        Size++;
        UpdatedAt = now;
        return member;
    }

    /// <summary>Removes a current member; the head cannot be removed while others remain (change the head first).</summary>
    public RuleResult RemoveMember(Guid memberId, MemberRemovalReason reason, string? note, DateTimeOffset now)
    {
        var member = CurrentMembers.FirstOrDefault(m => m.Id == memberId);
        if (member is null)
        {
            return RuleResult.Fail("memberId", "该成员不在本户或已减员");
        }

        if (CurrentMembers.Count() == 1)
        {
            return RuleResult.Fail("memberId", "不能减去户内最后一名成员；如整户消亡请变更户状态");
        }

        member.Remove(reason, note, now);
        Size--;
        UpdatedAt = now;
        return RuleResult.Ok;
    }

    /// <summary>
    /// A current member's health (健康状况) and disability grade (残疾等级) change, by the member's rules; the row is
    /// touched, as for every change of the household.
    /// </summary>
    public RuleResult ChangeMemberHealth(Guid memberId, HealthStatus health, int? disabilityGrade, DateTimeOffset now)
    {
        var member = CurrentMembers.FirstOrDefault(m => m.Id == memberId);
        if (member is null)
        {
            return RuleResult.Fail("memberId", "该户没有这名成员，或已减员");
        }

        var result = member.ChangeHealth(health, disabilityGrade);
        if (result.Succeeded)
        {
            Touch(now);
        }

        return result;
    }

    /// <summary>Files the household under another village (a relocation, or a correction).</summary>
    public RuleResult MoveTo(Village village, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(village);
        if (village.Id == VillageId)
        {
            return RuleResult.Fail("villageCode", "该户已在此行政村");
        }

        VillageId = village.Id;
        Village = village;
        UpdatedAt = now;
        return RuleResult.Ok;
    }

    /// <summary>
    /// A status change by hand, with a reason. Exit is the exit procedure's alone (民主评议 → 核实 → 户确认 →
    /// 公示 → 公告 → 退出) and monitoring is a flag, so by hand only a return to poverty (返贫) of an exited
    /// household, or the identification as poor (识别为贫困户) of a household under monitoring, are allowed.
    /// The exit years stay: the first exit year is never lost.
    /// </summary>
    public RuleResult ChangeStatus(HouseholdStatus status, string reason, int year, DateTimeOffset now)
    {
        if (status == Status)
        {
            return RuleResult.Fail("status", "户状态未变化");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return RuleResult.Fail("reason", "请填写变更原因");
        }

        switch (status)
        {
            case HouseholdStatus.Exited:
                return RuleResult.Fail("status", "脱贫退出须经退出程序（民主评议、核实、户确认、公示、公告），不能直接变更为已脱贫");
            case HouseholdStatus.Monitored:
                return RuleResult.Fail("status", "纳入防返贫监测请登记监测标识（脱贫户监测后仍为已脱贫户）");
            case HouseholdStatus.Poor when Status == HouseholdStatus.Exited && FirstExitYear is { } first && year < first:
                return RuleResult.Fail("year", $"返贫年度不能早于首次脱贫年度{first}年");
        }

        // 返贫 or 识别为贫困户: the household is poor again; its exit years stay in the record.
        ExitYear = null;
        Status = status;
        UpdatedAt = now;
        return RuleResult.Ok;
    }

    /// <summary>
    /// Marks the household exited at the end of the exit procedure (the caller has checked every step
    /// and the verdict): the latest exit year is <paramref name="year"/>, the first exit year is kept.
    /// </summary>
    public RuleResult MarkExited(int year, DateTimeOffset now)
    {
        if (Status != HouseholdStatus.Poor)
        {
            return RuleResult.Fail("status", "只有贫困户可以脱贫退出");
        }

        if (year < RegisteredYear)
        {
            return RuleResult.Fail("year", "脱贫年度不能早于识别年度");
        }

        Status = HouseholdStatus.Exited;
        ExitYear = year;
        FirstExitYear ??= year;
        UpdatedAt = now;
        return RuleResult.Ok;
    }

    /// <summary>
    /// A change of the household beyond its own fields (a monitoring flag, a form, a pairing): its row is updated
    /// all the same, so that its concurrency check orders the change, and its events, among the household's others.
    /// </summary>
    public void Touch(DateTimeOffset now) =>
        UpdatedAt = now > UpdatedAt ? now : UpdatedAt.AddTicks(TimeSpan.TicksPerMicrosecond); // a change even on a stopped clock

    /// <summary>结对: a helper now helps the household (the pairing's rules are the pairing's; the household counts it).</summary>
    public void Paired(DateTimeOffset now)
    {
        Helpers++;
        Touch(now);
    }

    /// <summary>结对结束: one helper fewer.</summary>
    public void Unpaired(DateTimeOffset now)
    {
        Helpers = Math.Max(0, Helpers - 1);
        Touch(now);
    }

    /// <summary>家庭人口 at the end of <paramref name="year"/> (or on <paramref name="today"/> for the current year): members who belonged then.</summary>
    public int SizeIn(int year, DateOnly today)
    {
        var end = new DateOnly(year, 12, 31);
        var day = end < today ? end : today;
        return Members.Count(m => m.BelongedOn(day));
    }
}
