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

/// <summary>
/// The registry's households counted by village, status and exit year (0 for none): households, people (their sizes)
/// and those with a helper now. Kept by the database itself — a statement trigger on households, in the transaction of
/// every change, bulk paths included — so the county's figures read a few hundred rows, exactly, and drill down to the
/// households they count with the same filters. Never written by the application.
/// </summary>
public sealed class HouseholdTally
{
    public int VillageId { get; private set; }

    public Contracts.Households.HouseholdStatus Status { get; private set; }

    public int ExitYear { get; private set; }

    public long Households { get; private set; }

    public long People { get; private set; }

    public long Paired { get; private set; }
}

/// <summary>Helpers with a pairing not yet ended, by kind, kept by the database (triggers on pairings and cadres) as <see cref="HouseholdTally"/> is.</summary>
public sealed class HelperTally
{
    public HelperKind Kind { get; private set; }

    public long Paired { get; private set; }
}
