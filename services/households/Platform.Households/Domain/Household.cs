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

    /// <summary>脱贫年度.</summary>
    public int? ExitYear { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

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
            RegisteredAt = now,
            UpdatedAt = now,
        };
        foreach (var member in registration.Members)
        {
            household.Members.Add(Member.Create(household.Id, member, MemberAdditionReason.Registration, now));
        }

        return household;
    }

    public Member AddMember(MemberRegistration registration, MemberAdditionReason reason, DateTimeOffset now)
    {
        var member = Member.Create(Id, registration, reason, now);
        Members.Add(member);
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
        UpdatedAt = now;
        return RuleResult.Ok;
    }

    /// <summary>
    /// Changes the status. Exit itself goes through the exit procedure (its own issue); here the
    /// registry records the result with a reason, and refuses a change to the same status.
    /// </summary>
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

        if (status == HouseholdStatus.Exited)
        {
            ExitYear = year;
        }
        else if (status == HouseholdStatus.Poor)
        {
            // A return to poverty (返贫) clears the exit.
            ExitYear = null;
        }

        Status = status;
        UpdatedAt = now;
        return RuleResult.Ok;
    }
}
