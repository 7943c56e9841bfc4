using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Households.Common;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.Households.Registry;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Http;

namespace Platform.Households.Helpers;

/// <summary>The sets behind the helpers' lists and figures, in the caller's data scope.</summary>
internal static class HelperQueries
{
    /// <summary>结对 not yet ended, of households in the scope.</summary>
    public static IQueryable<Pairing> ActivePairings(HouseholdsDbContext db, DataScope scope)
    {
        var active = db.Pairings.AsNoTracking().Where(p => p.To == null);
        return scope.Level == ScopeLevel.County ? active : active.Where(p => db.Households.Within(scope).Any(h => h.Id == p.HouseholdId));
    }

    /// <summary>驻村工作队 not recalled, in villages of the scope.</summary>
    public static IQueryable<WorkTeam> CurrentTeams(HouseholdsDbContext db, DataScope scope)
    {
        var current = db.WorkTeams.AsNoTracking().Where(t => t.To == null);
        return scope.Level == ScopeLevel.County ? current : current.Where(t => db.Villages.Within(scope).Any(v => v.Id == t.VillageId));
    }

    /// <summary>
    /// The helpers a caller sees: the county all of them; a township or a village those who help or are stationed
    /// in it, and those not yet assigned anywhere (the pool it pairs from) — not those who work only elsewhere.
    /// </summary>
    public static IQueryable<Cadre> Visible(HouseholdsDbContext db, DataScope scope)
    {
        var cadres = db.Cadres.AsNoTracking();
        if (scope.Level == ScopeLevel.County)
        {
            return cadres;
        }

        var pairings = ActivePairings(db, scope);
        var teams = CurrentTeams(db, scope);
        var stationed = db.Set<WorkTeamMember>().Where(m => m.To == null);
        return cadres.Where(c =>
            pairings.Any(p => p.CadreId == c.Id)
            || teams.Any(t => t.Members.Any(m => m.To == null && m.CadreId == c.Id))
            || (!db.Pairings.Any(p => p.To == null && p.CadreId == c.Id) && !stationed.Any(m => m.CadreId == c.Id)));
    }
}

/// <summary>帮扶力量's writes: helpers, pairings (结对帮扶) and village work teams (驻村工作队, 第一书记).</summary>
public sealed class HelperCommands(HouseholdsDbContext db, TimeProvider clock)
{
    public async Task<Outcome<Cadre>> CreateHelperAsync(HelperRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = Requests.Required<HelperKind>(request.Kind, "kind", "帮扶人员类别", errors);
        var (cadre, invalid) = Cadre.Create(request.Name, request.WorkUnit, request.Phone, kind, request.ExternalRef, clock.GetUtcNow());
        foreach (var (field, messages) in invalid)
        {
            errors[field] = messages;
        }

        if (errors.Count > 0)
        {
            return Outcome<Cadre>.Refused(Refusal.Invalid, errors);
        }

        if (cadre!.ExternalRef is { } reference && await db.Cadres.AnyAsync(c => c.ExternalRef == reference, cancellationToken))
        {
            return Outcome<Cadre>.Refused(Refusal.Conflict, "externalRef", "该人员编号已登记");
        }

        db.Cadres.Add(cadre);
        return await SaveAsync(cadre, ("externalRef", "该人员编号已登记"), cancellationToken);
    }

    /// <summary>
    /// 结对: a helper the caller sees takes a household of the caller's scope. The helper's row is locked for the
    /// count, so two pairings at once cannot take a helper past five households.
    /// </summary>
    public async Task<Outcome<Pairing>> PairAsync(Guid householdId, PairingRequest request, string by, DataScope scope, CancellationToken cancellationToken)
    {
        if (request.CadreId is not { } cadreId)
        {
            return Outcome<Pairing>.Refused(Refusal.Invalid, "cadreId", "请指明帮扶责任人");
        }

        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        var household = await db.Households.Within(scope).SingleOrDefaultAsync(h => h.Id == householdId, cancellationToken);
        if (household is null)
        {
            return Outcome<Pairing>.Refused(Refusal.NotFound, "householdId", "建档立卡户不存在");
        }

        var cadre = await HelperQueries.Visible(db, scope).SingleOrDefaultAsync(c => c.Id == cadreId, cancellationToken);
        if (cadre is null)
        {
            return Outcome<Pairing>.Refused(Refusal.NotFound, "cadreId", "帮扶责任人不存在");
        }

        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM cadres WHERE id = {cadreId} FOR UPDATE", cancellationToken);
        var active = await db.Pairings.AsNoTracking().Where(p => p.CadreId == cadreId && p.To == null).ToListAsync(cancellationToken);
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var (pairing, result) = Pairing.Start(cadre, household.Id, request.From ?? today, active, by, today, now);
        if (!result.Succeeded)
        {
            return Outcome<Pairing>.Refused(result.Field == "cadreId" && active.Any(p => p.HouseholdId == householdId) ? Refusal.Conflict : Refusal.Invalid, result.Field!, result.Error!);
        }

        db.Pairings.Add(pairing!);
        household.Paired(now);
        var saved = await SaveAsync(pairing!, ("cadreId", "该帮扶责任人已与该户结对"), cancellationToken);
        if (saved.Value is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return saved;
    }

    public async Task<Outcome<Pairing>> EndPairingAsync(Guid householdId, Guid pairingId, EndRequest request, DataScope scope, CancellationToken cancellationToken)
    {
        var household = await db.Households.Within(scope).SingleOrDefaultAsync(h => h.Id == householdId, cancellationToken);
        var pairing = household is null ? null : await db.Pairings.SingleOrDefaultAsync(p => p.Id == pairingId && p.HouseholdId == householdId, cancellationToken);
        if (pairing is null)
        {
            return Outcome<Pairing>.Refused(Refusal.NotFound, "pairingId", "结对记录不存在");
        }

        var result = pairing.End(request.To ?? clock.Today(), request.Reason ?? string.Empty, clock.Today());
        if (!result.Succeeded)
        {
            return Outcome<Pairing>.Refused(result.Field == "pairingId" ? Refusal.Conflict : Refusal.Invalid, result.Field!, result.Error!);
        }

        household!.Unpaired(clock.GetUtcNow());
        return await SaveAsync(pairing, ("pairingId", "该结对刚被他人修改"), cancellationToken);
    }

    /// <summary>派驻: a unit stations a team in a village of the caller's scope, one current team per village.</summary>
    public async Task<Outcome<WorkTeam>> CreateTeamAsync(WorkTeamRequest request, DataScope scope, CancellationToken cancellationToken)
    {
        var village = string.IsNullOrWhiteSpace(request.VillageCode)
            ? null
            : await db.Villages.AsNoTracking().SingleOrDefaultAsync(v => v.Code == request.VillageCode.Trim(), cancellationToken);
        if (village is null)
        {
            return Outcome<WorkTeam>.Refused(Refusal.Invalid, "villageCode", "行政村不存在");
        }

        if (!scope.Covers(village.Code))
        {
            return Outcome<WorkTeam>.Refused(Refusal.Forbidden, "villageCode", "该行政村不在您的管辖范围内");
        }

        if (await db.WorkTeams.AnyAsync(t => t.VillageId == village.Id && t.To == null, cancellationToken))
        {
            return Outcome<WorkTeam>.Refused(Refusal.Conflict, "villageCode", "该村已有驻村工作队（先撤回再派驻新队）");
        }

        var (team, result) = WorkTeam.Open(village.Id, request.SendingUnit, request.From ?? clock.Today(), clock.Today(), clock.GetUtcNow());
        if (!result.Succeeded)
        {
            return Outcome<WorkTeam>.Refused(Refusal.Invalid, result.Field!, result.Error!);
        }

        db.WorkTeams.Add(team!);
        return await SaveAsync(team!, ("villageCode", "该村已有驻村工作队（先撤回再派驻新队）"), cancellationToken);
    }

    /// <summary>驻村: a helper joins the team (a person is in one current team at a time; one first secretary per team).</summary>
    public async Task<Outcome<WorkTeam>> StationAsync(Guid teamId, StationRequest request, DataScope scope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var role = Requests.Required<TeamRole>(request.Role, "role", "驻村职务", errors);
        if (request.CadreId is null)
        {
            FieldErrors.Add(errors, "cadreId", "请指明驻村人员");
        }

        if (errors.Count > 0)
        {
            return Outcome<WorkTeam>.Refused(Refusal.Invalid, errors);
        }

        var team = await FindTeamAsync(teamId, scope, cancellationToken);
        if (team is null)
        {
            return Outcome<WorkTeam>.Refused(Refusal.NotFound, "teamId", "驻村工作队不存在");
        }

        var cadre = await HelperQueries.Visible(db, scope).SingleOrDefaultAsync(c => c.Id == request.CadreId, cancellationToken);
        if (cadre is null)
        {
            return Outcome<WorkTeam>.Refused(Refusal.NotFound, "cadreId", "帮扶责任人不存在");
        }

        if (await db.Set<WorkTeamMember>().AnyAsync(m => m.CadreId == cadre.Id && m.To == null && m.TeamId != team.Id, cancellationToken))
        {
            return Outcome<WorkTeam>.Refused(Refusal.Conflict, "cadreId", "此人已在其他驻村工作队");
        }

        var result = team.Station(cadre, role, request.From ?? clock.Today(), clock.Today());
        return result.Succeeded
            ? await SaveAsync(team, ("cadreId", "此人已在其他驻村工作队"), cancellationToken)
            : Outcome<WorkTeam>.Refused(result.Field == "cadreId" || result.Field == "role" ? Refusal.Conflict : Refusal.Invalid, result.Field!, result.Error!);
    }

    public async Task<Outcome<WorkTeam>> EndStationAsync(Guid teamId, long memberId, EndRequest request, DataScope scope, CancellationToken cancellationToken)
    {
        var team = await FindTeamAsync(teamId, scope, cancellationToken);
        if (team is null)
        {
            return Outcome<WorkTeam>.Refused(Refusal.NotFound, "teamId", "驻村工作队不存在");
        }

        var result = team.EndStation(memberId, request.To ?? clock.Today(), clock.Today());
        return result.Succeeded
            ? await SaveAsync(team, ("teamId", "该工作队刚被他人修改"), cancellationToken)
            : Outcome<WorkTeam>.Refused(result.Field == "memberId" ? Refusal.NotFound : Refusal.Invalid, result.Field!, result.Error!);
    }

    public async Task<Outcome<WorkTeam>> RecallAsync(Guid teamId, EndRequest request, DataScope scope, CancellationToken cancellationToken)
    {
        var team = await FindTeamAsync(teamId, scope, cancellationToken);
        if (team is null)
        {
            return Outcome<WorkTeam>.Refused(Refusal.NotFound, "teamId", "驻村工作队不存在");
        }

        var result = team.Recall(request.To ?? clock.Today(), clock.Today());
        return result.Succeeded
            ? await SaveAsync(team, ("teamId", "该工作队刚被他人修改"), cancellationToken)
            : Outcome<WorkTeam>.Refused(result.Field == "teamId" ? Refusal.Conflict : Refusal.Invalid, result.Field!, result.Error!);
    }

    private Task<WorkTeam?> FindTeamAsync(Guid teamId, DataScope scope, CancellationToken cancellationToken) =>
        db.WorkTeams.Include(t => t.Members)
            .Where(t => t.Id == teamId && db.Villages.Within(scope).Any(v => v.Id == t.VillageId))
            .SingleOrDefaultAsync(cancellationToken);

    private Task<Outcome<T>> SaveAsync<T>(T value, (string Field, string Message) unique, CancellationToken cancellationToken)
        where T : class =>
        db.SaveAsOutcomeAsync(value, ("household", "该户刚被他人修改，请刷新后重试"), _ => unique, cancellationToken);
}
