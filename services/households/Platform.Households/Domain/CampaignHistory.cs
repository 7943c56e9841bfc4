namespace Platform.Households.Domain;

/// <summary>
/// A village's campaign history (脱贫攻坚历史, 2014–2020) as it was imported from the national system: once per
/// village, with a digest of what was imported, so the same history again changes nothing and a different one
/// is refused (history is not rewritten).
/// </summary>
public sealed class CampaignHistoryImport
{
    /// <summary>Names the import in what it recorded (the income records' event, for tracing a figure back).</summary>
    public required Guid Id { get; init; }

    public required int VillageId { get; init; }

    public string? ClientRef { get; init; }

    /// <summary>SHA-256 (hex) of the village's record as received, without the caller's reference.</summary>
    public required string Digest { get; init; }

    public required string ImportedBy { get; init; }

    public required DateTimeOffset ImportedAt { get; init; }
}
