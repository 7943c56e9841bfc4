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
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Households.Villages;

/// <summary>A village's poverty incidence (贫困发生率 = remaining poor people ÷ rural population) and exit year.</summary>
public sealed record VillageIncidence(
    string Code, string Name, string TownshipCode, string TownshipName, bool IsPoorVillage, int? ExitYear,
    int RuralPopulation, int PoorPeople, decimal PovertyIncidence, string PoorHouseholdsHref);

public sealed record TownshipIncidence(string Code, string Name, int Villages, int PoorVillages, int ExitedPoorVillages, long RuralPopulation, long PoorPeople, decimal PovertyIncidence);

public sealed record ProposeVillageExitRequest(string? VillageCode, int? Year, DateOnly? On);

public sealed record VillageConditionsRequest(
    bool? PavedRoadWithBus, bool? SafeDrinkingWater, bool? Electricity, bool? Broadband, bool? Clinic, bool? ServiceCentre, bool? LeadingIndustry, bool? CollectiveIncome);

/// <summary>A step of the village exit: check (with the checklist), notice (from on until until), exit.</summary>
public sealed record VillageExitStepRequest(DateOnly? On, DateOnly? Until, VillageConditionsRequest? Conditions);

public sealed record VillageExitStepDto(VillageExitState State, DateOnly On, string By, DateTimeOffset RecordedAt, string? Note);

public sealed record VillageExitDetail(
    Guid Id, string VillageCode, string VillageName, int Year, VillageExitState State, int? PoorPeople, int? RuralPopulation, decimal? PovertyIncidence,
    VillageConditions? Conditions, DateOnly? NoticeFrom, DateOnly? NoticeUntil, DateOnly? ExitedOn, IReadOnlyList<VillageExitStepDto> Steps);

/// <summary>贫困发生率 by village and township, and 贫困村出列 by its own procedure.</summary>
public static class VillageExitApi
{
    public static IEndpointRouteBuilder MapVillageExitApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households").WithTags("贫困村出列").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/villages/incidence", VillagesAsync).WithSummary("各村贫困发生率（剩余贫困人口÷农村人口）、是否贫困村、出列年度，分页；明细链接到该村贫困户");
        api.MapGet("/townships/incidence", TownshipsAsync).WithSummary("各乡镇贫困发生率与贫困村出列情况");
        api.MapGet("/village-exits", ListAsync).WithSummary("贫困村出列程序列表，分页");
        api.MapGet("/village-exits/{exitId:guid}", GetAsync).WithSummary("一个村的出列程序：核查数据、清单、每一步骤（何人何时）");
        api.MapPost("/village-exits", ProposeAsync).RequireAuthorization(PlatformPolicies.RegistryWrite).WithIdempotency<HouseholdsDbContext>()
            .Audited("village-exit").WithSummary("提出贫困村出列（支持 Idempotency-Key 重试）");
        api.MapPost("/village-exits/{exitId:guid}/steps/{step}", StepAsync).RequireAuthorization(PlatformPolicies.RegistryWrite)
            .Audited("village-exit", "exitId").WithSummary("出列步骤：check 核查（贫困发生率低于2%，基础设施和公共服务清单）→ notice 公示（不少于7天）→ exit 批准出列");
        return app;
    }

    /// <summary>Every village in the scope with its remaining poor people (current members of poor households).</summary>
    internal static async Task<List<VillageIncidence>> IncidenceAsync(HouseholdsDbContext db, DataScope scope, CancellationToken cancellationToken)
    {
        var villages = await db.Villages.AsNoTracking().Within(scope)
            .Select(v => new { v.Id, v.Code, v.Name, TownshipCode = v.Township!.Code, TownshipName = v.Township.Name, v.IsPoorVillage, v.ExitYear, v.RuralPopulation })
            .ToListAsync(cancellationToken);
        var poor = await PoorPeopleByVillageAsync(db, cancellationToken);
        return villages.OrderBy(v => v.Code).Select(v =>
        {
            var people = poor.GetValueOrDefault(v.Id);
            return new VillageIncidence(
                v.Code, v.Name, v.TownshipCode, v.TownshipName, v.IsPoorVillage, v.ExitYear, v.RuralPopulation, people,
                v.RuralPopulation == 0 ? 0m : Math.Round((decimal)people / v.RuralPopulation, 6, MidpointRounding.AwayFromZero),
                "/api/households?status=poor&village=" + v.Code);
        }).ToList();
    }

    internal static async Task<Dictionary<int, int>> PoorPeopleByVillageAsync(HouseholdsDbContext db, CancellationToken cancellationToken, int? villageId = null) =>
        await db.HouseholdTallies.AsNoTracking().Where(t => t.Status == HouseholdStatus.Poor && (villageId == null || t.VillageId == villageId))
            .GroupBy(t => t.VillageId)
            .Select(g => new { VillageId = g.Key, People = (int)g.Sum(t => t.People) })
            .ToDictionaryAsync(x => x.VillageId, x => x.People, cancellationToken);

    internal static async Task<Results<Ok<Page<VillageIncidence>>, ProblemHttpResult>> VillagesAsync(
        string? township, bool? poor, int? page, int? pageSize, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size);
        if (errors is not null)
        {
            return Outcome<Page<VillageIncidence>>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var villages = (await IncidenceAsync(db, DataScope.Of(user), cancellationToken))
            .Where(v => (township == null || v.TownshipCode == township) && (poor == null || v.IsPoorVillage == poor)).ToList();
        return TypedResults.Ok(new Page<VillageIncidence>(villages.PageOf(pageNumber, size).ToList(), pageNumber, size, villages.Count));
    }

    internal static async Task<Ok<List<TownshipIncidence>>> TownshipsAsync(HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var villages = await IncidenceAsync(db, DataScope.Of(user), cancellationToken);
        return TypedResults.Ok(villages.GroupBy(v => (v.TownshipCode, v.TownshipName)).OrderBy(g => g.Key.TownshipCode)
            .Select(g =>
            {
                var rural = g.Sum(v => (long)v.RuralPopulation);
                var poorPeople = g.Sum(v => (long)v.PoorPeople);
                return new TownshipIncidence(
                    g.Key.TownshipCode, g.Key.TownshipName, g.Count(), g.Count(v => v.IsPoorVillage), g.Count(v => v.IsPoorVillage && v.ExitYear != null),
                    rural, poorPeople, rural == 0 ? 0m : Math.Round((decimal)poorPeople / rural, 6));
            }).ToList());
    }

    internal static async Task<Results<Ok<Page<VillageExitDetail>>, ProblemHttpResult>> ListAsync(
        int? year, int? page, int? pageSize, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size);
        if (errors is not null)
        {
            return Outcome<Page<VillageExitDetail>>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var villages = db.Villages.Within(DataScope.Of(user));
        var query = db.VillageExits.AsNoTracking().Where(e => (year == null || e.Year == year) && villages.Any(v => v.Id == e.VillageId));
        var total = await query.LongCountAsync(cancellationToken);
        var ids = await query.OrderBy(e => e.Year).ThenBy(e => e.VillageId).PageOf(pageNumber, size).Select(e => e.Id).ToListAsync(cancellationToken);
        var items = new List<VillageExitDetail>();
        foreach (var id in ids)
        {
            items.Add((await DetailAsync(db, id, DataScope.Of(user), cancellationToken))!);
        }

        return TypedResults.Ok(new Page<VillageExitDetail>(items, pageNumber, size, total));
    }

    internal static async Task<Results<Ok<VillageExitDetail>, ProblemHttpResult>> GetAsync(Guid exitId, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var detail = await DetailAsync(db, exitId, DataScope.Of(user), cancellationToken);
        return detail is null ? Problems.NotFound("出列程序不存在") : TypedResults.Ok(detail);
    }

    internal static async Task<Results<Created<VillageExitDetail>, ProblemHttpResult>> ProposeAsync(
        [FromBody] ProposeVillageExitRequest request, HouseholdsDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var today = clock.Today();
        var village = string.IsNullOrWhiteSpace(request.VillageCode) ? null : await db.Villages.SingleOrDefaultAsync(v => v.Code == request.VillageCode.Trim(), cancellationToken);
        if (village is null)
        {
            return Problems.NotFound("行政村不存在");
        }

        if (!scope.Covers(village.Code))
        {
            return Outcome<VillageExit>.Refused(Refusal.Forbidden, "villageCode", "该行政村不在您的管辖范围内").ToProblem();
        }

        if (await db.VillageExits.AnyAsync(e => e.VillageId == village.Id && e.State < VillageExitState.Exited, cancellationToken))
        {
            return Outcome<VillageExit>.Refused(Refusal.Conflict, "villageCode", "该村已有在办的出列程序").ToProblem();
        }

        var year = request.Year ?? today.Year;
        var (exit, result) = VillageExit.Propose(village, year, request.On ?? today, Requests.Actor(user), today, clock.GetUtcNow());
        if (!result.Succeeded)
        {
            return Outcome<VillageExit>.Refused(Refusal.Invalid, result.Field!, result.Error!).ToProblem();
        }

        db.VillageExits.Add(exit!);
        var saved = await db.SaveAsOutcomeAsync(exit!, ("villageCode", "该村的出列程序刚被他人修改"), _ => ("villageCode", "该村已有在办的出列程序"), cancellationToken);
        return saved.Value is null
            ? saved.ToProblem()
            : TypedResults.Created($"/api/households/village-exits/{exit!.Id}", await DetailAsync(db, exit.Id, scope, cancellationToken));
    }

    internal static async Task<Results<Ok<VillageExitDetail>, ProblemHttpResult>> StepAsync(
        Guid exitId, string step, [FromBody] VillageExitStepRequest request, HouseholdsDbContext db, IOptions<RegistryOptions> options, TimeProvider clock,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var exit = await db.VillageExits.Include(e => e.Steps).SingleOrDefaultAsync(e => e.Id == exitId, cancellationToken);
        var village = exit is null ? null : await db.Villages.Include(v => v.Township).SingleAsync(v => v.Id == exit.VillageId, cancellationToken);
        if (exit is null || !scope.Covers(village!.Code))
        {
            return Problems.NotFound("出列程序不存在");
        }

        var today = clock.Today();
        var now = clock.GetUtcNow();
        var on = request.On ?? today;
        var by = Requests.Actor(user);
        RuleResult result;
        switch (step)
        {
            case "check":
                if (request.Conditions is not { } c || new bool?[] { c.PavedRoadWithBus, c.SafeDrinkingWater, c.Electricity, c.Broadband, c.Clinic, c.ServiceCentre, c.LeadingIndustry, c.CollectiveIncome }.Any(b => b is null))
                {
                    return Outcome<VillageExit>.Refused(Refusal.Invalid, "conditions", "请逐项填写基础设施和基本公共服务清单（8项）").ToProblem();
                }

                var poorPeople = (await PoorPeopleByVillageAsync(db, cancellationToken, village.Id)).GetValueOrDefault(village.Id);
                result = exit.Check(
                    poorPeople,
                    village.RuralPopulation,
                    new VillageConditions(c.PavedRoadWithBus!.Value, c.SafeDrinkingWater!.Value, c.Electricity!.Value, c.Broadband!.Value, c.Clinic!.Value, c.ServiceCentre!.Value, c.LeadingIndustry!.Value, c.CollectiveIncome!.Value),
                    options.Value.VillageMaxPovertyIncidence,
                    on,
                    by,
                    today,
                    now);
                break;
            case "notice":
                result = request.Until is { } until ? exit.PublishNotice(on, until, by, today, now) : RuleResult.Fail("until", "请填写公示截止日期");
                break;
            case "exit":
                result = exit.MarkExited(village, on, by, today, now);
                if (result.Succeeded)
                {
                    db.AddIntegrationEvent(
                        new VillageExited
                        {
                            EventId = Guid.CreateVersion7(now),
                            OccurredAt = now,
                            VillageCode = village.Code,
                            TownshipCode = village.Township!.Code,
                            Year = exit.Year,
                            PovertyIncidence = exit.PovertyIncidence!.Value,
                            ExitedOn = on,
                        },
                        clock);
                }

                break;
            default:
                return Outcome<VillageExit>.Refused(Refusal.Invalid, "step", "步骤应为：check、notice 或 exit").ToProblem();
        }

        if (!result.Succeeded)
        {
            return Outcome<VillageExit>.Refused(Refusal.Invalid, result.Field!, result.Error!).ToProblem();
        }

        var saved = await db.SaveAsOutcomeAsync(exit, ("exitId", "该村的出列程序刚被他人修改"), _ => ("villageCode", "该村已有在办的出列程序"), cancellationToken);
        return saved.Value is null ? saved.ToProblem() : TypedResults.Ok((await DetailAsync(db, exitId, scope, cancellationToken))!);
    }

    private static async Task<VillageExitDetail?> DetailAsync(HouseholdsDbContext db, Guid exitId, DataScope scope, CancellationToken cancellationToken)
    {
        var row = await db.VillageExits.AsNoTracking().Include(e => e.Steps).Where(e => e.Id == exitId)
            .Join(db.Villages.Within(scope), e => e.VillageId, v => v.Id, (e, v) => new { Exit = e, v.Code, v.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var e = row.Exit;
        return new VillageExitDetail(
            e.Id, row.Code, row.Name, e.Year, e.State, e.PoorPeople, e.RuralPopulation, e.PovertyIncidence, e.Conditions, e.NoticeFrom, e.NoticeUntil, e.ExitedOn,
            e.Steps.OrderBy(s => s.On).ThenBy(s => s.Id).Select(s => new VillageExitStepDto(s.State, s.On, s.By, s.RecordedAt, s.Note)).ToList());
    }
}
