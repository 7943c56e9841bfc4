namespace Platform.Industry.Domain;

/// <summary>A record of one registered household: it is seen where the household is (the caller's data scope).</summary>
public interface IHouseholdRecord
{
    Guid HouseholdId { get; }
}

/// <summary>A record placed in a village of its own (an entity, a base): seen by the callers whose scope holds the village.</summary>
public interface IPlaced
{
    string TownshipCode { get; }

    string VillageCode { get; }
}
