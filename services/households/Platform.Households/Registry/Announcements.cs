using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Households.Data;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;

namespace Platform.Households.Registry;

/// <summary>What to announce again: every household, or a township's, to one service or to all.</summary>
public sealed record AnnouncementRequest(string? Audience, string? TownshipCode);

public sealed record AnnouncementResult(int Households, int Townships, double Seconds);

/// <summary>
/// A catch-up for a service that joined the county late or lost its queue (确保各行业部门掌握全部建档立卡户):
/// the registry announces its households again (<see cref="HouseholdAnnounced"/>) through its outbox. Each
/// township is one transaction that first touches every household row it announces, so a change of a
/// household that races the announcement either commits before it (and is in it) or fails its concurrency
/// check and is retried after it: the announcement takes its place in each household's order of events.
/// </summary>
public sealed class HouseholdAnnouncer(HouseholdsDbContext db, OutboxSignal signal, TimeProvider clock)
{
    /// <summary>The services that consume the registry's households (the audiences an announcement may name).</summary>
    public static readonly IReadOnlySet<string> Audiences = new HashSet<string>(StringComparer.Ordinal) { "industry", "relocation", "ecology", "education", "welfare" };

    public async Task<Outcome<AnnouncementResult>> AnnounceAsync(AnnouncementRequest request, CancellationToken cancellationToken)
    {
        if (request.Audience is { } audience && !Audiences.Contains(audience))
        {
            return Outcome<AnnouncementResult>.Refused(Refusal.Invalid, "audience", $"接收服务应为：{string.Join("、", Audiences)}，或不填（全部）");
        }

        var townships = await db.Townships.AsNoTracking()
            .Where(t => request.TownshipCode == null || t.Code == request.TownshipCode)
            .Select(t => new { t.Id, t.Code })
            .ToListAsync(cancellationToken);
        if (request.TownshipCode is not null && townships.Count == 0)
        {
            return Outcome<AnnouncementResult>.Refused(Refusal.Invalid, "townshipCode", "乡镇不存在");
        }

        var started = clock.GetTimestamp();
        var households = 0;
        foreach (var township in townships)
        {
            households += await AnnounceTownshipAsync(township.Id, request.Audience, cancellationToken);
            signal.Notify();
        }

        return Outcome<AnnouncementResult>.Done(new AnnouncementResult(households, townships.Count, clock.GetElapsedTime(started).TotalSeconds));
    }

    private async Task<int> AnnounceTownshipAsync(int townshipId, string? audience, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var touched = await db.Database.SqlQuery<Guid>(
                $"UPDATE households h SET updated_at = {now} FROM villages v WHERE h.village_id = v.id AND v.township_id = {townshipId} RETURNING h.id AS \"Value\"")
            .ToListAsync(cancellationToken);
        if (touched.Count == 0)
        {
            return 0;
        }

        var households = await db.Households.AsNoTracking()
            .Where(h => h.Village!.TownshipId == townshipId)
            .Include(h => h.Village!).ThenInclude(v => v.Township)
            .Include(h => h.Members.Where(m => m.RemovedAt == null))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var events = households.Select(h => new HouseholdAnnounced
        {
            EventId = Guid.CreateVersion7(now),
            HouseholdId = h.Id,
            OccurredAt = now,
            HouseholdNumber = h.HouseholdNumber,
            TownshipCode = h.Village!.Township?.Code ?? h.Village.Code[..9],
            VillageCode = h.Village.Code,
            Status = h.Status,
            Members = h.Members.Select(m => m.ToSnapshot()).ToList(),
            Audience = audience,
        });
        await OutboxBulkWriter.CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), events, clock, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return households.Count;
    }
}

public static class AnnouncementsApi
{
    public static IEndpointRouteBuilder MapAnnouncementsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/households/announcements", AnnounceAsync)
            .RequireAuthorization(PlatformPolicies.CountyWrite)
            .WithTags("建档立卡户")
            .WithSummary("重新通告建档立卡户（行业部门服务补齐数据）：按乡镇或全县，发给指定服务或全部服务");
        return app;
    }

    internal static async Task<Results<Ok<AnnouncementResult>, ProblemHttpResult>> AnnounceAsync(
        AnnouncementRequest request, HouseholdAnnouncer announcer, CancellationToken cancellationToken)
    {
        var outcome = await announcer.AnnounceAsync(request, cancellationToken);
        return outcome.Value is { } result ? TypedResults.Ok(result) : outcome.ToProblem();
    }
}
