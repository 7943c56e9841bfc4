using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Households.Data;
using Platform.Households.Registry;
using Platform.ServiceDefaults.Auth;

namespace Platform.Households.Figures;

/// <summary>A township's households and people by status, each count with the list it counts.</summary>
public sealed record TownshipFigures(
    string Code,
    string Name,
    long Households,
    long People,
    long PoorHouseholds,
    long PoorPeople,
    long ExitedHouseholds,
    long ExitedPeople,
    long MonitoredHouseholds,
    string ExitedHref,
    string PoorHref);

public static class TownshipFiguresApi
{
    public static IEndpointRouteBuilder MapTownshipFiguresApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/households/figures/townships", GetAsync)
            .RequireAuthorization(PlatformPolicies.Read)
            .WithTags("脱贫攻坚成效")
            .WithSummary("分乡镇建档立卡户数、人数（贫困、已脱贫、监测），数据范围内；每个数字附明细链接");
        return app;
    }

    internal static async Task<Ok<List<TownshipFigures>>> GetAsync(HouseholdsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = DataScope.Of(user);
        var townships = await db.Townships.AsNoTracking().Within(scope).OrderBy(t => t.Code).Select(t => new { t.Id, t.Code, t.Name }).ToListAsync(cancellationToken);
        var households = db.Households.AsNoTracking().Within(scope);
        var byHousehold = await households
            .GroupBy(h => new { h.Village!.TownshipId, h.Status })
            .Select(g => new { g.Key.TownshipId, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var byPeople = await db.Members.AsNoTracking().Where(m => m.RemovedAt == null)
            .Join(households, m => m.HouseholdId, h => h.Id, (m, h) => new { h.Village!.TownshipId, h.Status })
            .GroupBy(x => new { x.TownshipId, x.Status })
            .Select(g => new { g.Key.TownshipId, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(townships.Select(t =>
        {
            long H(HouseholdStatus? s) => byHousehold.Where(x => x.TownshipId == t.Id && (s == null || x.Status == s)).Sum(x => x.Count);
            long P(HouseholdStatus? s) => byPeople.Where(x => x.TownshipId == t.Id && (s == null || x.Status == s)).Sum(x => x.Count);
            return new TownshipFigures(
                t.Code,
                t.Name,
                H(null),
                P(null),
                H(HouseholdStatus.Poor),
                P(HouseholdStatus.Poor),
                H(HouseholdStatus.Exited),
                P(HouseholdStatus.Exited),
                H(HouseholdStatus.Monitored),
                $"/api/households?status={Codes.Of(HouseholdStatus.Exited)}&township={t.Code}",
                $"/api/households?status={Codes.Of(HouseholdStatus.Poor)}&township={t.Code}");
        }).ToList());
    }
}
