using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Households.Common;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.Households.Registry;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;
using DomainInspection = Platform.Households.Domain.Inspection;

namespace Platform.Households.Inspections;

public sealed record CreateInspectionRequest(string? Name, int? Year, string? Seed, int? PoorVillages, int? OtherVillages, int? HouseholdsPerVillage);

public sealed record VisitRequest(Guid? HouseholdId, DateOnly? VisitedOn, string? Inspector, bool? WronglyExited, bool? Approves, string? Note);

public sealed record VisitsRequest(IReadOnlyList<VisitRequest>? Visits);

public sealed record MissedRequest(string? VillageCode, DateOnly? VisitedOn, string? Inspector, int? People, string? Description);

public sealed record InspectionSummary(
    Guid Id, string Name, int Year, string Seed, int Villages, int SampledHouseholds, int Visited, int MissedFindings, CountyExitRates Rates, DateTimeOffset CreatedAt);

public sealed record SampledHousehold(
    Guid HouseholdId, string HouseholdNumber, string VillageCode, string VillageName, HouseholdStatus StatusAtDraw, int People, int Rank,
    DateOnly? VisitedOn, string? Inspector, bool? WronglyExited, bool? Approves, string? Note);

public sealed record MissedFindingDto(Guid Id, string VillageCode, string VillageName, DateOnly VisitedOn, string Inspector, int People, string Description);

public sealed record VisitsRecorded(int Recorded, int AlreadyRecorded);

/// <summary>An inspection's visit to one household (评估检查走访): when, by whom, what it found.</summary>
public sealed record HouseholdVisit(Guid InspectionId, string InspectionName, int InspectionYear, DateOnly VisitedOn, string Inspector, bool WronglyExited, bool Approves, string? Note);

/// <summary>贫困县退出评估检查: a reproducible sample, the visits' findings, and the 三率一度 computed from them.</summary>
public static class InspectionApi
{
    public const int MaxVisitsPerRequest = 500;

    public static IEndpointRouteBuilder MapInspectionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households/inspections").WithTags("退出评估检查").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/", ListAsync).WithSummary("评估检查列表，分页");
        api.MapGet("/{inspectionId:guid}", GetAsync).WithSummary("一次评估检查：样本、走访进度、三率一度");
        api.MapGet("/{inspectionId:guid}/sample", SampleAsync)
            .WithSummary("抽样户及走访结论，分页；finding=exited|wrongly-exited|approves|disapproves|visited|not-visited 为错退率、认可度的明细");
        app.MapGet("/api/households/{id:guid}/visits", HouseholdVisitsAsync).WithTags("退出评估检查").RequireAuthorization(PlatformPolicies.Read)
            .WithSummary("该户被评估检查走访的记录（日期、走访人、是否错退、是否认可），最近的在前");
        api.MapGet("/{inspectionId:guid}/missed", MissedAsync).WithSummary("漏评户（漏评率的明细），分页");
        api.MapPost("/", CreateAsync).RequireAuthorization(PlatformPolicies.CountyWrite).WithIdempotency<HouseholdsDbContext>()
            .Audited("inspection").WithSummary("新建评估检查并按种子抽样（同一种子、同一登记数据抽出同一样本；支持 Idempotency-Key 重试）");
        api.MapPost("/{inspectionId:guid}/visits", VisitsAsync).RequireAuthorization(PlatformPolicies.CountyWrite)
            .Audited("inspection", "inspectionId").WithSummary($"记录抽样户走访结论（错退、是否认可），一次最多{MaxVisitsPerRequest}户，全部成功或全部不写");
        api.MapPost("/{inspectionId:guid}/missed", AddMissedAsync).RequireAuthorization(PlatformPolicies.CountyWrite).WithIdempotency<HouseholdsDbContext>()
            .Audited("inspection", "inspectionId").WithSummary("记录在抽样村发现的漏评户（支持 Idempotency-Key 重试）");
        return app;
    }

    internal static async Task<Results<Created<InspectionSummary>, ProblemHttpResult>> CreateAsync(
        [FromBody] CreateInspectionRequest request, HouseholdsDbContext db, IOptions<RegistryOptions> options, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = Requests.Text(request.Name, "name", "检查名称", 100, errors);
        var seed = Requests.Text(request.Seed, "seed", "抽样种子", 100, errors);
        var today = clock.Today();
        if (request.Year is not { } year || year < RegistrationRules.FirstRegistrationYear || year > today.Year)
        {
            FieldErrors.Add(errors, "year", "年度无效");
            year = 0;
        }

        if (request.PoorVillages is not (>= 0 and <= 1000) || request.OtherVillages is not (>= 0 and <= 1000) || request.PoorVillages + request.OtherVillages == 0)
        {
            FieldErrors.Add(errors, "poorVillages", "抽样贫困村数和非贫困村数应为0到1000，合计至少1个");
        }

        if (request.HouseholdsPerVillage is not (>= 1 and <= 1000))
        {
            FieldErrors.Add(errors, "householdsPerVillage", "每村抽样户数应在1到1000之间");
        }

        if (errors.Count > 0)
        {
            return Outcome<DomainInspection>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        if (await db.Inspections.AnyAsync(i => i.Name == name, cancellationToken))
        {
            return Outcome<DomainInspection>.Refused(Refusal.Conflict, "name", "已有同名评估检查").ToProblem();
        }

        var now = clock.GetUtcNow();
        var inspection = new DomainInspection
        {
            Id = Guid.CreateVersion7(now), Name = name, Year = year, Seed = seed, PoorVillages = request.PoorVillages!.Value,
            OtherVillages = request.OtherVillages!.Value, HouseholdsPerVillage = request.HouseholdsPerVillage!.Value, CreatedAt = now, CreatedBy = Requests.Actor(user),
        };
        var villages = await db.Villages.AsNoTracking().Select(v => new { v.Id, v.Code, v.IsPoorVillage, v.RuralPopulation }).ToListAsync(cancellationToken);
        var drawn = InspectionSampling.Draw(seed + "|poor", villages.Where(v => v.IsPoorVillage), v => v.Code, inspection.PoorVillages)
            .Concat(InspectionSampling.Draw(seed + "|other", villages.Where(v => !v.IsPoorVillage), v => v.Code, inspection.OtherVillages))
            .ToList();
        var villageIds = drawn.Select(v => v.Id).ToArray();
        var households = await db.Households.AsNoTracking()
            .Where(h => villageIds.Contains(h.VillageId) && (h.Status == HouseholdStatus.Poor || h.Status == HouseholdStatus.Exited))
            .Select(h => new { h.Id, h.HouseholdNumber, h.VillageId, h.Status, People = h.Size })
            .ToListAsync(cancellationToken);
        db.Inspections.Add(inspection);
        foreach (var village in drawn)
        {
            var inVillage = households.Where(h => h.VillageId == village.Id).ToList();
            db.InspectionVillages.Add(new InspectionVillage
            {
                InspectionId = inspection.Id, VillageId = village.Id, RuralPopulation = village.RuralPopulation, RegisteredPeople = inVillage.Sum(h => h.People),
            });
            var rank = 0;
            foreach (var household in InspectionSampling.Draw(seed, inVillage, h => h.HouseholdNumber, inspection.HouseholdsPerVillage))
            {
                db.InspectionSamples.Add(new InspectionSample
                {
                    InspectionId = inspection.Id, HouseholdId = household.Id, VillageId = village.Id, StatusAtDraw = household.Status, People = household.People, Rank = ++rank,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/households/inspections/{inspection.Id}", (await SummaryAsync(db, inspection.Id, DataScope.Of(user), options.Value, cancellationToken))!);
    }

    internal static async Task<Results<Ok<List<HouseholdVisit>>, ProblemHttpResult>> HouseholdVisitsAsync(
        Guid id, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await db.Households.Within(DataScope.Of(user)).AnyAsync(h => h.Id == id, cancellationToken))
        {
            return Problems.NotFound("建档立卡户不存在");
        }

        var visits = await db.InspectionVisits.AsNoTracking().Where(v => v.HouseholdId == id)
            .Join(db.Inspections, v => v.InspectionId, i => i.Id, (v, i) => new { Visit = v, Inspection = i })
            .OrderByDescending(x => x.Visit.VisitedOn).ThenBy(x => x.Inspection.Name)
            .Select(x => new HouseholdVisit(
                x.Inspection.Id, x.Inspection.Name, x.Inspection.Year, x.Visit.VisitedOn, x.Visit.Inspector, x.Visit.WronglyExited, x.Visit.Approves, x.Visit.Note))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(visits);
    }

    internal static async Task<Results<Ok<Page<InspectionSummary>>, ProblemHttpResult>> ListAsync(
        int? page, int? pageSize, HouseholdsDbContext db, IOptions<RegistryOptions> options, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size);
        if (errors is not null)
        {
            return Outcome<Page<InspectionSummary>>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var total = await db.Inspections.LongCountAsync(cancellationToken);
        var ids = await db.Inspections.OrderByDescending(i => i.CreatedAt).PageOf(pageNumber, size).Select(i => i.Id).ToListAsync(cancellationToken);
        var items = new List<InspectionSummary>();
        foreach (var id in ids)
        {
            items.Add((await SummaryAsync(db, id, DataScope.Of(user), options.Value, cancellationToken))!);
        }

        return TypedResults.Ok(new Page<InspectionSummary>(items, pageNumber, size, total));
    }

    internal static async Task<Results<Ok<InspectionSummary>, ProblemHttpResult>> GetAsync(
        Guid inspectionId, HouseholdsDbContext db, IOptions<RegistryOptions> options, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var summary = await SummaryAsync(db, inspectionId, DataScope.Of(user), options.Value, cancellationToken);
        return summary is null ? Problems.NotFound("评估检查不存在") : TypedResults.Ok(summary);
    }

    internal static async Task<Results<Ok<Page<SampledHousehold>>, ProblemHttpResult>> SampleAsync(
        Guid inspectionId, string? village, string? finding, int? page, int? pageSize, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        if (finding is not (null or "" or "exited" or "wrongly-exited" or "approves" or "disapproves" or "visited" or "not-visited"))
        {
            FieldErrors.Add(errors, "finding", "应为：exited、wrongly-exited、approves、disapproves、visited 或 not-visited");
        }

        if (errors.Count > 0)
        {
            return Outcome<Page<SampledHousehold>>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        if (!await db.Inspections.AnyAsync(i => i.Id == inspectionId, cancellationToken))
        {
            return Problems.NotFound("评估检查不存在");
        }

        var rows = InspectionQueries.Sample(db, inspectionId, DataScope.Of(user), finding);
        if (!string.IsNullOrWhiteSpace(village))
        {
            rows = rows.Where(r => r.Household.Village!.Code == village);
        }

        var total = await rows.LongCountAsync(cancellationToken);
        var items = await rows.OrderBy(r => r.Household.HouseholdNumber).PageOf(pageNumber, size)
            .Select(r => new SampledHousehold(
                r.Sample.HouseholdId, r.Household.HouseholdNumber, r.Household.Village!.Code, r.Household.Village.Name, r.Sample.StatusAtDraw, r.Sample.People, r.Sample.Rank,
                r.Visit == null ? null : r.Visit.VisitedOn, r.Visit == null ? null : r.Visit.Inspector, r.Visit == null ? null : r.Visit.WronglyExited,
                r.Visit == null ? null : r.Visit.Approves, r.Visit == null ? null : r.Visit.Note))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<SampledHousehold>(items, pageNumber, size, total));
    }

    internal static async Task<Results<Ok<Page<MissedFindingDto>>, ProblemHttpResult>> MissedAsync(
        Guid inspectionId, int? page, int? pageSize, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size);
        if (errors is not null)
        {
            return Outcome<Page<MissedFindingDto>>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var rows = db.MissedPoorFindings.AsNoTracking().Where(f => f.InspectionId == inspectionId)
            .Join(db.Villages.Within(DataScope.Of(user)), f => f.VillageId, v => v.Id, (f, v) => new { Finding = f, v.Code, v.Name });
        var total = await rows.LongCountAsync(cancellationToken);
        var items = await rows.OrderBy(x => x.Code).ThenBy(x => x.Finding.VisitedOn).ThenBy(x => x.Finding.Id).PageOf(pageNumber, size)
            .Select(x => new MissedFindingDto(x.Finding.Id, x.Code, x.Name, x.Finding.VisitedOn, x.Finding.Inspector, x.Finding.People, x.Finding.Description))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<MissedFindingDto>(items, pageNumber, size, total));
    }

    /// <summary>All or nothing: every visit must name a sampled household; a household already visited with the same findings is skipped, with others refused.</summary>
    internal static async Task<Results<Ok<VisitsRecorded>, ProblemHttpResult>> VisitsAsync(
        Guid inspectionId, [FromBody] VisitsRequest request, HouseholdsDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var visits = request.Visits ?? [];
        if (visits.Count is 0 or > MaxVisitsPerRequest)
        {
            return Outcome<VisitsRecorded>.Refused(Refusal.Invalid, "visits", $"一次记录1到{MaxVisitsPerRequest}户的走访结论").ToProblem();
        }

        if (!await db.Inspections.AnyAsync(i => i.Id == inspectionId, cancellationToken))
        {
            return Problems.NotFound("评估检查不存在");
        }

        var ids = visits.Where(v => v.HouseholdId is not null).Select(v => v.HouseholdId!.Value).ToArray();
        var samples = await db.InspectionSamples.AsNoTracking().Where(s => s.InspectionId == inspectionId && ids.Contains(s.HouseholdId)).ToDictionaryAsync(s => s.HouseholdId, cancellationToken);
        var existing = await db.InspectionVisits.AsNoTracking().Where(v => v.InspectionId == inspectionId && ids.Contains(v.HouseholdId)).ToDictionaryAsync(v => v.HouseholdId, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var seen = new HashSet<Guid>();
        var added = new List<InspectionVisit>();
        var already = 0;
        for (var i = 0; i < visits.Count; i++)
        {
            var v = visits[i];
            var path = $"visits[{i}]";
            var inspector = Requests.Text(v.Inspector, path + ".inspector", "检查人员", 100, errors);
            var note = Requests.Text(v.Note, path + ".note", "备注", 1000, errors, required: false);
            if (v.HouseholdId is not { } householdId || !samples.TryGetValue(householdId, out var sample))
            {
                FieldErrors.Add(errors, path + ".householdId", "该户不在本次检查的样本中");
                continue;
            }

            if (!seen.Add(householdId))
            {
                FieldErrors.Add(errors, path + ".householdId", "同一户在本次请求中出现了两次");
                continue;
            }

            if (v.VisitedOn is not { } visitedOn || visitedOn > today)
            {
                FieldErrors.Add(errors, path + ".visitedOn", "请填写走访日期（不晚于今天）");
                continue;
            }

            if (v.WronglyExited is null || v.Approves is null)
            {
                FieldErrors.Add(errors, path, "请填写是否错退、是否认可");
                continue;
            }

            var rule = InspectionRules.Visit(sample.StatusAtDraw, v.WronglyExited.Value);
            if (!rule.Succeeded)
            {
                FieldErrors.Add(errors, path + "." + rule.Field, rule.Error!);
                continue;
            }

            if (existing.TryGetValue(householdId, out var before))
            {
                if (before.WronglyExited == v.WronglyExited && before.Approves == v.Approves && before.VisitedOn == visitedOn)
                {
                    already++;
                }
                else
                {
                    FieldErrors.Add(errors, path + ".householdId", "该户已记录了不同的走访结论");
                }

                continue;
            }

            added.Add(new InspectionVisit
            {
                Id = Guid.CreateVersion7(now), InspectionId = inspectionId, HouseholdId = householdId, VisitedOn = visitedOn, Inspector = inspector,
                WronglyExited = v.WronglyExited.Value, Approves = v.Approves.Value, Note = note.Length == 0 ? null : note, RecordedAt = now,
            });
        }

        if (errors.Count > 0)
        {
            return Outcome<VisitsRecorded>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        db.InspectionVisits.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new VisitsRecorded(added.Count, already));
    }

    internal static async Task<Results<Created<MissedFindingDto>, ProblemHttpResult>> AddMissedAsync(
        Guid inspectionId, [FromBody] MissedRequest request, HouseholdsDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var inspector = Requests.Text(request.Inspector, "inspector", "检查人员", 100, errors);
        var description = Requests.Text(request.Description, "description", "情况说明", 1000, errors);
        if (request.People is not (>= 1 and <= RegistrationRules.MaxMembers))
        {
            FieldErrors.Add(errors, "people", $"人数应在1到{RegistrationRules.MaxMembers}之间");
        }

        if (request.VisitedOn is not { } visitedOn || visitedOn > clock.Today())
        {
            FieldErrors.Add(errors, "visitedOn", "请填写走访日期（不晚于今天）");
            visitedOn = default;
        }

        if (errors.Count > 0)
        {
            return Outcome<MissedPoorFinding>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        if (!await db.Inspections.AnyAsync(i => i.Id == inspectionId, cancellationToken))
        {
            return Problems.NotFound("评估检查不存在");
        }

        var village = await db.InspectionVillages.AsNoTracking().Where(v => v.InspectionId == inspectionId)
            .Join(db.Villages, iv => iv.VillageId, v => v.Id, (iv, v) => new { v.Id, v.Code, v.Name })
            .SingleOrDefaultAsync(v => v.Code == request.VillageCode, cancellationToken);
        if (village is null)
        {
            return Outcome<MissedPoorFinding>.Refused(Refusal.Invalid, "villageCode", "漏评户须在本次检查抽中的村").ToProblem();
        }

        var now = clock.GetUtcNow();
        var finding = new MissedPoorFinding
        {
            Id = Guid.CreateVersion7(now), InspectionId = inspectionId, VillageId = village.Id, VisitedOn = visitedOn, Inspector = inspector,
            People = request.People!.Value, Description = description, RecordedAt = now,
        };
        db.MissedPoorFindings.Add(finding);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created(
            $"/api/households/inspections/{inspectionId}/missed",
            new MissedFindingDto(finding.Id, village.Code, village.Name, finding.VisitedOn, finding.Inspector, finding.People, finding.Description));
    }

    internal static async Task<InspectionSummary?> SummaryAsync(HouseholdsDbContext db, Guid inspectionId, DataScope scope, RegistryOptions options, CancellationToken cancellationToken)
    {
        var inspection = await db.Inspections.AsNoTracking().SingleOrDefaultAsync(i => i.Id == inspectionId, cancellationToken);
        if (inspection is null)
        {
            return null;
        }

        var counts = await InspectionQueries.CountsAsync(db, inspectionId, scope, cancellationToken);
        var sampled = await InspectionQueries.Sample(db, inspectionId, scope, null).CountAsync(cancellationToken);
        var visited = await InspectionQueries.Sample(db, inspectionId, scope, "visited").CountAsync(cancellationToken);
        var villages = await db.InspectionVillages.Where(v => v.InspectionId == inspectionId && db.Villages.Within(scope).Any(x => x.Id == v.VillageId)).CountAsync(cancellationToken);
        var missed = await db.MissedPoorFindings.Where(f => f.InspectionId == inspectionId && db.Villages.Within(scope).Any(x => x.Id == f.VillageId)).CountAsync(cancellationToken);
        return new InspectionSummary(
            inspection.Id, inspection.Name, inspection.Year, inspection.Seed, villages, sampled, visited, missed,
            CountyExit.Compute(counts, options.CountyExitLimits()), inspection.CreatedAt);
    }
}

/// <summary>The sets behind the inspection's figures, shared by the figures and their drill-down.</summary>
internal static class InspectionQueries
{
    /// <summary>A sampled household with its visit (member-initialised, so EF translates filters on it).</summary>
    public sealed class SampleRow
    {
        public required InspectionSample Sample { get; init; }

        public required Household Household { get; init; }

        public InspectionVisit? Visit { get; init; }
    }

    public static IQueryable<SampleRow> Sample(HouseholdsDbContext db, Guid inspectionId, DataScope scope, string? finding)
    {
        var rows = from s in db.InspectionSamples.AsNoTracking().Where(s => s.InspectionId == inspectionId)
                   join h in db.Households.Within(scope) on s.HouseholdId equals h.Id
                   join v in db.InspectionVisits.Where(v => v.InspectionId == inspectionId) on s.HouseholdId equals v.HouseholdId into visits
                   from v in visits.DefaultIfEmpty()
                   select new SampleRow { Sample = s, Household = h, Visit = v };
        return finding switch
        {
            // 错退率's denominator: sampled exited households that were visited; its numerator: those found wrongly exited.
            "exited" => rows.Where(r => r.Visit != null && r.Sample.StatusAtDraw == HouseholdStatus.Exited),
            "wrongly-exited" => rows.Where(r => r.Visit != null && r.Visit.WronglyExited),
            "approves" => rows.Where(r => r.Visit != null && r.Visit.Approves),
            "disapproves" => rows.Where(r => r.Visit != null && !r.Visit.Approves),
            "visited" => rows.Where(r => r.Visit != null),
            "not-visited" => rows.Where(r => r.Visit == null),
            _ => rows,
        };
    }

    /// <summary>The inspection's counts within the scope, and the registry's rural population and remaining poor people.</summary>
    /// <param name="registry">The scope's rural population and remaining poor people, when the caller has them already.</param>
    public static async Task<CountyExitCounts> CountsAsync(
        HouseholdsDbContext db, Guid? inspectionId, DataScope scope, CancellationToken cancellationToken, (long Rural, long Poor)? registry = null)
    {
        var villages = db.Villages.Within(scope);
        var (rural, poor) = registry ?? (
            await villages.SumAsync(v => (long)v.RuralPopulation, cancellationToken),
            await db.HouseholdTallies.Within(db.Villages, scope).Where(t => t.Status == HouseholdStatus.Poor).SumAsync(t => t.People, cancellationToken));
        if (inspectionId is not { } id)
        {
            return new CountyExitCounts(rural, poor, 0, 0, 0, 0, 0, 0, 0);
        }

        // The "visited" set of Sample (a sampled household always exists), counted without joining the county's households
        // when the scope is the county: a few hundred rows, not tens of thousands.
        var samples = db.InspectionSamples.AsNoTracking().Where(s => s.InspectionId == id);
        if (scope.Level != ScopeLevel.County)
        {
            samples = samples.Where(s => db.Households.Within(scope).Any(h => h.Id == s.HouseholdId));
        }

        var visited = await samples
            .Join(db.InspectionVisits.Where(v => v.InspectionId == id), s => s.HouseholdId, v => v.HouseholdId, (s, v) => new { s.StatusAtDraw, s.People, v.Approves, v.WronglyExited })
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Surveyed = g.LongCount(),
                Approving = g.LongCount(r => r.Approves),
                Exited = g.LongCount(r => r.StatusAtDraw == HouseholdStatus.Exited),
                Wrong = g.LongCount(r => r.WronglyExited),
                WrongPeople = g.Where(r => r.WronglyExited).Sum(r => (long)r.People),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var sampledVillages = db.InspectionVillages.Where(v => v.InspectionId == id && villages.Any(x => x.Id == v.VillageId));
        var nonRegistered = await sampledVillages.SumAsync(v => (long)(v.RuralPopulation > v.RegisteredPeople ? v.RuralPopulation - v.RegisteredPeople : 0), cancellationToken);
        var missed = await db.MissedPoorFindings.Where(f => f.InspectionId == id && villages.Any(x => x.Id == f.VillageId)).SumAsync(f => (long)f.People, cancellationToken);
        return new CountyExitCounts(
            rural, poor, visited?.Exited ?? 0, visited?.Wrong ?? 0, visited?.WrongPeople ?? 0, missed, nonRegistered, visited?.Surveyed ?? 0, visited?.Approving ?? 0);
    }
}
