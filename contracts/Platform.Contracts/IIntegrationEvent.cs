namespace Platform.Contracts;

/// <summary>
/// What every integration event carries: its own id (the message id on the bus, so a redelivery is
/// recognised), when it happened, and the key of the things whose events must stay in order.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }

    /// <summary>
    /// Events with the same key are applied in the order they were committed, at every consumer; events
    /// of different keys may be applied side by side. Not part of the message body: derived from it.
    /// </summary>
    string PartitionKey { get; }
}

/// <summary>An event about one registered household: its events are kept in order by the household's id.</summary>
public interface IHouseholdEvent : IIntegrationEvent
{
    Guid HouseholdId { get; }

    string IIntegrationEvent.PartitionKey => PartitionKeys.Household(HouseholdId);
}

/// <summary>The partition keys of the platform's streams, one format each, so that publishers agree.</summary>
public static class PartitionKeys
{
    public static string Household(Guid householdId) => householdId.ToString("N");

    /// <summary>Events about a village as a whole (its exit, its work team), in order per village.</summary>
    public static string Village(string villageCode) => "village:" + villageCode;

    /// <summary>Events about something that is neither a household nor a village (a resettlement site…).</summary>
    public static string Of(string kind, string id) => kind + ":" + id;
}

/// <summary>
/// An event meant for one service only (a catch-up of a pillar that joined late): it travels in its
/// partition's order like any other, and only that service's queues receive it.
/// </summary>
public interface IAddressedEvent : IIntegrationEvent
{
    /// <summary>The service it is for (e.g. "education"); null for every subscriber.</summary>
    string? Audience { get; }
}
