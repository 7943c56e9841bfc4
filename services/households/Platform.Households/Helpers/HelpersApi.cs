using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.People;
using Platform.Households.Common;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.Households.Registry;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Households.Helpers;

/// <summary>帮扶力量: helpers (帮扶责任人), their pairings with households (结对帮扶), village work teams and first secretaries.</summary>
public static class HelpersApi
{
    public static IEndpointRouteBuilder MapHelpersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/households").WithTags("帮扶力量").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/helpers", ListHelpersAsync).WithSummary("帮扶责任人：按类别、姓名、工作单位、是否已结对（paired，结对帮扶数字的明细）筛选，分页（电话脱敏；乡镇、村只看到在本辖区帮扶或驻村的人员及尚未安排的人员）");
        api.MapGet("/helpers/{cadreId:guid}", GetHelperAsync).WithSummary("一名帮扶责任人及其（辖区内的）结对户");
        api.MapPost("/helpers", CreateHelperAsync).RequireAuthorization(PlatformPolicies.RegistryWrite).WithIdempotency<HouseholdsDbContext>()
            .Audited("helper").WithSummary("登记帮扶责任人或驻村干部（姓名、工作单位、电话、类别、人员编号；支持 Idempotency-Key 重试）");
        api.MapPost("/helpers/{cadreId:guid}/contact", ContactAsync).RequireAuthorization(PlatformPolicies.PersonalData).AuditAsRead()
            .WithSummary("查看帮扶责任人完整电话：须填写事由，每次查看均记入审计日志");
        api.MapGet("/{id:guid}/pairings", PairingsAsync).WithSummary("该户的结对帮扶记录（帮扶责任人、工作单位、电话脱敏、起止日期）");
        api.MapPost("/{id:guid}/pairings", PairAsync).RequireAuthorization(PlatformPolicies.RegistryWrite).WithIdempotency<HouseholdsDbContext>()
            .Audited("household").WithSummary("结对帮扶：为该户安排帮扶责任人（每人同时不超过5户；支持 Idempotency-Key 重试）");
        api.MapPost("/{id:guid}/pairings/{pairingId:guid}/end", EndPairingAsync).RequireAuthorization(PlatformPolicies.RegistryWrite)
            .Audited("household").WithSummary("结束结对（调整帮扶责任人），须填写原因");
        api.MapGet("/work-teams", ListTeamsAsync).WithSummary("驻村工作队：按乡镇、村筛选，current=false 含已撤回，分页（第一书记、队员，电话脱敏）");
        api.MapGet("/work-teams/{teamId:guid}", GetTeamAsync).WithSummary("一支驻村工作队及其成员（含已离队）");
        api.MapPost("/work-teams", CreateTeamAsync).RequireAuthorization(PlatformPolicies.CountyWrite).WithIdempotency<HouseholdsDbContext>()
            .Audited("work-team").WithSummary("向行政村派驻工作队（每村同时一支；支持 Idempotency-Key 重试）");
        api.MapPost("/work-teams/{teamId:guid}/members", StationAsync).RequireAuthorization(PlatformPolicies.CountyWrite).WithIdempotency<HouseholdsDbContext>()
            .Audited("work-team", "teamId").WithSummary("驻村：first-secretary 第一书记（每队一名）、leader 队长、member 队员；一人同时只在一支工作队");
        api.MapPost("/work-teams/{teamId:guid}/members/{memberId:long}/end", EndStationAsync).RequireAuthorization(PlatformPolicies.CountyWrite)
            .Audited("work-team", "teamId").WithSummary("离队（轮换）");
        api.MapPost("/work-teams/{teamId:guid}/recall", RecallAsync).RequireAuthorization(PlatformPolicies.CountyWrite)
            .Audited("work-team", "teamId").WithSummary("撤回工作队（全体队员同日离队）");
        return app;
    }

    internal static async Task<Results<Ok<Page<HelperDto>>, ProblemHttpResult>> ListHelpersAsync(
        string? kind, string? name, string? workUnit, bool? paired, int? page, int? pageSize, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size) ?? [];
        var parsedKind = Requests.Optional<HelperKind>(kind, "kind", "帮扶人员类别", errors);
        if (errors.Count > 0)
        {
            return Outcome<Page<HelperDto>>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var scope = DataScope.Of(user);
        var query = HelperQueries.Visible(db, scope);
        if (parsedKind is { } k)
        {
            query = query.Where(c => c.Kind == k);
        }

        if (paired is { } withHouseholds)
        {
            var pairings = HelperQueries.ActivePairings(db, scope);
            query = query.Where(c => pairings.Any(p => p.CadreId == c.Id) == withHouseholds);
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            var trimmed = name.Trim();
            query = query.Where(c => c.Name.StartsWith(trimmed));
        }

        if (!string.IsNullOrWhiteSpace(workUnit))
        {
            var trimmed = workUnit.Trim();
            query = query.Where(c => c.WorkUnit.Contains(trimmed));
        }

        var total = await query.LongCountAsync(cancellationToken);
        var cadres = await query.OrderBy(c => c.WorkUnit).ThenBy(c => c.Name).ThenBy(c => c.Id).PageOf(pageNumber, size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<HelperDto>(await ToDtosAsync(db, cadres, scope, cancellationToken), pageNumber, size, total));
    }

    internal static async Task<Results<Ok<HelperDetail>, ProblemHttpResult>> GetHelperAsync(Guid cadreId, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var detail = await HelperDetailAsync(db, cadreId, DataScope.Of(user), cancellationToken);
        return detail is null ? Problems.NotFound("帮扶责任人不存在") : TypedResults.Ok(detail);
    }

    internal static async Task<Results<Created<HelperDetail>, ProblemHttpResult>> CreateHelperAsync(
        [FromBody] HelperRequest request, HelperCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.CreateHelperAsync(request, cancellationToken);
        return outcome.Value is not { } cadre
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/households/helpers/{cadre.Id}", await HelperDetailAsync(db, cadre.Id, DataScope.Of(user), cancellationToken));
    }

    /// <summary>The one place a helper's phone leaves the registry whole: a reason, a role that serves households, the scope, the audit log first.</summary>
    internal static async Task<Results<Ok<HelperContact>, ProblemHttpResult>> ContactAsync(
        Guid cadreId, [FromBody] ContactRequest request, HouseholdsDbContext db, IAuditTrail audit, HttpContext context, CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 200)
        {
            return Outcome<HelperContact>.Refused(Refusal.Invalid, "reason", "请填写查看完整电话的事由（不超过200字）").ToProblem();
        }

        var cadre = await HelperQueries.Visible(db, DataScope.Of(context.User)).SingleOrDefaultAsync(c => c.Id == cadreId, cancellationToken);
        if (cadre is null)
        {
            return Problems.NotFound("帮扶责任人不存在");
        }

        await audit.RecordRevealAsync(context, "helper", cadre.Id.ToString(), "phone; 事由: " + reason, cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new HelperContact(cadre.Id, cadre.Name, cadre.WorkUnit, cadre.Phone));
    }

    internal static async Task<Results<Ok<List<PairingDto>>, ProblemHttpResult>> PairingsAsync(Guid id, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await db.Households.Within(DataScope.Of(user)).AnyAsync(h => h.Id == id, cancellationToken))
        {
            return Problems.NotFound("建档立卡户不存在");
        }

        return TypedResults.Ok(await PairingRows(db, db.Pairings.Where(p => p.HouseholdId == id)).ToListAsync(cancellationToken));
    }

    internal static async Task<Results<Created<PairingDto>, ProblemHttpResult>> PairAsync(
        Guid id, [FromBody] PairingRequest request, HelperCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.PairAsync(id, request, Requests.Actor(user), DataScope.Of(user), cancellationToken);
        return outcome.Value is not { } pairing
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/households/{id}/pairings", await PairingRows(db, db.Pairings.Where(p => p.Id == pairing.Id)).SingleAsync(cancellationToken));
    }

    internal static async Task<Results<Ok<PairingDto>, ProblemHttpResult>> EndPairingAsync(
        Guid id, Guid pairingId, [FromBody] EndRequest request, HelperCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.EndPairingAsync(id, pairingId, request, DataScope.Of(user), cancellationToken);
        return outcome.Value is null
            ? outcome.ToProblem()
            : TypedResults.Ok(await PairingRows(db, db.Pairings.Where(p => p.Id == pairingId)).SingleAsync(cancellationToken));
    }

    internal static async Task<Results<Ok<Page<WorkTeamDto>>, ProblemHttpResult>> ListTeamsAsync(
        string? township, string? village, bool? current, int? page, int? pageSize, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, out var pageNumber, out var size);
        if (errors is not null)
        {
            return Outcome<Page<WorkTeamDto>>.Refused(Refusal.Invalid, errors).ToProblem();
        }

        var villages = db.Villages.Within(DataScope.Of(user));
        if (!string.IsNullOrWhiteSpace(township))
        {
            villages = villages.Where(v => v.Township!.Code == township);
        }

        if (!string.IsNullOrWhiteSpace(village))
        {
            villages = villages.Where(v => v.Code == village);
        }

        var teams = db.WorkTeams.AsNoTracking().Where(t => (current == false || t.To == null) && villages.Any(v => v.Id == t.VillageId));
        var total = await teams.LongCountAsync(cancellationToken);
        var onPage = await teams
            .Join(db.Villages, t => t.VillageId, v => v.Id, (t, v) => new { Team = t, v.Code })
            .OrderBy(x => x.Code).ThenBy(x => x.Team.From).PageOf(pageNumber, size)
            .Select(x => x.Team.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<WorkTeamDto>(await TeamsAsync(db, onPage, cancellationToken), pageNumber, size, total));
    }

    internal static async Task<Results<Ok<WorkTeamDto>, ProblemHttpResult>> GetTeamAsync(Guid teamId, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var team = await TeamInScopeAsync(db, teamId, DataScope.Of(user), cancellationToken);
        return team is null ? Problems.NotFound("驻村工作队不存在") : TypedResults.Ok(team);
    }

    internal static async Task<Results<Created<WorkTeamDto>, ProblemHttpResult>> CreateTeamAsync(
        [FromBody] WorkTeamRequest request, HelperCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.CreateTeamAsync(request, DataScope.Of(user), cancellationToken);
        return outcome.Value is not { } team
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/households/work-teams/{team.Id}", (await TeamsAsync(db, [team.Id], cancellationToken)).Single());
    }

    internal static async Task<Results<Created<WorkTeamDto>, ProblemHttpResult>> StationAsync(
        Guid teamId, [FromBody] StationRequest request, HelperCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.StationAsync(teamId, request, DataScope.Of(user), cancellationToken);
        return outcome.Value is null
            ? outcome.ToProblem()
            : TypedResults.Created($"/api/households/work-teams/{teamId}", (await TeamsAsync(db, [teamId], cancellationToken)).Single());
    }

    internal static async Task<Results<Ok<WorkTeamDto>, ProblemHttpResult>> EndStationAsync(
        Guid teamId, long memberId, [FromBody] EndRequest request, HelperCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.EndStationAsync(teamId, memberId, request, DataScope.Of(user), cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Ok((await TeamsAsync(db, [teamId], cancellationToken)).Single());
    }

    internal static async Task<Results<Ok<WorkTeamDto>, ProblemHttpResult>> RecallAsync(
        Guid teamId, [FromBody] EndRequest request, HelperCommands commands, HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await commands.RecallAsync(teamId, request, DataScope.Of(user), cancellationToken);
        return outcome.Value is null ? outcome.ToProblem() : TypedResults.Ok((await TeamsAsync(db, [teamId], cancellationToken)).Single());
    }

    private static async Task<HelperDetail?> HelperDetailAsync(HouseholdsDbContext db, Guid cadreId, DataScope scope, CancellationToken cancellationToken)
    {
        var cadre = await HelperQueries.Visible(db, scope).SingleOrDefaultAsync(c => c.Id == cadreId, cancellationToken);
        if (cadre is null)
        {
            return null;
        }

        var households = db.Households.Within(scope);
        var pairings = await PairingRows(db, db.Pairings.Where(p => p.CadreId == cadreId && households.Any(h => h.Id == p.HouseholdId)))
            .ToListAsync(cancellationToken);
        return new HelperDetail((await ToDtosAsync(db, [cadre], scope, cancellationToken)).Single(), pairings);
    }

    private static async Task<List<HelperDto>> ToDtosAsync(HouseholdsDbContext db, List<Cadre> cadres, DataScope scope, CancellationToken cancellationToken)
    {
        var ids = cadres.Select(c => c.Id).ToArray();
        var active = await HelperQueries.ActivePairings(db, scope).Where(p => ids.Contains(p.CadreId))
            .GroupBy(p => p.CadreId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var teams = await HelperQueries.CurrentTeams(db, scope).SelectMany(t => t.Members.Where(m => m.To == null && ids.Contains(m.CadreId)))
            .ToDictionaryAsync(m => m.CadreId, m => m.TeamId, cancellationToken);
        return cadres.Select(c => new HelperDto(
            c.Id, c.Name, c.WorkUnit, PhoneNumber.Mask(c.Phone), c.Kind, c.ExternalRef, active.GetValueOrDefault(c.Id), teams.TryGetValue(c.Id, out var team) ? team : null)).ToList();
    }

    private static IQueryable<PairingDto> PairingRows(HouseholdsDbContext db, IQueryable<Pairing> pairings) =>
        from p in pairings.AsNoTracking()
        join c in db.Cadres on p.CadreId equals c.Id
        join h in db.Households on p.HouseholdId equals h.Id
        orderby p.To == null descending, p.From, p.Id
        select new PairingDto(
            p.Id, p.HouseholdId, h.HouseholdNumber, h.Village!.Code, c.Id, c.Name, c.WorkUnit, PhoneNumber.Mask(c.Phone), c.Kind, p.From, p.To, p.EndReason);

    private static async Task<WorkTeamDto?> TeamInScopeAsync(HouseholdsDbContext db, Guid teamId, DataScope scope, CancellationToken cancellationToken) =>
        await db.WorkTeams.AnyAsync(t => t.Id == teamId && db.Villages.Within(scope).Any(v => v.Id == t.VillageId), cancellationToken)
            ? (await TeamsAsync(db, [teamId], cancellationToken)).Single()
            : null;

    private static async Task<List<WorkTeamDto>> TeamsAsync(HouseholdsDbContext db, IReadOnlyCollection<Guid> teamIds, CancellationToken cancellationToken)
    {
        var ids = teamIds.ToArray();
        var teams = await db.WorkTeams.AsNoTracking().Include(t => t.Members).Where(t => ids.Contains(t.Id))
            .Join(db.Villages, t => t.VillageId, v => v.Id, (t, v) => new { Team = t, v.Code, v.Name, TownshipCode = v.Township!.Code, v.IsPoorVillage })
            .ToListAsync(cancellationToken);
        var cadreIds = teams.SelectMany(t => t.Team.Members.Select(m => m.CadreId)).Distinct().ToArray();
        var cadres = await db.Cadres.AsNoTracking().Where(c => cadreIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        return teams.OrderBy(t => Array.IndexOf(ids, t.Team.Id)).Select(t => new WorkTeamDto(
            t.Team.Id, t.Code, t.Name, t.TownshipCode, t.IsPoorVillage, t.Team.SendingUnit, t.Team.From, t.Team.To,
            t.Team.Members.OrderBy(m => m.To != null).ThenBy(m => m.Role).ThenBy(m => m.From).Select(m =>
            {
                var c = cadres[m.CadreId];
                return new TeamMemberDto(m.Id, c.Id, c.Name, c.WorkUnit, PhoneNumber.Mask(c.Phone), m.Role, m.From, m.To);
            }).ToList())).ToList();
    }
}
