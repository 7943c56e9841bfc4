using Platform.Contracts.Registry;

namespace Platform.Households.Domain;

/// <summary>
/// One income record a pillar reported. (Source, SourceRecordId) is unique: a pillar's record is
/// counted once however often it arrives; a later report of the same record corrects it.
/// </summary>
public sealed class IncomeRecord
{
    public Guid Id { get; init; }

    public required Guid HouseholdId { get; init; }

    public Guid? MemberId { get; set; }

    public required int Year { get; set; }

    public required IncomeKind Kind { get; set; }

    /// <summary>Yuan, two decimals, never negative: a production cost is a kind, not a sign.</summary>
    public required decimal Amount { get; set; }

    public required bool CountsTowardExit { get; set; }

    public required Pillar Source { get; init; }

    public required string SourceRecordId { get; init; }

    public string? Description { get; set; }

    /// <summary>The event that last set this record, for tracing a figure back to its message.</summary>
    public required Guid EventId { get; set; }

    public required DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A household's income of one year by the registry's formula.</summary>
public sealed record IncomeSummary(
    int Year,
    int HouseholdSize,
    decimal Wage,
    decimal Business,
    decimal Property,
    decimal Transfer,
    decimal ProductionCost)
{
    /// <summary>纯收入 = 工资性 + 生产经营性 + 财产性 + 转移性 − 生产经营性支出.</summary>
    public decimal NetIncome => Wage + Business + Property + Transfer - ProductionCost;

    /// <summary>人均纯收入, rounded to fen; 0 for a household without members.</summary>
    public decimal PerCapitaNetIncome =>
        HouseholdSize == 0 ? 0m : Math.Round(NetIncome / HouseholdSize, 2, MidpointRounding.AwayFromZero);
}

public static class IncomeCalculator
{
    /// <summary>
    /// Sums the records of one year by kind. With <paramref name="stableOnly"/>, only records that
    /// count toward stable exit income (education aid, medical reimbursement… are left out).
    /// </summary>
    public static IncomeSummary Summarise(int year, int householdSize, IEnumerable<IncomeRecord> records, bool stableOnly)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(householdSize);
        ArgumentNullException.ThrowIfNull(records);
        decimal wage = 0, business = 0, property = 0, transfer = 0, cost = 0;
        foreach (var record in records.Where(r => r.Year == year && (!stableOnly || r.CountsTowardExit)))
        {
            switch (record.Kind)
            {
                case IncomeKind.Wage: wage += record.Amount; break;
                case IncomeKind.Business: business += record.Amount; break;
                case IncomeKind.Property: property += record.Amount; break;
                case IncomeKind.Transfer: transfer += record.Amount; break;
                case IncomeKind.ProductionCost: cost += record.Amount; break;
                default: throw new ArgumentOutOfRangeException(nameof(records), record.Kind, "Unknown income kind");
            }
        }

        return new IncomeSummary(year, householdSize, wage, business, property, transfer, cost);
    }
}
