using Microsoft.EntityFrameworkCore;
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

namespace Platform.Households.Exit;

/// <summary>The exit procedure's writes: each loads the batch inside the caller's scope, runs the step, commits once.</summary>
public sealed class ExitCommands(HouseholdsDbContext db, ExitAssessor assessor, TimeProvider clock)
{
    public async Task<Outcome<ExitBatch>> CreateBatchAsync(CreateExitBatchRequest request, string by, DataScope scope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var today = clock.Today();
        var name = Requests.Text(request.Name, "name", "批次名称", 100, errors);
        if (request.Year is not { } year || year < RegistrationRules.FirstRegistrationYear || year > today.Year)
        {
            FieldErrors.Add(errors, "year", $"脱贫年度应在{RegistrationRules.FirstRegistrationYear}年到{today.Year}年之间");
            year = 0;
        }

        if (request.HouseholdIds is not { Count: > 0 } householdIds)
        {
            FieldErrors.Add(errors, "householdIds", "请选择纳入本批次的贫困户");
            householdIds = [];
        }

        var village = string.IsNullOrWhiteSpace(request.VillageCode)
            ? null
            : await db.Villages.SingleOrDefaultAsync(v => v.Code == request.VillageCode.Trim(), cancellationToken);
        if (village is null)
        {
            FieldErrors.Add(errors, "villageCode", "行政村不存在");
        }

        if (errors.Count > 0)
        {
            return Outcome<ExitBatch>.Refused(Refusal.Invalid, errors);
        }

        if (!scope.Covers(village!.Code))
        {
            return Outcome<ExitBatch>.Refused(Refusal.Forbidden, "villageCode", "该行政村不在您的管辖范围内");
        }

        if (await db.ExitBatches.AnyAsync(b => b.VillageId == village.Id && b.Year == year && b.Name == name, cancellationToken))
        {
            return Outcome<ExitBatch>.Refused(Refusal.Conflict, "name", "本村该年度已有同名批次");
        }

        var batch = ExitBatch.Open(village.Id, year, name, by, clock.GetUtcNow());
        var proposed = await ProposeAsync(batch, village, householdIds, request.On ?? today, by, scope, cancellationToken);
        if (proposed is not null)
        {
            return Outcome<ExitBatch>.Refused(proposed.Value.Refusal, proposed.Value.Errors);
        }

        db.ExitBatches.Add(batch);
        return await SaveAsync(batch, cancellationToken);
    }

    public async Task<Outcome<ExitBatch>> AddHouseholdsAsync(Guid batchId, AddToBatchRequest request, string by, DataScope scope, CancellationToken cancellationToken)
    {
        var (batch, village) = await FindAsync(batchId, scope, cancellationToken);
        if (batch is null)
        {
            return NotFound();
        }

        if (request.HouseholdIds is not { Count: > 0 } householdIds)
        {
            return Outcome<ExitBatch>.Refused(Refusal.Invalid, "householdIds", "请选择纳入本批次的贫困户");
        }

        var proposed = await ProposeAsync(batch, village!, householdIds, request.On ?? clock.Today(), by, scope, cancellationToken);
        return proposed is not null
            ? Outcome<ExitBatch>.Refused(proposed.Value.Refusal, proposed.Value.Errors)
            : await SaveAsync(batch, cancellationToken);
    }

    /// <summary>One of the batch-wide steps: review, check, confirmation, notice, announcement, exit.</summary>
    public async Task<Outcome<ExitBatch>> StepAsync(Guid batchId, ExitStep step, ExitStepRequest request, string by, DataScope scope, CancellationToken cancellationToken)
    {
        var (batch, _) = await FindAsync(batchId, scope, cancellationToken);
        if (batch is null)
        {
            return NotFound();
        }

        var today = clock.Today();
        var on = request.On ?? today;
        var now = clock.GetUtcNow();
        var note = request.Note?.Trim();
        if (note is { Length: > 500 })
        {
            return Outcome<ExitBatch>.Refused(Refusal.Invalid, "note", "备注不超过500字");
        }

        var active = batch.ActiveCases.Select(c => c.HouseholdId).ToList();
        StepOutcome outcome;
        switch (step)
        {
            case ExitStep.Review:
                outcome = batch.Review(on, by, note, today, now);
                break;
            case ExitStep.Check:
                outcome = batch.Check(await assessor.AssessForStepAsync(active, batch.Year, cancellationToken), on, by, note, today, now);
                break;
            case ExitStep.Confirmation:
                outcome = batch.Confirm(request.HouseholdIds?.ToList(), on, by, note, today, now);
                break;
            case ExitStep.Notice:
                if (request.Until is not { } until)
                {
                    return Outcome<ExitBatch>.Refused(Refusal.Invalid, "until", "请填写公示截止日期");
                }

                outcome = batch.PublishNotice(on, until, by, note, today, now);
                break;
            case ExitStep.Announcement:
                outcome = batch.Announce(await assessor.AssessForStepAsync(active, batch.Year, cancellationToken), on, by, note, today, now);
                break;
            case ExitStep.Exit:
                outcome = batch.MarkExited(await assessor.AssessForStepAsync(active, batch.Year, cancellationToken), on, by, note, today, now);
                if (!outcome.Failed)
                {
                    var marked = await MarkHouseholdsExitedAsync(batch, outcome.Exited, by, now, cancellationToken);
                    if (marked is not null)
                    {
                        return marked;
                    }
                }

                break;
            default:
                return Outcome<ExitBatch>.Refused(Refusal.Invalid, "step", "未知的步骤：review、check、confirmation、notice、announcement 或 exit");
        }

        return outcome.Failed ? Refused(outcome) : await SaveAsync(batch, cancellationToken);
    }

    public async Task<Outcome<ExitObjection>> ObjectAsync(Guid batchId, ObjectionRequest request, string by, DataScope scope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var raisedBy = Requests.Text(request.RaisedBy, "raisedBy", "异议人", 100, errors);
        var content = Requests.Text(request.Content, "content", "异议内容", 1000, errors);
        if (request.HouseholdId is null)
        {
            FieldErrors.Add(errors, "householdId", "请指明对哪一户提出异议");
        }

        if (errors.Count > 0)
        {
            return Outcome<ExitObjection>.Refused(Refusal.Invalid, errors);
        }

        var (batch, _) = await FindAsync(batchId, scope, cancellationToken);
        if (batch is null)
        {
            return Outcome<ExitObjection>.Refused(Refusal.NotFound, "batchId", "退出批次不存在");
        }

        var outcome = batch.Object(request.HouseholdId!.Value, request.On ?? clock.Today(), raisedBy, content, by, clock.Today(), clock.GetUtcNow());
        if (outcome.Failed)
        {
            return Outcome<ExitObjection>.Refused(Refusal.Invalid, Errors(outcome));
        }

        return await SaveAsync(outcome.Objection!, cancellationToken);
    }

    public async Task<Outcome<ExitBatch>> ResolveObjectionAsync(Guid batchId, Guid objectionId, ObjectionResolutionRequest request, string by, DataScope scope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var resolution = Requests.Text(request.Resolution, "resolution", "处理意见", 1000, errors);
        if (request.Upheld is null)
        {
            FieldErrors.Add(errors, "upheld", "请说明异议是否成立");
        }

        if (errors.Count > 0)
        {
            return Outcome<ExitBatch>.Refused(Refusal.Invalid, errors);
        }

        var (batch, _) = await FindAsync(batchId, scope, cancellationToken);
        if (batch is null)
        {
            return NotFound();
        }

        var outcome = batch.ResolveObjection(objectionId, request.Upheld!.Value, resolution, request.On ?? clock.Today(), by, clock.Today(), clock.GetUtcNow());
        return outcome.Failed ? Refused(outcome) : await SaveAsync(batch, cancellationToken);
    }

    public async Task<Outcome<ExitBatch>> WithdrawAsync(Guid batchId, WithdrawalRequest request, string by, DataScope scope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var reason = Requests.Text(request.Reason, "reason", "退回原因", 500, errors);
        if (request.HouseholdId is null)
        {
            FieldErrors.Add(errors, "householdId", "请指明退回哪一户");
        }

        if (errors.Count > 0)
        {
            return Outcome<ExitBatch>.Refused(Refusal.Invalid, errors);
        }

        var (batch, _) = await FindAsync(batchId, scope, cancellationToken);
        if (batch is null)
        {
            return NotFound();
        }

        var outcome = batch.Withdraw(request.HouseholdId!.Value, reason, request.On ?? clock.Today(), by, clock.Today(), clock.GetUtcNow());
        return outcome.Failed ? Refused(outcome) : await SaveAsync(batch, cancellationToken);
    }

    /// <summary>The batch inside the caller's scope, with its cases, objections and steps; outside the scope it does not exist.</summary>
    internal async Task<(ExitBatch? Batch, Village? Village)> FindAsync(Guid batchId, DataScope scope, CancellationToken cancellationToken)
    {
        var batch = await db.ExitBatches
            .Include(b => b.Cases).ThenInclude(c => c.Objections)
            .Include(b => b.Steps)
            .AsSplitQuery()
            .SingleOrDefaultAsync(b => b.Id == batchId, cancellationToken);
        if (batch is null)
        {
            return (null, null);
        }

        var village = await db.Villages.SingleAsync(v => v.Id == batch.VillageId, cancellationToken);
        return scope.Covers(village.Code) ? (batch, village) : (null, null);
    }

    private async Task<(Refusal Refusal, Dictionary<string, string[]> Errors)?> ProposeAsync(
        ExitBatch batch, Village village, IReadOnlyList<Guid> householdIds, DateOnly on, string by, DataScope scope, CancellationToken cancellationToken)
    {
        var ids = householdIds.Distinct().ToArray();
        var households = await db.Households.AsNoTracking().Within(scope)
            .Where(h => ids.Contains(h.Id))
            .Select(h => new { h.Id, h.VillageId, h.Status })
            .ToDictionaryAsync(h => h.Id, cancellationToken);
        var inOpenCases = (await db.ExitCases.AsNoTracking()
                .Where(c => ids.Contains(c.HouseholdId) && c.State < ExitCaseState.Exited)
                .Select(c => c.HouseholdId).ToListAsync(cancellationToken))
            .ToHashSet();
        var errors = new Dictionary<string, string[]>();
        var notFound = false;
        for (var i = 0; i < householdIds.Count; i++)
        {
            var field = $"householdIds[{i}]";
            if (!households.TryGetValue(householdIds[i], out var household))
            {
                FieldErrors.Add(errors, field, "建档立卡户不存在");
                notFound = true;
            }
            else if (household.VillageId != village.Id)
            {
                FieldErrors.Add(errors, field, "该户不属于本行政村");
            }
            else if (household.Status != HouseholdStatus.Poor)
            {
                FieldErrors.Add(errors, field, "只有贫困户可以纳入退出计划（该户" + (household.Status == HouseholdStatus.Exited ? "已脱贫）" : "不是建档立卡贫困户）"));
            }
            else if (inOpenCases.Contains(household.Id))
            {
                FieldErrors.Add(errors, field, "该户已在另一个退出批次中");
            }
            else
            {
                var result = batch.Propose(household.Id, on, by, clock.GetUtcNow());
                if (!result.Succeeded)
                {
                    FieldErrors.Add(errors, field, result.Error!);
                }
            }
        }

        if (on > clock.Today() || on.Year < batch.Year)
        {
            FieldErrors.Add(errors, "on", $"纳入日期应不早于脱贫年度{batch.Year}年且不晚于今天");
        }

        return errors.Count == 0 ? null : (notFound ? Refusal.NotFound : Refusal.Invalid, errors);
    }

    private async Task<Outcome<ExitBatch>?> MarkHouseholdsExitedAsync(ExitBatch batch, IReadOnlyList<ExitCase> exited, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = exited.Select(c => c.HouseholdId).ToArray();
        var households = await db.Households.Where(h => ids.Contains(h.Id)).ToListAsync(cancellationToken);
        var reason = $"{batch.Year}年度脱贫退出（{batch.Name}，经民主评议、核实、户确认、公示、公告）";
        foreach (var household in households)
        {
            var result = household.MarkExited(batch.Year, now);
            if (!result.Succeeded)
            {
                return Outcome<ExitBatch>.Refused(Refusal.Conflict, $"householdIds[{Array.IndexOf(ids, household.Id)}]", result.Error!);
            }

            db.StatusChanges.Add(new StatusChange
            {
                HouseholdId = household.Id, From = HouseholdStatus.Poor, To = HouseholdStatus.Exited, Reason = reason, ChangedBy = by, ChangedAt = now,
            });
            db.AddIntegrationEvent(
                new HouseholdStatusChanged
                {
                    EventId = Guid.CreateVersion7(now),
                    HouseholdId = household.Id,
                    OccurredAt = now,
                    PreviousStatus = HouseholdStatus.Poor,
                    Status = HouseholdStatus.Exited,
                    Reason = reason,
                    Year = batch.Year,
                },
                clock);
        }

        return null;
    }

    private static Outcome<ExitBatch> NotFound() => Outcome<ExitBatch>.Refused(Refusal.NotFound, "batchId", "退出批次不存在");

    private static Outcome<ExitBatch> Refused(StepOutcome outcome) =>
        Outcome<ExitBatch>.Refused(Refusal.Invalid, Errors(outcome));

    /// <summary>Each error keyed by its field; a household's error names the household (its id) so the village knows which.</summary>
    private static Dictionary<string, string[]> Errors(StepOutcome outcome)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (householdId, field, error) in outcome.Errors)
        {
            FieldErrors.Add(errors, householdId is { } id ? $"households[{id}]" : field, error);
        }

        return errors;
    }

    private Task<Outcome<T>> SaveAsync<T>(T value, CancellationToken cancellationToken)
        where T : class =>
        db.SaveAsOutcomeAsync(
            value,
            ("batch", "该批次刚被他人修改，请刷新后重试"),
            unique => unique.ConstraintName?.Contains("open_household", StringComparison.Ordinal) == true
                ? ("householdIds", "该户已在另一个退出批次中")
                : ("name", "本村该年度已有同名批次"),
            cancellationToken);
}
