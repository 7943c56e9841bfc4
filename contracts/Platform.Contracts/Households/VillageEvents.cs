using System.Text.Json.Serialization;

namespace Platform.Contracts.Households;

/// <summary>
/// A poor village exited (贫困村出列) by its own procedure: an event about a village, not a household,
/// kept in order per village.
/// </summary>
public sealed record VillageExited : IIntegrationEvent
{
    public required Guid EventId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required string VillageCode { get; init; }

    public required string TownshipCode { get; init; }

    /// <summary>The year the village exited in.</summary>
    public required int Year { get; init; }

    /// <summary>贫困发生率 at the check, a fraction (0.0123 = 1.23%).</summary>
    public required decimal PovertyIncidence { get; init; }

    public required DateOnly ExitedOn { get; init; }

    [JsonIgnore]
    public string PartitionKey => PartitionKeys.Village(VillageCode);
}
