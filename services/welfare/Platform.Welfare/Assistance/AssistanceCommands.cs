using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Welfare;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.Welfare.Common;
using Platform.Welfare.Data;
using Platform.Welfare.Domain;

namespace Platform.Welfare.Assistance;

/// <summary>家庭经济状况核对结果: the verified annual net income of a household for a year.</summary>
public sealed record MeansCheckRequest(Guid? HouseholdId, int? Year, decimal? VerifiedIncome, DateOnly? CheckedOn, string? Note);

/// <summary>申请低保或特困: the category is what the means test finds unless one is asked for; the amount the standard unless one is decided.</summary>
public sealed record ApplicationRequest(Guid? HouseholdId, string? Category, int? Year, decimal? MonthlyAmount, string? Note);

/// <summary>停保.</summary>
public sealed record EndRequest(DateOnly? On, string? Reason);

/// <summary>发放: the month to pay, "2026-11"; this month when empty.</summary>
public sealed record PaymentRunRequest(string? Month);

/// <summary>The portal's side of 低保 and 特困: validate, check the caller's scope, decide, commit in one transaction.</summary>
public sealed class AssistanceCommands(WelfareDbContext db, AssistanceLedger ledger, HouseholdSituations situations, TimeProvider clock)
{
    public const string HouseholdNotFound = "建档立卡户不存在";

    public async Task<Outcome<MeansCheck>> RecordCheckAsync(MeansCheckRequest request, DataScope scope, string recordedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var year = request.Year ?? clock.Today().Year;
        Require(ledger.CheckYear(year, "year", out _), errors);
        if (request.VerifiedIncome is not { } income || !Yuan.IsAmountOrZero(income))
        {
            FieldErrors.Add(errors, "verifiedIncome", "核对的家庭年纯收入应为不小于0的金额（元，至多两位小数）");
        }

        var checkedOn = request.CheckedOn ?? clock.Today();
        if (checkedOn > clock.Today() || checkedOn.Year < year)
        {
            FieldErrors.Add(errors, "checkedOn", "核对日期应不早于所核对的年度且不晚于今天");
        }

        var note = Text(request.Note, 200, "note", errors);
        if (request.HouseholdId is null)
        {
            FieldErrors.Add(errors, "householdId", "请指定建档立卡户");
        }

        if (errors.Count > 0)
        {
            return Outcome<MeansCheck>.Refused(Refusal.Invalid, errors);
        }

        var householdId = request.HouseholdId!.Value;
        if (!await db.ReplicaHouseholds.Within(scope).AnyAsync(h => h.Id == householdId, cancellationToken))
        {
            return Outcome<MeansCheck>.Refused(Refusal.NotFound, "householdId", HouseholdNotFound);
        }

        var existing = await db.MeansChecks.SingleOrDefaultAsync(c => c.HouseholdId == householdId && c.Year == year, cancellationToken);
        ledger.RecordCheck(existing, householdId, year, request.VerifiedIncome!.Value, checkedOn, note, recordedBy);
        var saved = await db.SaveAsOutcomeAsync(
            new object(),
            ("householdId", "该户的核对结果刚被他人修改，请刷新后重试"),
            _ => ("householdId", "该户该年度的核对结果刚被他人录入，请刷新后重试"),
            cancellationToken);
        return saved.Value is null
            ? Outcome<MeansCheck>.Refused(saved.Refusal!.Value, new Dictionary<string, string[]>(saved.Errors!))
            : Outcome<MeansCheck>.Done(await db.MeansChecks.AsNoTracking().SingleAsync(c => c.HouseholdId == householdId && c.Year == year, cancellationToken));
    }

    public async Task<Outcome<AssistanceDecision>> ApplyAsync(ApplicationRequest request, DataScope scope, string decidedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var year = request.Year ?? clock.Today().Year;
        Require(ledger.CheckYear(year, "year", out var standard), errors);
        SocialAssistanceCategory? category = null;
        if (!string.IsNullOrWhiteSpace(request.Category))
        {
            if (Codes.TryParse<SocialAssistanceCategory>(request.Category, out var parsed))
            {
                category = parsed;
            }
            else
            {
                FieldErrors.Add(errors, "category", $"救助类别应为：{Codes.List<SocialAssistanceCategory>()}");
            }
        }

        var note = Text(request.Note, 200, "note", errors);
        if (request.HouseholdId is null)
        {
            FieldErrors.Add(errors, "householdId", "请指定建档立卡户");
        }

        if (errors.Count > 0)
        {
            return Outcome<AssistanceDecision>.Refused(Refusal.Invalid, errors);
        }

        var householdId = request.HouseholdId!.Value;
        if (!await db.ReplicaHouseholds.Within(scope).AnyAsync(h => h.Id == householdId, cancellationToken))
        {
            return Outcome<AssistanceDecision>.Refused(Refusal.NotFound, "householdId", HouseholdNotFound);
        }

        var household = (await situations.LoadAsync([householdId], cancellationToken))[householdId];
        if (household.Enrolment is { } active)
        {
            return Outcome<AssistanceDecision>.Refused(Refusal.Conflict, "householdId", $"该户已纳入{Names.Of(active.Category)}（{active.StartMonth:yyyy年M月}起），如需调整请先停保");
        }

        var income = (await situations.MeansIncomeAsync([householdId], year, cancellationToken))[householdId];
        var decided = ledger.Decide(household, year, income, standard!, category, request.MonthlyAmount, note, decidedBy, keepRefusal: true, out var decision);
        if (!decided.Succeeded)
        {
            return Outcome<AssistanceDecision>.Refused(Refusal.Invalid, decided.Field!, decided.Error!);
        }

        return await db.SaveAsOutcomeAsync(
            decision!,
            ("householdId", "该户的救助记录刚被他人修改，请刷新后重试"),
            _ => ("householdId", "该户刚被他人纳入低保或特困供养"),
            cancellationToken);
    }

    public async Task<Outcome<AssistanceEnrolment>> EndAsync(Guid id, EndRequest request, DataScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var enrolment = await db.AssistanceEnrolments.Within(db, scope).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enrolment is null)
        {
            return Outcome<AssistanceEnrolment>.Refused(Refusal.NotFound, "id", "救助对象不存在");
        }

        var result = ledger.End(enrolment, request.On ?? clock.Today(), request.Reason ?? string.Empty);
        if (!result.Succeeded)
        {
            return Outcome<AssistanceEnrolment>.Refused(result.Field == "id" ? Refusal.Conflict : Refusal.Invalid, result.Field!, result.Error!);
        }

        return await db.SaveAsOutcomeAsync(enrolment, ("id", "该救助对象刚被他人修改，请刷新后重试"), _ => ("id", "冲突"), cancellationToken);
    }

    public Task<Outcome<PaymentRun>> PayAsync(PaymentRunRequest request, string paidBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var month = AssistanceEnrolment.MonthOf(clock.Today());
        if (!string.IsNullOrWhiteSpace(request.Month)
            && !WireText.TryMonth(request.Month, out month))
        {
            return Task.FromResult(Outcome<PaymentRun>.Refused(Refusal.Invalid, "month", "月份格式应为“2026-11”"));
        }

        return ledger.PayAsync(month, paidBy, cancellationToken);
    }

    private static void Require(RuleResult result, Dictionary<string, string[]> errors)
    {
        if (!result.Succeeded)
        {
            FieldErrors.Add(errors, result.Field!, result.Error!);
        }
    }

    /// <summary>Optional free text: trimmed, null when empty, an error when longer than <paramref name="max"/>.</summary>
    internal static string? Text(string? text, int max, string field, IDictionary<string, string[]> errors)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > max)
        {
            FieldErrors.Add(errors, field, $"不超过{max}字");
        }

        return trimmed;
    }
}

/// <summary>Names for people.</summary>
public static class Names
{
    public static string Of(SocialAssistanceCategory category) => category == SocialAssistanceCategory.ExtremePoverty ? "特困人员救助供养" : "农村最低生活保障";
}
