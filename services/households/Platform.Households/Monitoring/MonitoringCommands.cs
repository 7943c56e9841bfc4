using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Households.Common;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.Households.Registry;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;

namespace Platform.Households.Monitoring;

/// <summary>防返贫监测's writes: raise a flag, enter a household for monitoring, review, remove, record measures, the yearly income check.</summary>
public sealed class MonitoringCommands(HouseholdsDbContext db, HouseholdCommands households, IOptions<RegistryOptions> options, TimeProvider clock)
{
    private readonly RegistryOptions rules = options.Value;

    public async Task<Outcome<MonitoringFlag>> RaiseAsync(RaiseFlagRequest request, string by, DataScope scope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var category = Requests.Required<MonitoringCategory>(request.Category, "category", "监测类别", errors);
        var trigger = ManualTrigger(request.Trigger, errors);
        if (request.HouseholdId is null)
        {
            FieldErrors.Add(errors, "householdId", "请指明纳入监测的户");
        }

        if (errors.Count > 0)
        {
            return Outcome<MonitoringFlag>.Refused(Refusal.Invalid, errors);
        }

        var household = await db.Households.Within(scope).SingleOrDefaultAsync(h => h.Id == request.HouseholdId, cancellationToken);
        if (household is null)
        {
            return Outcome<MonitoringFlag>.Refused(Refusal.NotFound, "householdId", "户不存在");
        }

        if (await db.MonitoringFlags.AnyAsync(f => f.HouseholdId == household.Id && f.RemovedOn == null, cancellationToken))
        {
            return Outcome<MonitoringFlag>.Refused(Refusal.Conflict, "householdId", "该户已在监测中（一户同时只有一个监测标识，新情况请记入回访）");
        }

        var today = clock.Today();
        var (flag, result) = MonitoringFlag.Raise(household.Id, household.Status, category, trigger, request.Reason ?? string.Empty, request.On ?? today, by, today, clock.GetUtcNow());
        if (!result.Succeeded)
        {
            return Outcome<MonitoringFlag>.Refused(Refusal.Invalid, result.Field!, result.Error!);
        }

        Add(flag!, household);
        return await SaveAsync(flag!, cancellationToken);
    }

    /// <summary>纳入监测 a household that was never registered as poor (边缘易致贫户, 突发严重困难户): registered with its members, and flagged, in one commit.</summary>
    public async Task<Outcome<MonitoringFlag>> EnterHouseholdAsync(MonitoredHouseholdRequest request, string by, DataScope scope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var category = Requests.Required<MonitoringCategory>(request.Category, "category", "监测类别", errors);
        var trigger = ManualTrigger(request.Trigger, errors);
        if (category == MonitoringCategory.UnstableExited)
        {
            FieldErrors.Add(errors, "category", "未建档立卡的户只能是边缘易致贫户（edge）或突发严重困难户（sudden-hardship）");
        }

        if (request.Household is null)
        {
            FieldErrors.Add(errors, "household", "请填写户的信息和成员");
        }

        if (errors.Count > 0)
        {
            return Outcome<MonitoringFlag>.Refused(Refusal.Invalid, errors);
        }

        var today = clock.Today();
        MonitoringFlag? flag = null;
        var registered = await households.RegisterAsync(
            request.Household! with { Status = Codes.Of(HouseholdStatus.Poor) },
            scope,
            cancellationToken,
            HouseholdStatus.Monitored,
            household =>
            {
                var (raised, result) = MonitoringFlag.Raise(household.Id, HouseholdStatus.Monitored, category, trigger, request.Reason ?? string.Empty, request.On ?? today, by, today, clock.GetUtcNow());
                if (!result.Succeeded)
                {
                    return result;
                }

                flag = raised;
                Add(raised!, household);
                return RuleResult.Ok;
            });
        return registered.Value is null
            ? Outcome<MonitoringFlag>.Refused(registered.Refusal!.Value, registered.Errors!.ToDictionary(e => "household." + e.Key, e => e.Value))
            : Outcome<MonitoringFlag>.Done(flag!);
    }

    public async Task<Outcome<MonitoringReview>> ReviewAsync(Guid flagId, ReviewRequest request, string by, DataScope scope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var note = Requests.Text(request.Note, "note", "回访情况", 1000, errors, required: false);
        if (request.CauseResolved is null)
        {
            FieldErrors.Add(errors, "causeResolved", "请说明致贫返贫风险是否已消除");
        }

        if (request.PerCapitaIncome is < 0)
        {
            FieldErrors.Add(errors, "perCapitaIncome", "人均纯收入不能为负数");
        }

        if (errors.Count > 0)
        {
            return Outcome<MonitoringReview>.Refused(Refusal.Invalid, errors);
        }

        var flag = await FindAsync(flagId, scope, cancellationToken);
        if (flag is null)
        {
            return Outcome<MonitoringReview>.Refused(Refusal.NotFound, "flagId", "监测标识不存在");
        }

        var today = clock.Today();
        var on = request.On ?? today;
        if (rules.Lines().MonitoringLine(on.Year) is not { } line)
        {
            return Outcome<MonitoringReview>.Refused(Refusal.Invalid, "on", $"未配置{on.Year}年防返贫监测线（Registry:MonitoringLines）");
        }

        var income = request.PerCapitaIncome ?? await RegistryPerCapitaAsync(flag.HouseholdId, on, cancellationToken);
        var review = new MonitoringReview
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            FlagId = flag.Id,
            On = on,
            By = by,
            PerCapitaIncome = decimal.Round(income, 2),
            MonitoringLine = line,
            CauseResolved = request.CauseResolved!.Value,
            Note = note.Length == 0 ? null : note,
            RecordedAt = clock.GetUtcNow(),
        };
        var result = flag.Review(review, today);
        return result.Succeeded
            ? await SaveAsync(review, cancellationToken)
            : Outcome<MonitoringReview>.Refused(Refusal.Invalid, result.Field!, result.Error!);
    }

    public async Task<Outcome<MonitoringFlag>> RemoveAsync(Guid flagId, RemovalRequest request, string by, DataScope scope, CancellationToken cancellationToken)
    {
        var flag = await FindAsync(flagId, scope, cancellationToken);
        if (flag is null)
        {
            return Outcome<MonitoringFlag>.Refused(Refusal.NotFound, "flagId", "监测标识不存在");
        }

        var today = clock.Today();
        var result = flag.Remove(request.Reason ?? string.Empty, by, rules.MonitoringStableMonths, today);
        if (!result.Succeeded)
        {
            return Outcome<MonitoringFlag>.Refused(result.Field == "reason" ? Refusal.Invalid : Refusal.Conflict, result.Field!, result.Error!);
        }

        var now = clock.GetUtcNow();
        (await db.Households.SingleAsync(h => h.Id == flag.HouseholdId, cancellationToken)).Touch(now);
        db.AddIntegrationEvent(
            new MonitoringFlagRemoved
            {
                EventId = Guid.CreateVersion7(now),
                HouseholdId = flag.HouseholdId,
                OccurredAt = now,
                FlagId = flag.Id,
                Category = flag.Category,
                RemovedOn = today,
                StableSince = flag.StableSince!.Value,
                Reason = flag.RemovalReason!,
            },
            clock);
        return await SaveAsync(flag, cancellationToken);
    }

    public async Task<Outcome<AssistanceMeasure>> AddMeasureAsync(Guid householdId, MeasureRequest request, string by, DataScope scope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var category = Requests.Required<MeasureCategory>(request.Category, "category", "帮扶措施类别", errors);
        var description = Requests.Text(request.Description, "description", "帮扶措施内容", 500, errors);
        var today = clock.Today();
        if (request.StartedOn is { } started && started > today)
        {
            FieldErrors.Add(errors, "startedOn", "开始日期不能晚于今天");
        }

        if (errors.Count > 0)
        {
            return Outcome<AssistanceMeasure>.Refused(Refusal.Invalid, errors);
        }

        var household = await db.Households.Within(scope).SingleOrDefaultAsync(h => h.Id == householdId, cancellationToken);
        if (household is null)
        {
            return Outcome<AssistanceMeasure>.Refused(Refusal.NotFound, "householdId", "户不存在");
        }

        if (request.FlagId is { } flagId && !await db.MonitoringFlags.AnyAsync(f => f.Id == flagId && f.HouseholdId == householdId, cancellationToken))
        {
            return Outcome<AssistanceMeasure>.Refused(Refusal.Invalid, "flagId", "该户没有这个监测标识");
        }

        var measure = new AssistanceMeasure
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), HouseholdId = householdId, FlagId = request.FlagId, Category = category,
            Description = description, StartedOn = request.StartedOn ?? today, By = by, RecordedAt = clock.GetUtcNow(),
        };
        db.AssistanceMeasures.Add(measure);
        household.Touch(measure.RecordedAt);
        return await SaveAsync(measure, cancellationToken);
    }

    /// <summary>
    /// 年度收入监测: exited households whose per-capita income of the year (records that count toward stable
    /// income) is below the year's monitoring line are flagged 脱贫不稳定户; households under monitoring only,
    /// 边缘易致贫户. Households without a record that year are counted, not flagged (their income is not in yet).
    /// </summary>
    public async Task<Outcome<IncomeCheckResult>> CheckIncomeAsync(IncomeCheckRequest request, string by, DataScope scope, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var year = request.Year ?? today.Year - 1;
        if (year > today.Year || rules.Lines().MonitoringLine(year) is not { } line)
        {
            return Outcome<IncomeCheckResult>.Refused(Refusal.Invalid, "year", $"未配置{year}年防返贫监测线，或年度无效");
        }

        var candidates = await db.Households.Within(scope).Include(h => h.Members)
            .Where(h => h.Status == HouseholdStatus.Exited || h.Status == HouseholdStatus.Monitored)
            .ToListAsync(cancellationToken);
        var ids = candidates.Select(h => h.Id).ToArray();
        var income = (await db.IncomeRecords.AsNoTracking().Where(r => r.Year == year && ids.Contains(r.HouseholdId)).ToListAsync(cancellationToken))
            .ToLookup(r => r.HouseholdId);
        var flagged = (await db.MonitoringFlags.AsNoTracking().Where(f => f.RemovedOn == null && ids.Contains(f.HouseholdId)).Select(f => f.HouseholdId).ToListAsync(cancellationToken))
            .ToHashSet();
        int below = 0, raised = 0, already = 0, without = 0;
        foreach (var household in candidates)
        {
            if (!income[household.Id].Any())
            {
                without++;
                continue;
            }

            var perCapita = IncomeCalculator.Summarise(year, household.SizeIn(year, today), income[household.Id], stableOnly: true).PerCapitaNetIncome;
            if (perCapita >= line)
            {
                continue;
            }

            below++;
            if (flagged.Contains(household.Id))
            {
                already++;
                continue;
            }

            var category = MonitoringFlag.CategoryFor(household.Status, MonitoringTrigger.IncomeBelowLine)!.Value;
            var reason = $"{year}年人均纯收入{perCapita:N2}元低于当年监测线{line:N0}元";
            var (flag, result) = MonitoringFlag.Raise(household.Id, household.Status, category, MonitoringTrigger.IncomeBelowLine, reason, today, by, today, clock.GetUtcNow());
            if (result.Succeeded)
            {
                Add(flag!, household);
                raised++;
            }
        }

        return await SaveAsync(new IncomeCheckResult(year, line, candidates.Count, below, raised, already, without), cancellationToken);
    }

    /// <summary>The registry's own per-capita income for the year of <paramref name="on"/> (records that count toward stable income, size on that day).</summary>
    private async Task<decimal> RegistryPerCapitaAsync(Guid householdId, DateOnly on, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().Include(h => h.Members).SingleAsync(h => h.Id == householdId, cancellationToken);
        var records = await db.IncomeRecords.AsNoTracking().Where(r => r.HouseholdId == householdId && r.Year == on.Year).ToListAsync(cancellationToken);
        return IncomeCalculator.Summarise(on.Year, household.SizeIn(on.Year, on), records, stableOnly: true).PerCapitaNetIncome;
    }

    /// <summary>A new flag and its event; the household's row is touched, so the event keeps its place in the household's order.</summary>
    private void Add(MonitoringFlag flag, Household household)
    {
        db.MonitoringFlags.Add(flag);
        household.Touch(flag.RecordedAt);
        db.AddIntegrationEvent(MonitoringSignals.Raised(flag), clock);
    }

    private static MonitoringTrigger ManualTrigger(string? code, Dictionary<string, string[]> errors)
    {
        var trigger = Requests.Required<MonitoringTrigger>(code, "trigger", "监测信息来源", errors);
        if (trigger == MonitoringTrigger.LargeExpense)
        {
            FieldErrors.Add(errors, "trigger", "大额支出由行业部门报送（LargeExpenseReported）；人工纳入请选 cadre-visit、own-application 或 department-data");
        }

        return trigger;
    }

    private Task<MonitoringFlag?> FindAsync(Guid flagId, DataScope scope, CancellationToken cancellationToken) =>
        db.MonitoringFlags.Include(f => f.Reviews)
            .Where(f => f.Id == flagId && db.Households.Within(scope).Any(h => h.Id == f.HouseholdId))
            .SingleOrDefaultAsync(cancellationToken);

    private Task<Outcome<T>> SaveAsync<T>(T value, CancellationToken cancellationToken)
        where T : class =>
        db.SaveAsOutcomeAsync(
            value,
            ("flagId", "该监测标识刚被他人修改，请刷新后重试"),
            _ => ("householdId", "该户已在监测中"),
            cancellationToken);
}
