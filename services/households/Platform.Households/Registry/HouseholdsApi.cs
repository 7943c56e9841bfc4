using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Households;
using Platform.Contracts.People;
using Platform.Contracts.Registry;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;
using Platform.Contracts;

namespace Platform.Households.Registry;

/// <summary>The registry's REST API for the county portal (through the gateway at /api/households).</summary>
public static class HouseholdsApi
{
    public static IEndpointRouteBuilder MapHouseholdsApi(this IEndpointRouteBuilder app)
    {
        // Every route needs a platform role; writes need a writing role; each handler applies the data scope.
        var api = app.MapGroup("/api/households").WithTags("建档立卡户").RequireAuthorization(PlatformPolicies.Read);

        api.MapGet("/", ListAsync).WithSummary("建档立卡户列表：按户编号（前缀）、成员姓名、乡镇、村、户状态、致贫原因、户类型、是否有帮扶责任人（paired）、监测类别、某年度有某类收入（income、incomeYear）筛选，分页");
        api.MapGet("/{id:guid}", GetAsync).WithSummary("户详情：成员（身份证号码脱敏）与两不愁三保障状态");
        api.MapPost("/", RegisterAsync).RequireAuthorization(PlatformPolicies.RegistryWrite).WithIdempotency<HouseholdsDbContext>().WithSummary("建档立卡：登记一户及其成员（支持 Idempotency-Key 重试）");
        api.MapPost("/{id:guid}/members", AddMemberAsync).RequireAuthorization(PlatformPolicies.RegistryWrite).WithIdempotency<HouseholdsDbContext>().WithSummary("增员：出生、婚入、迁入（支持 Idempotency-Key 重试）");
        api.MapPost("/{id:guid}/members/{memberId:guid}/removal", RemoveMemberAsync).RequireAuthorization(PlatformPolicies.RegistryWrite).WithSummary("减员：死亡、婚出、迁出等");
        api.MapPost("/{id:guid}/status", ChangeStatusAsync).RequireAuthorization(PlatformPolicies.RegistryWrite).WithSummary("变更户状态（贫困、已脱贫、监测）");
        api.MapPost("/{id:guid}/move", MoveAsync).RequireAuthorization(PlatformPolicies.RegistryWrite).WithSummary("迁移：易地扶贫搬迁或更正所属行政村");
        api.MapPost("/{id:guid}/members/{memberId:guid}/identity", RevealIdentityAsync)
            .RequireAuthorization(PlatformPolicies.PersonalData)
            .AuditAsRead() // recorded as a reveal, before the number is shown
            .WithSummary("查看成员完整身份证号码及户联系电话：须填写查看事由，每次查看均记入审计日志");
        api.MapPost("/members/lookup", LookupMemberAsync).AuditAsRead().WithSummary("按完整身份证号码查找其所在户（号码放在请求体中，不进入日志）");
        api.MapGet("/townships", TownshipsAsync).WithSummary("乡镇列表");
        api.MapGet("/villages", VillagesAsync).WithSummary("行政村列表，分页");
        api.MapGet("/figures", FiguresAsync).WithSummary("全县建档立卡概况");
        return app;
    }

    internal static async Task<Results<Ok<Page<HouseholdListItem>>, ValidationProblem>> ListAsync(
        HouseholdsDbContext db,
        [AsParameters] HouseholdFilter filter,
        int? page,
        int? pageSize,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var query = Filtered(db, filter, user, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query
            .OrderBy(h => h.HouseholdNumber)
            .PageOf(pageNumber, size)
            .Select(h => new
            {
                h.Id,
                h.HouseholdNumber,
                TownshipName = h.Village!.Township!.Name,
                VillageCode = h.Village.Code,
                VillageName = h.Village.Name,
                h.Status,
                h.MainCause,
                // The head's name and number as two scalar subqueries (each the household's first head by id, through
                // the members' household index): a two-column FirstOrDefault becomes a ROW_NUMBER over every member of
                // the county, 65 ms per page on the demo county.
                HeadName = h.Members.Where(m => m.RemovedAt == null && m.Relation == MemberRegistration.HeadRelation)
                    .OrderBy(m => m.Id).Select(m => m.Name).FirstOrDefault(),
                HeadIdNumber = h.Members.Where(m => m.RemovedAt == null && m.Relation == MemberRegistration.HeadRelation)
                    .OrderBy(m => m.Id).Select(m => m.IdNumber).FirstOrDefault(),
                h.Size,
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new HouseholdListItem(
                r.Id, r.HouseholdNumber, r.TownshipName, r.VillageCode, r.VillageName, r.Status, r.MainCause,
                r.HeadName, r.HeadIdNumber is null ? null : ResidentIdNumber.Mask(r.HeadIdNumber), r.Size))
            .ToList();
        return TypedResults.Ok(new Page<HouseholdListItem>(items, pageNumber, size, total));
    }

    /// <summary>The households of a list (and of its export): the caller's scope and the list's filters; errors name bad codes.</summary>
    internal static IQueryable<Household> Filtered(HouseholdsDbContext db, HouseholdFilter filter, ClaimsPrincipal user, Dictionary<string, string[]> errors)
    {
        var query = db.Households.AsNoTracking().Within(DataScope.Of(user));
        if (!string.IsNullOrWhiteSpace(filter.Township))
        {
            query = query.Where(h => h.Village!.Township!.Code == filter.Township);
        }

        if (!string.IsNullOrWhiteSpace(filter.Village))
        {
            query = query.Where(h => h.Village!.Code == filter.Village);
        }

        if (!string.IsNullOrWhiteSpace(filter.Number))
        {
            var number = filter.Number.Trim();
            query = query.Where(h => h.HouseholdNumber.StartsWith(number));
        }

        if (!string.IsNullOrWhiteSpace(filter.Status))
        {
            if (Codes.TryParse<HouseholdStatus>(filter.Status, out var s))
            {
                query = query.Where(h => h.Status == s);
            }
            else
            {
                FieldErrors.Add(errors, "status", $"户状态应为：{Codes.List<HouseholdStatus>()}");
            }
        }

        if (!string.IsNullOrWhiteSpace(filter.Cause))
        {
            if (Codes.TryParse<PovertyCause>(filter.Cause, out var c))
            {
                query = query.Where(h => h.MainCause == c || h.OtherCauses.Contains(c));
            }
            else
            {
                FieldErrors.Add(errors, "cause", $"致贫原因应为：{Codes.List<PovertyCause>()}");
            }
        }

        if (!string.IsNullOrWhiteSpace(filter.Type))
        {
            if (Codes.TryParse<HouseholdType>(filter.Type, out var t))
            {
                query = query.Where(h => db.HouseholdProfiles.Any(p => p.HouseholdId == h.Id && p.Data.Type == t));
            }
            else
            {
                FieldErrors.Add(errors, "type", $"户类型应为：{Codes.List<HouseholdType>()}");
            }
        }

        if (filter.Paired is { } withHelper)
        {
            query = query.Where(h => (h.Helpers > 0) == withHelper);
        }

        if (!string.IsNullOrWhiteSpace(filter.Monitoring))
        {
            // Households with an open monitoring flag of the category (防返贫监测对象).
            if (Codes.TryParse<MonitoringCategory>(filter.Monitoring, out var category))
            {
                query = query.Where(h => db.MonitoringFlags.Any(f => f.HouseholdId == h.Id && f.RemovedOn == null && f.Category == category));
            }
            else
            {
                FieldErrors.Add(errors, "monitoring", $"监测类别应为：{Codes.List<MonitoringCategory>()}");
            }
        }

        if (!string.IsNullOrWhiteSpace(filter.Income) || filter.IncomeYear is not null)
        {
            if (!Codes.TryParse<IncomeKind>(filter.Income, out var kind))
            {
                FieldErrors.Add(errors, "income", $"收入类别应为：{Codes.List<IncomeKind>()}");
            }
            else if (filter.IncomeYear is not { } year)
            {
                FieldErrors.Add(errors, "incomeYear", "按收入类别筛选时请填写年度");
            }
            else
            {
                query = query.Where(h => db.IncomeRecords.Any(r => r.HouseholdId == h.Id && r.Year == year && r.Kind == kind && r.Amount > 0));
            }
        }

        if (!string.IsNullOrWhiteSpace(filter.Name))
        {
            var trimmed = filter.Name.Trim();
            query = query.Where(h => h.Members.Any(m => m.RemovedAt == null && m.Name.StartsWith(trimmed)));
        }

        return query;
    }

    internal static async Task<Results<Ok<HouseholdDetail>, ProblemHttpResult>> GetAsync(
        Guid id, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var detail = await LoadDetailAsync(db, id, DataScope.Of(user), cancellationToken);
        return detail is null ? Problems.NotFound("建档立卡户不存在") : TypedResults.Ok(detail);
    }

    internal static async Task<Results<Created<HouseholdDetail>, ProblemHttpResult>> RegisterAsync(
        [FromBody] HouseholdSubmission submission, HouseholdCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var outcome = await commands.RegisterAsync(submission, scope, cancellationToken);
        if (outcome.Value is null)
        {
            return Refused(outcome);
        }

        var detail = await LoadDetailAsync(db, outcome.Value.Id, scope, cancellationToken);
        return TypedResults.Created($"/api/households/{outcome.Value.Id}", detail);
    }

    internal static async Task<Results<Created<MemberDetail>, ProblemHttpResult>> AddMemberAsync(
        Guid id, [FromBody] AddMemberRequest request, HouseholdCommands commands, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.AddMemberAsync(id, request, DataScope.Of(user), cancellationToken);
        return outcome.Value is null
            ? Refused(outcome)
            : TypedResults.Created($"/api/households/{id}", MemberDetail.From(outcome.Value));
    }

    internal static async Task<Results<Ok<HouseholdDetail>, ProblemHttpResult>> RemoveMemberAsync(
        Guid id, Guid memberId, [FromBody] RemoveMemberRequest request, HouseholdCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var outcome = await commands.RemoveMemberAsync(id, memberId, request, scope, cancellationToken);
        return outcome.Value is null ? Refused(outcome) : TypedResults.Ok((await LoadDetailAsync(db, id, scope, cancellationToken))!);
    }

    internal static async Task<Results<Ok<HouseholdDetail>, ProblemHttpResult>> ChangeStatusAsync(
        Guid id, [FromBody] ChangeStatusRequest request, HouseholdCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var changedBy = PlatformClaims.Actor(user) ?? "unknown";
        var scope = DataScope.Of(user);
        var outcome = await commands.ChangeStatusAsync(id, request, changedBy, scope, cancellationToken);
        return outcome.Value is null ? Refused(outcome) : TypedResults.Ok((await LoadDetailAsync(db, id, scope, cancellationToken))!);
    }

    internal static async Task<Results<Ok<HouseholdDetail>, ProblemHttpResult>> MoveAsync(
        Guid id, [FromBody] MoveRequest request, HouseholdCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var outcome = await commands.MoveAsync(id, request, scope, cancellationToken);
        // The new village is inside the mover's scope too, so the household is still visible.
        return outcome.Value is null ? Refused(outcome) : TypedResults.Ok((await LoadDetailAsync(db, id, scope, cancellationToken))!);
    }

    internal static async Task<Results<Ok<HouseholdDetail>, ValidationProblem, ProblemHttpResult>> LookupMemberAsync(
        [FromBody] MemberLookupRequest request, HouseholdsDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!ResidentIdNumber.TryParse(request.IdNumber, clock.Today(), out var idNumber, out var error))
        {
            return Problems.Validation("idNumber", error);
        }

        var householdId = await db.Members
            .Where(m => m.IdNumber == idNumber.Value && m.RemovedAt == null)
            .Select(m => (Guid?)m.HouseholdId)
            .SingleOrDefaultAsync(cancellationToken);
        var detail = householdId is null ? null : await LoadDetailAsync(db, householdId.Value, DataScope.Of(user), cancellationToken);
        return detail is null ? Problems.NotFound("未找到登记此身份证号码的建档立卡户") : TypedResults.Ok(detail);
    }

    /// <summary>
    /// The one place a resident ID number leaves the registry whole: an explicit request with a reason,
    /// by a role that serves the household, inside its data scope, recorded in the audit log first.
    /// </summary>
    internal static async Task<Results<Ok<MemberIdentity>, ValidationProblem, ProblemHttpResult>> RevealIdentityAsync(
        Guid id,
        Guid memberId,
        [FromBody] RevealIdentityRequest request,
        HouseholdsDbContext db,
        IAuditTrail audit,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 200)
        {
            return Problems.Validation("reason", "请填写查看完整身份证号码的事由（不超过200字）");
        }

        var member = await db.Members.AsNoTracking()
            .Where(m => m.Id == memberId && m.HouseholdId == id)
            .Where(m => db.Households.Within(DataScope.Of(context.User)).Any(h => h.Id == m.HouseholdId))
            .Select(m => new { m.Id, m.Name, m.IdNumber, db.Households.Single(h => h.Id == m.HouseholdId).Phone })
            .SingleOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return Problems.NotFound("未找到该户的这名成员");
        }

        await audit.RecordRevealAsync(context, "member", member.Id.ToString(), "id-number, phone; 事由: " + reason, cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new MemberIdentity(member.Id, member.Name, member.IdNumber, member.Phone));
    }

    internal static async Task<Ok<List<TownshipDto>>> TownshipsAsync(HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Townships.AsNoTracking().Within(DataScope.Of(user))
            .OrderBy(t => t.Code)
            .Select(t => new TownshipDto(t.Code, t.Name, t.Villages.Count))
            .ToListAsync(cancellationToken));

    internal static async Task<Results<Ok<Page<VillageDto>>, ValidationProblem>> VillagesAsync(
        HouseholdsDbContext db, string? township, bool? poor, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size);
        if (errors is not null)
        {
            return Problems.Validation(errors);
        }

        var query = db.Villages.AsNoTracking().Within(DataScope.Of(user));
        if (!string.IsNullOrWhiteSpace(township))
        {
            query = query.Where(v => v.Township!.Code == township);
        }

        if (poor is { } isPoor)
        {
            query = query.Where(v => v.IsPoorVillage == isPoor);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderBy(v => v.Code).PageOf(pageNumber, size)
            .Select(v => new VillageDto(v.Code, v.Name, v.Township!.Code, v.Township.Name, v.RuralPopulation, v.IsPoorVillage))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<VillageDto>(items, pageNumber, size, total));
    }

    internal static async Task<Ok<CountyFigures>> FiguresAsync(HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // The figures of what the caller may see: the county, a township or a village.
        var scope = DataScope.Of(user);
        var villages = await db.Villages.AsNoTracking().Within(scope)
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Poor = g.Count(v => v.IsPoorVillage), Rural = g.Sum(v => (long)v.RuralPopulation) })
            .SingleOrDefaultAsync(cancellationToken);
        // From the database's tallies of the households (exact in every transaction; people are the households' sizes).
        var households = await db.HouseholdTallies.AsNoTracking().Within(db.Villages, scope)
            .GroupBy(t => t.Status)
            .Select(g => new { Status = g.Key, Count = g.Sum(t => t.Households), People = g.Sum(t => t.People) })
            .ToListAsync(cancellationToken);
        long Households(HouseholdStatus s) => households.Where(x => x.Status == s).Sum(x => x.Count);
        long People(HouseholdStatus s) => households.Where(x => x.Status == s).Sum(x => x.People);
        return TypedResults.Ok(new CountyFigures(
            await db.Townships.Within(scope).CountAsync(cancellationToken),
            villages?.Count ?? 0,
            villages?.Poor ?? 0,
            villages?.Rural ?? 0,
            households.Sum(x => x.Count),
            households.Sum(x => x.People),
            Households(HouseholdStatus.Poor),
            People(HouseholdStatus.Poor),
            Households(HouseholdStatus.Exited),
            People(HouseholdStatus.Exited),
            Households(HouseholdStatus.Monitored),
            People(HouseholdStatus.Monitored)));
    }

    internal static async Task<HouseholdDetail?> LoadDetailAsync(HouseholdsDbContext db, Guid id, DataScope scope, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().Within(scope)
            .Include(h => h.Members)
            .Include(h => h.Village).ThenInclude(v => v!.Township)
            .SingleOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return null;
        }

        var guarantees = await db.GuaranteeStates.AsNoTracking()
            .Where(g => g.HouseholdId == id)
            .OrderBy(g => g.Guarantee)
            .Select(g => new GuaranteeDetail(g.Guarantee, g.Met, g.Reason, g.Source, g.SourceRecordId, g.AssessedAt))
            .ToListAsync(cancellationToken);
        var village = household.Village!;
        return new HouseholdDetail(
            household.Id,
            household.HouseholdNumber,
            village.Township!.Code,
            village.Township.Name,
            village.Code,
            village.Name,
            household.Status,
            household.MainCause,
            household.OtherCauses,
            PhoneNumber.Mask(household.Phone),
            household.RegisteredYear,
            household.ExitYear,
            household.Members.OrderBy(m => m.RemovedAt.HasValue).ThenBy(m => m.AddedAt).Select(MemberDetail.From).ToList(),
            guarantees);
    }

    private static ProblemHttpResult Refused<T>(Outcome<T> outcome)
        where T : class => outcome.ToProblem();
}
