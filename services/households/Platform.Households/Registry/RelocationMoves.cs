using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Relocation;
using Platform.Households.Data;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.Messaging.Stream;

namespace Platform.Households.Registry;

/// <summary>
/// A relocated household moved in (搬迁入住, from the relocation pillar): the registry files it under the
/// site's village by its own move (<see cref="HouseholdCommands.MoveAsync"/>, which publishes
/// <c>HouseholdMoved</c>, so every pillar follows). A batch looks up where its households are filed in one
/// query: a household already in that village (a case recorded after the fact) is left as it is.
/// </summary>
public sealed class RelocationMoves(HouseholdsDbContext db, HouseholdCommands commands) : IEventHandler<HouseholdRelocated>, IEventBatchPreparer
{
    private static readonly DataScope Registry = new(ScopeLevel.County, null);
    private readonly Dictionary<Guid, string> filedUnder = [];

    public async Task PrepareAsync(IReadOnlyList<IIntegrationEvent> events, CancellationToken cancellationToken)
    {
        var ids = events.OfType<HouseholdRelocated>().Select(e => e.HouseholdId).Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        foreach (var household in await db.Households.Where(h => ids.Contains(h.Id)).Select(h => new { h.Id, h.Village!.Code }).ToListAsync(cancellationToken))
        {
            filedUnder[household.Id] = household.Code;
        }
    }

    public async Task HandleAsync(HouseholdRelocated relocated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(relocated);
        if (filedUnder.TryGetValue(relocated.HouseholdId, out var village) && village == relocated.VillageCode)
        {
            return;
        }

        var reason = $"易地扶贫搬迁入住{relocated.SiteName ?? "（分散安置）"}，{relocated.MovedInOn:yyyy-MM-dd}";
        var moved = await commands.MoveAsync(relocated.HouseholdId, new MoveRequest(relocated.VillageCode, reason), Registry, cancellationToken);
        switch (moved.Refusal)
        {
            case null:
                filedUnder[relocated.HouseholdId] = relocated.VillageCode;
                return;
            case Refusal.Conflict:
                // Another change of the household at the same time: the batch is applied again.
                throw new DbUpdateConcurrencyException($"Household {relocated.HouseholdId} changed while it was being moved");
            default:
                throw new PermanentEventFailureException(
                    $"HouseholdRelocated {relocated.EventId} cannot be applied: {string.Join("; ", moved.Errors?.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}") ?? [])}");
        }
    }
}
