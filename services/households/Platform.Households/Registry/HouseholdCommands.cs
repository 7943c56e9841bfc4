using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Households;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.Contracts;

namespace Platform.Households.Registry;

/// <summary>The registry's writes: each validates, changes the household, adds its event to the outbox, commits once.</summary>
public sealed class HouseholdCommands(HouseholdsDbContext db, TimeProvider clock)
{
    /// <param name="registerAs">Another status than the submission's (a household entered for monitoring only).</param>
    /// <param name="alsoDo">More to commit with the registration (its monitoring flag); its refusal refuses the whole.</param>
    public async Task<Outcome<Household>> RegisterAsync(
        HouseholdSubmission submission,
        DataScope scope,
        CancellationToken cancellationToken,
        HouseholdStatus? registerAs = null,
        Func<Household, RuleResult>? alsoDo = null)
    {
        var errors = new Dictionary<string, string[]>();
        var registration = RegistrationRules.Validate(submission, clock.Today(), errors);
        if (registration is null)
        {
            return Outcome<Household>.Refused(Refusal.Invalid, errors);
        }

        registration = registration with { Status = registerAs ?? registration.Status };

        var village = await db.Villages.Include(v => v.Township).SingleOrDefaultAsync(v => v.Code == registration.VillageCode, cancellationToken);
        if (village is null)
        {
            return Outcome<Household>.Refused(Refusal.Invalid, "villageCode", "行政村不存在");
        }

        if (!scope.Covers(village.Code))
        {
            return Outcome<Household>.Refused(Refusal.Forbidden, "villageCode", "该行政村不在您的管辖范围内");
        }

        if (await db.Households.AnyAsync(h => h.HouseholdNumber == registration.HouseholdNumber, cancellationToken))
        {
            return Outcome<Household>.Refused(Refusal.Conflict, "householdNumber", "户编号已存在");
        }

        var taken = await RegisteredAlreadyAsync(registration.Members.Select(m => m.IdNumber.Value).ToArray(), scope, cancellationToken);
        if (taken.Count > 0)
        {
            var conflicts = new Dictionary<string, string[]>();
            for (var i = 0; i < registration.Members.Count; i++)
            {
                if (taken.TryGetValue(registration.Members[i].IdNumber.Value, out var where))
                {
                    FieldErrors.Add(conflicts, $"members[{i}].idNumber", RegisteredAlready(where));
                }
            }

            return Outcome<Household>.Refused(Refusal.Conflict, conflicts);
        }

        var now = clock.GetUtcNow();
        var household = Household.Register(registration, village.Id, now);
        db.Households.Add(household);
        db.AddIntegrationEvent(Registered(household, village), clock);
        if (alsoDo?.Invoke(household) is { Succeeded: false } refused)
        {
            db.ChangeTracker.Clear();
            return Outcome<Household>.Refused(Refusal.Invalid, refused.Field!, refused.Error!);
        }

        return await SaveAsync(household, cancellationToken);
    }

    public async Task<Outcome<Member>> AddMemberAsync(Guid householdId, AddMemberRequest request, DataScope scope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var reason = MemberAdditionReason.Other;
        if (string.IsNullOrWhiteSpace(request.Reason) || !Codes.TryParse(request.Reason, out reason) || reason == MemberAdditionReason.Registration)
        {
            FieldErrors.Add(errors, "reason", "增员原因应为：born、married-in、moved-in 或 other");
        }

        var registration = RegistrationRules.ValidateMember(request.Member, "member", clock.Today(), errors);
        if (registration is null || errors.Count > 0)
        {
            return Outcome<Member>.Refused(Refusal.Invalid, errors);
        }

        if (registration.Relation == MemberRegistration.HeadRelation)
        {
            return Outcome<Member>.Refused(Refusal.Invalid, "member.relation", "户内已有户主；增员不能是户主");
        }

        var household = await FindAsync(householdId, scope, cancellationToken);
        if (household is null)
        {
            return Outcome<Member>.Refused(Refusal.NotFound, "householdId", "建档立卡户不存在");
        }

        if ((await RegisteredAlreadyAsync([registration.IdNumber.Value], scope, cancellationToken)).TryGetValue(registration.IdNumber.Value, out var where))
        {
            return Outcome<Member>.Refused(Refusal.Conflict, "member.idNumber", RegisteredAlready(where));
        }

        if (household.CurrentMembers.Count() >= RegistrationRules.MaxMembers)
        {
            return Outcome<Member>.Refused(Refusal.Invalid, "member", $"一户最多{RegistrationRules.MaxMembers}名成员");
        }

        var now = clock.GetUtcNow();
        var member = household.AddMember(registration, reason, now);
        db.AddIntegrationEvent(
            new HouseholdMemberAdded
            {
                EventId = Guid.CreateVersion7(now),
                HouseholdId = household.Id,
                OccurredAt = now,
                Reason = reason,
                Member = member.ToSnapshot(),
            },
            clock);
        return await SaveAsync(member, cancellationToken);
    }

    public async Task<Outcome<Household>> RemoveMemberAsync(Guid householdId, Guid memberId, RemoveMemberRequest request, DataScope scope, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || !Codes.TryParse<MemberRemovalReason>(request.Reason, out var reason))
        {
            return Outcome<Household>.Refused(Refusal.Invalid, "reason", $"减员原因应为：{Codes.List<MemberRemovalReason>()}");
        }

        if (request.Note is { Length: > 200 })
        {
            return Outcome<Household>.Refused(Refusal.Invalid, "note", "备注不超过200字");
        }

        var household = await FindAsync(householdId, scope, cancellationToken);
        if (household is null)
        {
            return Outcome<Household>.Refused(Refusal.NotFound, "householdId", "建档立卡户不存在");
        }

        var now = clock.GetUtcNow();
        var result = household.RemoveMember(memberId, reason, request.Note, now);
        if (!result.Succeeded)
        {
            return Outcome<Household>.Refused(Refusal.Invalid, result.Field!, result.Error!);
        }

        db.AddIntegrationEvent(
            new HouseholdMemberRemoved
            {
                EventId = Guid.CreateVersion7(now),
                HouseholdId = household.Id,
                OccurredAt = now,
                MemberId = memberId,
                Reason = reason,
                Note = request.Note,
            },
            clock);
        return await SaveAsync(household, cancellationToken);
    }

    public async Task<Outcome<Household>> ChangeStatusAsync(Guid householdId, ChangeStatusRequest request, string changedBy, DataScope scope, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Status) || !Codes.TryParse<HouseholdStatus>(request.Status, out var status))
        {
            return Outcome<Household>.Refused(Refusal.Invalid, "status", $"户状态应为：{Codes.List<HouseholdStatus>()}");
        }

        var reason = request.Reason?.Trim() ?? string.Empty;
        if (reason.Length is 0 or > 200)
        {
            return Outcome<Household>.Refused(Refusal.Invalid, "reason", "请填写变更原因（不超过200字）");
        }

        var today = clock.Today();
        var year = request.Year ?? today.Year;
        if (year < RegistrationRules.FirstRegistrationYear || year > today.Year)
        {
            return Outcome<Household>.Refused(Refusal.Invalid, "year", "年度无效");
        }

        var household = await FindAsync(householdId, scope, cancellationToken);
        if (household is null)
        {
            return Outcome<Household>.Refused(Refusal.NotFound, "householdId", "建档立卡户不存在");
        }

        var previous = household.Status;
        var now = clock.GetUtcNow();
        var result = household.ChangeStatus(status, reason, year, now);
        if (!result.Succeeded)
        {
            return Outcome<Household>.Refused(Refusal.Invalid, result.Field!, result.Error!);
        }

        db.StatusChanges.Add(new StatusChange
        {
            HouseholdId = household.Id, From = previous, To = status, Reason = reason, ChangedBy = changedBy, ChangedAt = now,
        });
        db.AddIntegrationEvent(
            new HouseholdStatusChanged
            {
                EventId = Guid.CreateVersion7(now),
                HouseholdId = household.Id,
                OccurredAt = now,
                PreviousStatus = previous,
                Status = status,
                Reason = reason,
            },
            clock);
        await CloseFlagAsPoorAsync(household, reason, changedBy, today, now, cancellationToken);
        return await SaveAsync(household, cancellationToken);
    }

    /// <summary>
    /// A household that is poor again (返贫, 识别为贫困户) is helped as poor, not monitored: its open monitoring flag
    /// closes in the same commit, and the pillars hear it after the status change.
    /// </summary>
    private async Task CloseFlagAsPoorAsync(Household household, string reason, string by, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (household.Status != HouseholdStatus.Poor
            || await db.MonitoringFlags.SingleOrDefaultAsync(f => f.HouseholdId == household.Id && f.RemovedOn == null, cancellationToken) is not { } flag
            || !flag.CloseAsPoor(reason, by, today).Succeeded)
        {
            return;
        }

        db.AddIntegrationEvent(
            new MonitoringFlagClosed
            {
                EventId = Guid.CreateVersion7(now),
                HouseholdId = household.Id,
                OccurredAt = now,
                FlagId = flag.Id,
                Category = flag.Category,
                ClosedOn = flag.RemovedOn!.Value,
                Reason = flag.RemovalReason!,
            },
            clock);
    }

    /// <summary>
    /// Files a household under another village (易地扶贫搬迁, or a correction): the household must be in
    /// the caller's scope (404 otherwise) and so must the village it moves to (403 otherwise).
    /// </summary>
    public async Task<Outcome<Household>> MoveAsync(Guid householdId, MoveRequest request, DataScope scope, CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim() ?? string.Empty;
        if (reason.Length is 0 or > 200)
        {
            return Outcome<Household>.Refused(Refusal.Invalid, "reason", "请填写迁移原因（不超过200字）");
        }

        var village = string.IsNullOrWhiteSpace(request.VillageCode)
            ? null
            : await db.Villages.Include(v => v.Township).SingleOrDefaultAsync(v => v.Code == request.VillageCode.Trim(), cancellationToken);
        if (village is null)
        {
            return Outcome<Household>.Refused(Refusal.Invalid, "villageCode", "行政村不存在");
        }

        var household = await db.Households.Within(scope).Include(h => h.Village).SingleOrDefaultAsync(h => h.Id == householdId, cancellationToken);
        if (household is null)
        {
            return Outcome<Household>.Refused(Refusal.NotFound, "householdId", "建档立卡户不存在");
        }

        if (!scope.Covers(village.Code))
        {
            return Outcome<Household>.Refused(Refusal.Forbidden, "villageCode", "该行政村不在您的管辖范围内");
        }

        var previous = household.Village!.Code;
        var now = clock.GetUtcNow();
        var moved = household.MoveTo(village, now);
        if (!moved.Succeeded)
        {
            return Outcome<Household>.Refused(Refusal.Invalid, moved.Field!, moved.Error!);
        }

        db.AddIntegrationEvent(
            new HouseholdMoved
            {
                EventId = Guid.CreateVersion7(now),
                HouseholdId = household.Id,
                OccurredAt = now,
                PreviousVillageCode = previous,
                TownshipCode = village.Township?.Code ?? village.Code[..9],
                VillageCode = village.Code,
                Reason = reason,
            },
            clock);
        return await SaveAsync(household, cancellationToken);
    }

    /// <summary>The event of a registration: the household as the pillars need to know it, all its members.</summary>
    public static HouseholdRegistered Registered(Household household, Village village) => new()
    {
        EventId = Guid.CreateVersion7(household.RegisteredAt),
        HouseholdId = household.Id,
        OccurredAt = household.RegisteredAt,
        HouseholdNumber = household.HouseholdNumber,
        TownshipCode = village.Township?.Code ?? village.Code[..9],
        VillageCode = village.Code,
        Status = household.Status,
        Members = household.Members.Select(m => m.ToSnapshot()).ToList(),
    };

    /// <summary>The household if it exists inside the caller's scope; outside it, it does not exist.</summary>
    private Task<Household?> FindAsync(Guid householdId, DataScope scope, CancellationToken cancellationToken) =>
        db.Households.Within(scope).Include(h => h.Members).SingleOrDefaultAsync(h => h.Id == householdId, cancellationToken);

    /// <summary>
    /// The numbers already registered to a current member, each with its household's number when that
    /// household is inside the caller's scope, else null (the caller may not learn where, see <see cref="RegisteredAlready"/>).
    /// </summary>
    private async Task<Dictionary<string, string?>> RegisteredAlreadyAsync(string[] idNumbers, DataScope scope, CancellationToken cancellationToken) =>
        (await db.Members
            .Where(m => m.RemovedAt == null && idNumbers.Contains(m.IdNumber))
            .Select(m => new
            {
                m.IdNumber,
                Visible = db.Households.Within(scope).Where(h => h.Id == m.HouseholdId).Select(h => h.HouseholdNumber).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken))
        .ToDictionary(m => m.IdNumber, m => m.Visible, StringComparer.Ordinal);

    /// <summary>
    /// Why a person cannot be registered again (one person, one household): inside the caller's scope,
    /// the household they are in; outside it the neutral refusal, which says neither that the number is
    /// registered nor where — the county office, which sees every household, sorts it out.
    /// </summary>
    internal static string RegisteredAlready(string? visibleHouseholdNumber) => visibleHouseholdNumber is null
        ? NotInYourScope
        : $"此人已登记在本辖区的建档立卡户（户编号 {visibleHouseholdNumber}）中，一人只能属于一个建档立卡户";

    /// <summary>The refusal of a number the caller may not register, whatever the reason it cannot see.</summary>
    public const string NotInYourScope = "此身份证号码无法在您的辖区登记：请核对号码；号码无误的，请联系县扶贫办核实";

    // Another request may register the same person or number between our check and the commit.
    private Task<Outcome<T>> SaveAsync<T>(T value, CancellationToken cancellationToken)
        where T : class =>
        db.SaveAsOutcomeAsync(
            value,
            ("household", "该户刚被他人修改，请刷新后重试"),
            unique => unique.ConstraintName?.Contains("id_number", StringComparison.Ordinal) == true
                ? ("idNumber", NotInYourScope) // registered meanwhile, where the caller may not see
                : ("householdNumber", "户编号已存在"),
            cancellationToken);
}
