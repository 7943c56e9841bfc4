using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Contracts.Households;
using Platform.Messaging.Stream;

namespace Platform.Messaging.Households;

public static class HouseholdReplicaRegistration
{
    /// <summary>
    /// The pillar follows the registry: its replica of households and members is kept from the registry's
    /// events (registered, announced, members added and removed, status, moves, health), and
    /// <typeparamref name="TReactions"/> does the pillar's own part in the same batch.
    /// </summary>
    public static EventStreamBuilder FollowHouseholds<TDbContext, TReactions>(this EventStreamBuilder stream)
        where TDbContext : DbContext, IHouseholdReplicaDbContext
        where TReactions : class, IHouseholdReactions
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Services.TryAddScoped<IHouseholdReactions, TReactions>();
        return stream
            .PrepareWith<HouseholdReplicaBatch<TDbContext>>()
            .Handle<HouseholdRegistered, HouseholdReplicaHandlers<TDbContext>>()
            .Handle<HouseholdAnnounced, HouseholdReplicaHandlers<TDbContext>>()
            .Handle<HouseholdMemberAdded, HouseholdReplicaHandlers<TDbContext>>()
            .Handle<HouseholdMemberRemoved, HouseholdReplicaHandlers<TDbContext>>()
            .Handle<HouseholdStatusChanged, HouseholdReplicaHandlers<TDbContext>>()
            .Handle<HouseholdMoved, HouseholdReplicaHandlers<TDbContext>>()
            .Handle<MemberHealthChanged, HouseholdReplicaHandlers<TDbContext>>();
    }
}
