using Platform.Contracts;
using Platform.Contracts.Registry;

namespace Platform.Testing;

/// <summary>The pillars' reports to the registry as tests send them.</summary>
public static class PillarReports
{
    /// <summary>A 2020 wage from <paramref name="source"/>'s record <paramref name="sourceRecordId"/>, counting toward exit.</summary>
    public static IncomeRecorded Wage(Pillar source, string sourceRecordId, Guid? household = null, decimal amount = 100m, string description = "工资") => new()
    {
        EventId = Guid.NewGuid(),
        HouseholdId = household ?? Guid.NewGuid(),
        OccurredAt = DateTimeOffset.UtcNow,
        Year = 2020,
        Kind = IncomeKind.Wage,
        Amount = amount,
        CountsTowardExit = true,
        Source = source,
        SourceRecordId = sourceRecordId,
        Description = description,
    };
}
