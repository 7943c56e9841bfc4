using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Households.Common;
using Platform.Households.Consumers;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.Households.Registry;
using Platform.Messaging.Outbox;
using Platform.Messaging.Stream;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;

namespace Platform.Households.Form;

/// <summary>
/// The household form's writes (扶贫手册): the household's part, a member's part, and a member's health and
/// disability — the one change the pillars depend on, so it is published (<see cref="MemberHealthChanged"/>)
/// through the outbox in the same commit. Every write touches the household's row.
/// </summary>
public sealed class FormCommands(HouseholdsDbContext db, TimeProvider clock)
{
    public async Task<Outcome<HouseholdProfile>> SaveHouseholdAsync(Guid householdId, HouseholdFormRequest request, string by, DataScope scope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var data = Parse(request, errors);
        if (errors.Count > 0)
        {
            return Outcome<HouseholdProfile>.Refused(Refusal.Invalid, errors);
        }

        var household = await db.Households.Within(scope).SingleOrDefaultAsync(h => h.Id == householdId, cancellationToken);
        if (household is null)
        {
            return Outcome<HouseholdProfile>.Refused(Refusal.NotFound, "householdId", "建档立卡户不存在");
        }

        return await SaveAsync(
            household,
            await db.HouseholdProfiles.SingleOrDefaultAsync(p => p.HouseholdId == householdId, cancellationToken),
            now => new HouseholdProfile { HouseholdId = householdId, Data = data, UpdatedBy = by, UpdatedAt = now },
            (profile, now) => (profile.Data, profile.UpdatedBy, profile.UpdatedAt) = (data, by, now),
            cancellationToken);
    }

    public async Task<Outcome<MemberProfile>> SaveMemberAsync(
        Guid householdId, Guid memberId, MemberFormRequest request, string by, DataScope scope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var data = Parse(request, errors);
        if (errors.Count > 0)
        {
            return Outcome<MemberProfile>.Refused(Refusal.Invalid, errors);
        }

        var household = await db.Households.Within(scope).Include(h => h.Members).SingleOrDefaultAsync(h => h.Id == householdId, cancellationToken);
        if (household is null || household.CurrentMembers.All(m => m.Id != memberId))
        {
            return Outcome<MemberProfile>.Refused(Refusal.NotFound, "memberId", "未找到该户的这名成员（或已减员）");
        }

        return await SaveAsync(
            household,
            await db.MemberProfiles.SingleOrDefaultAsync(p => p.MemberId == memberId, cancellationToken),
            now => new MemberProfile { MemberId = memberId, HouseholdId = householdId, Data = data, UpdatedBy = by, UpdatedAt = now },
            (profile, now) => (profile.Data, profile.UpdatedBy, profile.UpdatedAt) = (data, by, now),
            cancellationToken);
    }

    /// <summary>A part of the form, new or filled in again, with the household's row touched, in one commit.</summary>
    private async Task<Outcome<T>> SaveAsync<T>(Household household, T? existing, Func<DateTimeOffset, T> create, Action<T, DateTimeOffset> update, CancellationToken cancellationToken)
        where T : class
    {
        var now = clock.GetUtcNow();
        if (existing is null)
        {
            existing = create(now);
            db.Add(existing);
        }
        else
        {
            update(existing, now);
        }

        household.Touch(now);
        return await SaveAsync(existing, cancellationToken);
    }

    /// <summary>健康状况变更 by county or village staff: the member's record, the household's row and <see cref="MemberHealthChanged"/>, in one commit.</summary>
    public async Task<Outcome<Member>> ChangeHealthAsync(
        Guid householdId, Guid memberId, HealthChangeRequest request, string by, DataScope scope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var health = Requests.Required<HealthStatus>(request.Health, "health", "健康状况", errors);
        var reason = Requests.Text(request.Reason, "reason", "变更原因", 200, errors);
        if (errors.Count > 0)
        {
            return Outcome<Member>.Refused(Refusal.Invalid, errors);
        }

        var household = await db.Households.Within(scope).Include(h => h.Members).SingleOrDefaultAsync(h => h.Id == householdId, cancellationToken);
        if (household is null || household.CurrentMembers.All(m => m.Id != memberId))
        {
            return Outcome<Member>.Refused(Refusal.NotFound, "memberId", "未找到该户的这名成员（或已减员）");
        }

        var changed = MemberHealth.Change(db, household, memberId, health, request.DisabilityGrade, $"{reason}（{by}）", clock);
        return changed.Succeeded
            ? await SaveAsync(household.Members.Single(m => m.Id == memberId), cancellationToken)
            : Outcome<Member>.Refused(Refusal.Invalid, changed.Field!, changed.Error!);
    }

    internal static HouseholdProfileData Parse(HouseholdFormRequest request, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = Requests.Required<HouseholdType>(request.Type, "type", "户类型", errors);
        var fuel = Requests.Required<Fuel>(request.Fuel, "fuel", "主要燃料", errors);
        bool Answer(bool? value, string field, string label)
        {
            if (value is null)
            {
                FieldErrors.Add(errors, field, $"请填写{label}（是或否）");
            }

            return value ?? false;
        }

        var data = new HouseholdProfileData(
            type,
            request.CultivatedLand ?? 0m,
            request.ForestLand ?? 0m,
            request.ReturnedFarmland ?? 0m,
            request.Orchard ?? 0m,
            request.DistanceToRoadKm,
            Answer(request.DangerousHouse, "dangerousHouse", "是否危房"),
            request.HouseArea,
            fuel,
            Answer(request.SafeDrinkingWater, "safeDrinkingWater", "是否饮水安全"),
            Answer(request.Electricity, "electricity", "是否通生活用电"),
            Answer(request.BroadcastTv, "broadcastTv", "是否通广播电视"),
            Answer(request.SanitaryToilet, "sanitaryToilet", "是否有卫生厕所"),
            request.CooperativeMember ?? false,
            request.LinkedToLeadEnterprise ?? false);
        FormRules.Validate(data, errors);
        return data;
    }

    internal static MemberProfileData Parse(MemberFormRequest request, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        var data = new MemberProfileData(
            Requests.Required<EducationLevel>(request.Education, "education", "文化程度", errors),
            string.IsNullOrWhiteSpace(request.Skill) ? null : request.Skill.Trim(),
            request.MonthsWorked ?? 0,
            Requests.Optional<WorkPlace>(request.WorkPlace, "workPlace", "务工地点", errors) ?? WorkPlace.None,
            request.ResidentMedicalInsurance ?? false,
            request.CriticalIllnessInsurance ?? false,
            request.Pension ?? false,
            Requests.Optional<WelfareStatus>(request.Welfare, "welfare", "低保特困状况", errors) ?? WelfareStatus.None,
            request.PublicWelfarePostMonths ?? 0);
        FormRules.Validate(data, errors);
        return data;
    }

    private Task<Outcome<T>> SaveAsync<T>(T value, CancellationToken cancellationToken)
        where T : class =>
        db.SaveAsOutcomeAsync(value, ("household", "该户刚被他人修改，请刷新后重试"), _ => ("household", "该户刚被他人修改，请刷新后重试"), cancellationToken);
}

/// <summary>
/// A member's health changes the same way whoever reports it (county staff over REST, a pillar's assessment on the
/// stream): the household's rules, its row touched, and <see cref="MemberHealthChanged"/> added to the outbox of the
/// same unit of work, in the household's order.
/// </summary>
public static class MemberHealth
{
    public static RuleResult Change(HouseholdsDbContext db, Household household, Guid memberId, HealthStatus health, int? disabilityGrade, string reason, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(household);
        ArgumentNullException.ThrowIfNull(clock);
        var member = household.CurrentMembers.FirstOrDefault(m => m.Id == memberId);
        var previous = member is null ? default : (member.Health, member.DisabilityGrade);
        var now = clock.GetUtcNow();
        var result = household.ChangeMemberHealth(memberId, health, disabilityGrade, now);
        if (!result.Succeeded)
        {
            return result;
        }

        db.AddIntegrationEvent(
            new MemberHealthChanged
            {
                EventId = Guid.CreateVersion7(now),
                HouseholdId = household.Id,
                OccurredAt = now,
                MemberId = memberId,
                PreviousHealth = Codes.Of(previous.Health),
                PreviousDisabilityGrade = previous.DisabilityGrade,
                Health = Codes.Of(health),
                DisabilityGrade = disabilityGrade,
                Reason = reason.Length > 500 ? reason[..500] : reason,
            },
            clock);
        return result;
    }
}

/// <summary>
/// A pillar's assessment of a member's health (a disability grade, a serious-illness certificate): the registry
/// updates the member and announces the change. The same finding reported again, or one about a member who has
/// left, changes nothing; an assessment that names no household or member of the registry breaks the contract.
/// </summary>
public sealed partial class MemberHealthAssessedHandler(HouseholdsDbContext db, PillarReportBatch batch, TimeProvider clock, ILogger<MemberHealthAssessedHandler> logger)
    : IEventHandler<MemberHealthAssessed>
{
    public async Task HandleAsync(MemberHealthAssessed assessed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessed);
        if (!Codes.TryParse<HealthStatus>(assessed.Health, out var health) || !await batch.IsRegisteredAsync(assessed.HouseholdId, cancellationToken))
        {
            throw new PermanentEventFailureException($"Health assessment {assessed.EventId} from {assessed.Source} names an unknown household or health code");
        }

        var household = await db.Households.Include(h => h.Members).SingleAsync(h => h.Id == assessed.HouseholdId, cancellationToken);
        var member = household.Members.FirstOrDefault(m => m.Id == assessed.MemberId)
            ?? throw new PermanentEventFailureException($"Health assessment {assessed.EventId} names no member of household {assessed.HouseholdId}");
        if (member.RemovedAt is not null || (member.Health == health && member.DisabilityGrade == assessed.DisabilityGrade))
        {
            LogUnchanged(logger, assessed.EventId, assessed.Source);
            return;
        }

        var reason = $"{PillarNames.Of(assessed.Source)}评定（{assessed.AssessedOn:yyyy-MM-dd}，{assessed.SourceRecordId}）" +
            (string.IsNullOrWhiteSpace(assessed.Reason) ? string.Empty : "：" + assessed.Reason.Trim());
        var result = MemberHealth.Change(db, household, member.Id, health, assessed.DisabilityGrade, reason, clock);
        if (!result.Succeeded)
        {
            throw new PermanentEventFailureException($"Health assessment {assessed.EventId} from {assessed.Source} breaks the member's rules: {result.Field}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health assessment {EventId} from {Source} changes nothing (same finding, or the member has left)")]
    private static partial void LogUnchanged(ILogger logger, Guid eventId, Pillar source);
}
