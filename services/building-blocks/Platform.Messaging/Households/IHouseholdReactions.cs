using Platform.Contracts.Households;

namespace Platform.Messaging.Households;

/// <summary>
/// What a pillar does when its copy of the registry changes. Called inside the event batch, after the
/// replica has changed and in each household's order; add rows (and outbox events) to the unit of work,
/// never save. Implement what the pillar needs; the rest does nothing.
/// </summary>
public interface IHouseholdReactions
{
    /// <summary>A household the pillar did not know: registered, or announced by a catch-up.</summary>
    Task HouseholdFollowedAsync(ReplicaHousehold household, IReadOnlyList<ReplicaMember> members, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A member joined a known household (born, married in, moved in), or appeared in an announcement.</summary>
    Task MemberJoinedAsync(ReplicaHousehold household, ReplicaMember member, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A known member's details changed (an announcement, or the registry's health record).</summary>
    Task MemberChangedAsync(ReplicaHousehold household, ReplicaMember member, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A member left the household (died, married or moved out…), or was missing from an announcement.</summary>
    Task MemberLeftAsync(ReplicaHousehold household, ReplicaMember member, MemberRemovalReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The household moved to another village (易地扶贫搬迁 or a correction): its records follow it.</summary>
    Task HouseholdMovedAsync(ReplicaHousehold household, string previousVillageCode, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Whether <see cref="StatusChangedAsync"/> does anything. When not, the households of a batch whose only events are
    /// changes of status have their rows read and nothing else: neither their members nor what the reactions prepare
    /// (a county's exits are 48,000 such events for each pillar).
    /// </summary>
    bool ReactsToStatusChanges => false;

    /// <summary>The household's status changed (poor → exited → monitored…); called only when <see cref="ReactsToStatusChanges"/>.</summary>
    Task StatusChangedAsync(ReplicaHousehold household, HouseholdStatus previous, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Loads in a few set-based queries what the reactions will touch for a batch's households.</summary>
    Task PrepareAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A pillar with nothing to do beyond keeping its copy.</summary>
public sealed class NoHouseholdReactions : IHouseholdReactions;
