using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Contracts.Registry;
using Platform.Households.Common;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.Households.Registry;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Households.Exit;

/// <summary>Exit eligibility (脱贫标准), the what-if, and the exit procedure by village batch (贫困户退出程序).</summary>
public static class ExitApi
{
    public static IEndpointRouteBuilder MapExitApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households").WithTags("脱贫退出").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/{id:guid}/eligibility", EligibilityAsync).WithSummary("脱贫评估：某年度人均纯收入（计入稳定脱贫的收入）与当年国家扶贫标准、两不愁三保障逐项（达标/未达标/未评估）及其依据");
        api.MapPost("/{id:guid}/eligibility/what-if", WhatIfAsync).AuditAsRead().WithSummary("假设分析：增加收入、假定保障达标或改变家庭人口后能否脱贫，以及还差什么");
        api.MapGet("/{id:guid}/exit-history", HistoryAsync).WithSummary("该户的退出程序记录、返贫记录与首次脱贫年度");
        api.MapGet("/exit/candidates", CandidatesAsync).WithSummary("退出预选：某村贫困户及其某年度脱贫评估，分页");
        api.MapGet("/exits", ExitedAsync).WithSummary("已脱贫户（脱贫数字的明细）：按脱贫年度、乡镇、村筛选，分页");

        var batches = api.MapGroup("/exit-batches").WithTags("脱贫退出");
        batches.MapGet("/", ListBatchesAsync).WithSummary("退出批次列表（每村每批），分页");
        batches.MapGet("/{batchId:guid}", GetBatchAsync).WithSummary("退出批次：各户状态、每一步骤（何人何时）及存档的评估结论");
        batches.MapPost("/", CreateBatchAsync).RequireAuthorization(PlatformPolicies.RegistryWrite).WithIdempotency<HouseholdsDbContext>()
            .Audited("exit-batch").WithSummary("新建退出批次并纳入贫困户（支持 Idempotency-Key 重试）");
        batches.MapPost("/{batchId:guid}/households", AddHouseholdsAsync).RequireAuthorization(PlatformPolicies.RegistryWrite)
            .Audited("exit-batch", "batchId").WithSummary("民主评议前向批次追加贫困户");
        batches.MapPost("/{batchId:guid}/steps/{step}", StepAsync).RequireAuthorization(PlatformPolicies.RegistryWrite)
            .Audited("exit-batch", "batchId")
            .WithSummary("办理步骤：review 民主评议 → check 村委会和驻村工作队核实 → confirmation 贫困户认可 → notice 公示（不少于7天）→ announcement 公告 → exit 退出销号；不得跳步，不符合标准的户不得退出");
        batches.MapPost("/{batchId:guid}/objections", ObjectAsync).RequireAuthorization(PlatformPolicies.RegistryWrite).WithIdempotency<HouseholdsDbContext>()
            .Audited("exit-batch", "batchId").WithSummary("记录公示期间的异议（支持 Idempotency-Key 重试）");
        batches.MapPost("/{batchId:guid}/objections/{objectionId:guid}/resolution", ResolveAsync).RequireAuthorization(PlatformPolicies.RegistryWrite)
            .Audited("exit-batch", "batchId").WithSummary("处理异议：成立则退回该户，不成立则继续");
        batches.MapPost("/{batchId:guid}/withdrawal", WithdrawAsync).RequireAuthorization(PlatformPolicies.RegistryWrite)
            .Audited("exit-batch", "batchId").WithSummary("将某户退出本批次（未通过评议、不符合标准等），该户仍为贫困户");
        return app;
    }

    internal static async Task<Results<Ok<ExitVerdict>, ProblemHttpResult>> EligibilityAsync(
        Guid id, int? year, HouseholdsDbContext db, ExitAssessor assessor, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var y = year ?? clock.Today().Year;
        if (y < RegistrationRules.FirstRegistrationYear || y > clock.Today().Year)
        {
            return Outcome<ExitVerdict>.Refused(Refusal.Invalid, "year", "年度无效").ToProblem();
        }

        if (!await db.Households.Within(DataScope.Of(user)).AnyAsync(h => h.Id == id, cancellationToken))
        {
            return Problems.NotFound("建档立卡户不存在");
        }

        return TypedResults.Ok((await assessor.AssessAsync([id], y, cancellationToken))[id]);
    }

    internal static async Task<Results<Ok<WhatIfResult>, ProblemHttpResult>> WhatIfAsync(
        Guid id, [FromBody] WhatIfRequest request, HouseholdsDbContext db, ExitAssessor assessor, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var year = request.Year ?? today.Year;
        var errors = new Dictionary<string, string[]>();
        if (year < RegistrationRules.FirstRegistrationYear || year > today.Year)
        {
            FieldErrors.Add(errors, "year", "年度无效");
        }

        if (request.HouseholdSize is < 1 or > RegistrationRules.MaxMembers)
        {
            FieldErrors.Add(errors, "householdSize", $"家庭人口应在1到{RegistrationRules.MaxMembers}之间");
        }

        var added = new List<IncomeRecord>();
        var incomes = request.AddedIncome ?? [];
        for (var i = 0; i < incomes.Count; i++)
        {
            var kind = Requests.Required<IncomeKind>(incomes[i].Kind, $"addedIncome[{i}].kind", "收入类别", errors);
            if (incomes[i].Amount is not { } amount || amount < 0 || decimal.Round(amount, 2) != amount)
            {
                FieldErrors.Add(errors, $"addedIncome[{i}].amount", "金额应为非负数，最多两位小数");
                continue;
            }

            added.Add(new IncomeRecord
            {
                HouseholdId = id, Year = year, Kind = kind, Amount = amount, CountsTowardExit = incomes[i].CountsTowardExit ?? true,
                Source = Pillar.Registry, SourceRecordId = $"what-if-{i}", EventId = Guid.Empty, RecordedAt = clock.GetUtcNow(),
            });
        }

        var assumed = new List<GuaranteeState>();
        foreach (var (code, met) in request.Guarantees ?? new Dictionary<string, bool>())
        {
            var field = $"guarantees.{code}";
            var guarantee = Requests.Required<Guarantee>(code, field, "保障项", errors);
            if (errors.ContainsKey(field))
            {
                continue; // an unknown code has no owner to assume it for
            }

            assumed.Add(GuaranteeState.From(new GuaranteeAssessment
            {
                Id = Guid.Empty, HouseholdId = id, Guarantee = guarantee, Met = met, Reason = "假设", Source = GuaranteeOwners.OwnerOf(guarantee),
                SourceRecordId = "what-if", AssessedAt = clock.GetUtcNow(), ReceivedAt = clock.GetUtcNow(),
            }));
        }

        if (errors.Count > 0)
        {
            return Outcome<WhatIfResult>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var household = await db.Households.AsNoTracking().Within(DataScope.Of(user)).Include(h => h.Members)
            .SingleOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return Problems.NotFound("建档立卡户不存在");
        }

        var records = await db.IncomeRecords.AsNoTracking().Where(r => r.HouseholdId == id && r.Year == year).ToListAsync(cancellationToken);
        var states = await db.GuaranteeStates.AsNoTracking().Where(s => s.HouseholdId == id).ToListAsync(cancellationToken);
        var size = household.SizeIn(year, today);
        var line = assessor.Lines.PovertyLine(year);
        var current = ExitEligibility.Assess(year, size, records, states, line);
        var assumedGuarantees = assumed.Select(a => a.Guarantee).ToHashSet();
        var whatIf = ExitEligibility.Assess(
            year,
            request.HouseholdSize ?? size,
            records.Concat(added),
            states.Where(s => !assumedGuarantees.Contains(s.Guarantee)).Concat(assumed),
            line);
        return TypedResults.Ok(new WhatIfResult(current, whatIf));
    }

    internal static async Task<Results<Ok<ExitHistory>, ProblemHttpResult>> HistoryAsync(
        Guid id, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().Within(DataScope.Of(user))
            .Where(h => h.Id == id).Select(h => new { h.ExitYear, h.FirstExitYear }).SingleOrDefaultAsync(cancellationToken);
        if (household is null)
        {
            return Problems.NotFound("建档立卡户不存在");
        }

        var cases = await db.ExitCases.AsNoTracking().Where(c => c.HouseholdId == id)
            .Join(db.ExitBatches, c => c.BatchId, b => b.Id, (c, b) => new { c.Id, c.BatchId, b.Name, b.Year, c.State, c.ReturnReason })
            .ToListAsync(cancellationToken);
        var caseIds = cases.Select(c => c.Id).ToArray();
        var batchIds = cases.Select(c => c.BatchId).ToArray();
        var steps = await db.ExitSteps.AsNoTracking()
            .Where(s => (s.CaseId != null && caseIds.Contains(s.CaseId.Value)) || (s.CaseId == null && batchIds.Contains(s.BatchId)))
            .OrderBy(s => s.On).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var changes = await db.StatusChanges.AsNoTracking().Where(c => c.HouseholdId == id).OrderBy(c => c.ChangedAt)
            .Select(c => new StatusChangeDto(c.From, c.To, c.Reason, c.ChangedBy, c.ChangedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ExitHistory(
            id,
            household.ExitYear,
            household.FirstExitYear,
            cases.Select(c => new ExitHistoryCase(
                c.BatchId, c.Name, c.Year, c.State, c.ReturnReason,
                steps.Where(s => s.CaseId == c.Id || (s.CaseId == null && s.BatchId == c.BatchId))
                    .Select(s => new ExitStepDto(s.Step, s.CaseId == null ? null : id, s.On, s.By, s.RecordedAt, s.Note, ExitAssessor.FromJson(s.Verdict)))
                    .ToList())).ToList(),
            changes));
    }

    internal static async Task<Results<Ok<Page<ExitCandidate>>, ProblemHttpResult>> CandidatesAsync(
        string? village, int? year, int? page, int? pageSize, HouseholdsDbContext db, ExitAssessor assessor, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        if (string.IsNullOrWhiteSpace(village))
        {
            FieldErrors.Add(errors, "village", "请指定行政村");
        }

        if (errors.Count > 0)
        {
            return Outcome<Page<ExitCandidate>>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var query = db.Households.AsNoTracking().Within(DataScope.Of(user))
            .Where(h => h.Village!.Code == village && h.Status == HouseholdStatus.Poor);
        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.OrderBy(h => h.HouseholdNumber).PageOf(pageNumber, size)
            .Select(h => new { h.Id, h.HouseholdNumber, Head = h.Members.Where(m => m.RemovedAt == null && m.Relation == MemberRegistration.HeadRelation).Select(m => m.Name).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var verdicts = await assessor.AssessAsync(rows.Select(r => r.Id).ToList(), year ?? clock.Today().Year, cancellationToken);
        return TypedResults.Ok(new Page<ExitCandidate>(
            rows.Select(r => new ExitCandidate(r.Id, r.HouseholdNumber, r.Head, verdicts[r.Id])).ToList(), pageNumber, size, total));
    }

    internal static async Task<Results<Ok<Page<ExitedHousehold>>, ProblemHttpResult>> ExitedAsync(
        int? year, string? township, string? village, int? page, int? pageSize, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size);
        if (errors is not null)
        {
            return Outcome<Page<ExitedHousehold>>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var query = Exited(db, year, township, village, user);
        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<ExitedHousehold>(items, pageNumber, size, total));
    }

    /// <summary>The exited households of a list (and of its export), by household number, within the caller's scope.</summary>
    internal static IQueryable<ExitedHousehold> Exited(HouseholdsDbContext db, int? year, string? township, string? village, ClaimsPrincipal user)
    {
        var query = ExitFiguresQueries.Exited(db.Households.AsNoTracking().Within(DataScope.Of(user)), year);
        if (!string.IsNullOrWhiteSpace(township))
        {
            query = query.Where(h => h.Village!.Township!.Code == township);
        }

        if (!string.IsNullOrWhiteSpace(village))
        {
            query = query.Where(h => h.Village!.Code == village);
        }

        return query.OrderBy(h => h.HouseholdNumber)
            .Select(h => new ExitedHousehold(
                h.Id, h.HouseholdNumber, h.Village!.Code, h.Village.Name,
                h.Members.Where(m => m.RemovedAt == null && m.Relation == MemberRegistration.HeadRelation).Select(m => m.Name).FirstOrDefault(),
                h.ExitYear, h.FirstExitYear, h.Size));
    }

    internal static async Task<Results<Ok<Page<ExitBatchSummary>>, ProblemHttpResult>> ListBatchesAsync(
        string? township, string? village, int? year, int? page, int? pageSize, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size);
        if (errors is not null)
        {
            return Outcome<Page<ExitBatchSummary>>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var query = BatchIds(db, township, village, year, user);
        var total = await query.LongCountAsync(cancellationToken);
        var ids = await query.PageOf(pageNumber, size).ToListAsync(cancellationToken);
        var summaries = await SummariesAsync(db, ids, cancellationToken);
        return TypedResults.Ok(new Page<ExitBatchSummary>(ids.Select(id => summaries[id]).ToList(), pageNumber, size, total));
    }

    /// <summary>The batches of a list (and of its export), in the list's order, within the caller's scope.</summary>
    internal static IQueryable<Guid> BatchIds(HouseholdsDbContext db, string? township, string? village, int? year, ClaimsPrincipal user)
    {
        var villages = db.Villages.Within(DataScope.Of(user));
        if (!string.IsNullOrWhiteSpace(township))
        {
            villages = villages.Where(v => v.Township!.Code == township);
        }

        if (!string.IsNullOrWhiteSpace(village))
        {
            villages = villages.Where(v => v.Code == village);
        }

        return db.ExitBatches.AsNoTracking().Where(b => villages.Any(v => v.Id == b.VillageId) && (year == null || b.Year == year))
            .OrderByDescending(b => b.Year).ThenBy(b => b.VillageId).ThenBy(b => b.Name)
            .Select(b => b.Id);
    }

    /// <summary>The summaries of the batches, in the order of <paramref name="ids"/>.</summary>
    internal static async Task<List<ExitBatchSummary>> SummariesInOrderAsync(HouseholdsDbContext db, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var summaries = await SummariesAsync(db, ids, cancellationToken);
        return ids.Select(id => summaries[id]).ToList();
    }

    internal static async Task<Results<Ok<ExitBatchDetail>, ProblemHttpResult>> GetBatchAsync(
        Guid batchId, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var detail = await DetailAsync(db, batchId, DataScope.Of(user), cancellationToken);
        return detail is null ? Problems.NotFound("退出批次不存在") : TypedResults.Ok(detail);
    }

    internal static async Task<Results<Created<ExitBatchDetail>, ProblemHttpResult>> CreateBatchAsync(
        [FromBody] CreateExitBatchRequest request, ExitCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var outcome = await commands.CreateBatchAsync(request, Requests.Actor(user), scope, cancellationToken);
        return outcome.Value is null
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/households/exit-batches/{outcome.Value.Id}", await DetailAsync(db, outcome.Value.Id, scope, cancellationToken));
    }

    internal static Task<Results<Ok<ExitBatchDetail>, ProblemHttpResult>> AddHouseholdsAsync(
        Guid batchId, [FromBody] AddToBatchRequest request, ExitCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        AnswerAsync(db, batchId, user, scope => commands.AddHouseholdsAsync(batchId, request, Requests.Actor(user), scope, cancellationToken), cancellationToken);

    internal static async Task<Results<Ok<ExitBatchDetail>, ProblemHttpResult>> StepAsync(
        Guid batchId, string step, [FromBody] ExitStepRequest request, ExitCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ExitStep? parsed = step switch
        {
            "review" => ExitStep.Review,
            "check" => ExitStep.Check,
            "confirmation" => ExitStep.Confirmation,
            "notice" => ExitStep.Notice,
            "announcement" => ExitStep.Announcement,
            "exit" => ExitStep.Exit,
            _ => null,
        };
        if (parsed is null)
        {
            return Outcome<ExitBatchDetail>.Refused(Refusal.Invalid, "step", "步骤应为：review、check、confirmation、notice、announcement、exit").ToProblem();
        }

        return await AnswerAsync(db, batchId, user, scope => commands.StepAsync(batchId, parsed.Value, request, Requests.Actor(user), scope, cancellationToken), cancellationToken);
    }

    internal static async Task<Results<Created<ExitObjectionDto>, ProblemHttpResult>> ObjectAsync(
        Guid batchId, [FromBody] ObjectionRequest request, ExitCommands commands, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.ObjectAsync(batchId, request, Requests.Actor(user), DataScope.Of(user), cancellationToken);
        return outcome.Value is not { } o
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/households/exit-batches/{batchId}", new ExitObjectionDto(o.Id, o.RaisedOn, o.RaisedBy, o.Content, o.ResolvedOn, o.Upheld, o.Resolution));
    }

    internal static Task<Results<Ok<ExitBatchDetail>, ProblemHttpResult>> ResolveAsync(
        Guid batchId, Guid objectionId, [FromBody] ObjectionResolutionRequest request, ExitCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        AnswerAsync(db, batchId, user, scope => commands.ResolveObjectionAsync(batchId, objectionId, request, Requests.Actor(user), scope, cancellationToken), cancellationToken);

    internal static Task<Results<Ok<ExitBatchDetail>, ProblemHttpResult>> WithdrawAsync(
        Guid batchId, [FromBody] WithdrawalRequest request, ExitCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        AnswerAsync(db, batchId, user, scope => commands.WithdrawAsync(batchId, request, Requests.Actor(user), scope, cancellationToken), cancellationToken);

    private static async Task<Results<Ok<ExitBatchDetail>, ProblemHttpResult>> AnswerAsync(
        HouseholdsDbContext db, Guid batchId, ClaimsPrincipal user, Func<DataScope, Task<Outcome<ExitBatch>>> command, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var outcome = await command(scope);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Ok((await DetailAsync(db, batchId, scope, cancellationToken))!);
    }

    private static async Task<ExitBatchDetail?> DetailAsync(HouseholdsDbContext db, Guid batchId, DataScope scope, CancellationToken cancellationToken)
    {
        var visible = await db.ExitBatches.AsNoTracking()
            .Where(b => b.Id == batchId && db.Villages.Within(scope).Any(v => v.Id == b.VillageId))
            .AnyAsync(cancellationToken);
        if (!visible)
        {
            return null;
        }

        var summary = (await SummariesAsync(db, [batchId], cancellationToken))[batchId];
        var cases = await db.ExitCases.AsNoTracking().Where(c => c.BatchId == batchId).Include(c => c.Objections)
            .Join(db.Households, c => c.HouseholdId, h => h.Id, (c, h) => new
            {
                Case = c,
                h.HouseholdNumber,
                Head = h.Members.Where(m => m.RemovedAt == null && m.Relation == MemberRegistration.HeadRelation).Select(m => m.Name).FirstOrDefault(),
            })
            .OrderBy(x => x.HouseholdNumber)
            .ToListAsync(cancellationToken);
        var households = cases.ToDictionary(c => c.Case.Id, c => c.Case.HouseholdId);
        var steps = await db.ExitSteps.AsNoTracking().Where(s => s.BatchId == batchId).OrderBy(s => s.On).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        return new ExitBatchDetail(
            summary,
            cases.Select(c => new ExitCaseDto(
                c.Case.HouseholdId, c.HouseholdNumber, c.Head, c.Case.State, c.Case.People, c.Case.ReturnReason,
                c.Case.Objections.OrderBy(o => o.RaisedOn).Select(o => new ExitObjectionDto(o.Id, o.RaisedOn, o.RaisedBy, o.Content, o.ResolvedOn, o.Upheld, o.Resolution)).ToList()))
                .ToList(),
            steps.Select(s => new ExitStepDto(
                s.Step, s.CaseId is { } caseId ? households[caseId] : null, s.On, s.By, s.RecordedAt, s.Note, ExitAssessor.FromJson(s.Verdict))).ToList());
    }

    private static async Task<Dictionary<Guid, ExitBatchSummary>> SummariesAsync(HouseholdsDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        (await db.ExitBatches.AsNoTracking().Where(b => ids.Contains(b.Id))
            .Join(db.Villages, b => b.VillageId, v => v.Id, (b, v) => new ExitBatchSummary(
                b.Id, v.Code, v.Name, b.Year, b.Name,
                b.Cases.Count(),
                b.Cases.Count(c => c.State < ExitCaseState.Exited),
                b.Cases.Count(c => c.State == ExitCaseState.Exited),
                b.Cases.Count(c => c.State == ExitCaseState.Returned),
                b.ReviewedOn, b.NoticeFrom, b.NoticeUntil, b.AnnouncedOn, b.ExitedOn))
            .ToListAsync(cancellationToken))
        .ToDictionary(s => s.Id);
}

/// <summary>The one definition of "exited" that the figures and their drill-down share.</summary>
internal static class ExitFiguresQueries
{
    public static IQueryable<Household> Exited(IQueryable<Household> households, int? year) =>
        households.Where(h => h.Status == HouseholdStatus.Exited && (year == null || h.ExitYear == year));
}
