using Platform.Contracts.Registry;
using Platform.Households.Domain;

namespace Platform.Households.Tests.Domain;

public class IncomeCalculatorTests
{
    private static IncomeRecord Record(IncomeKind kind, decimal amount, bool counts = true, int year = 2020) => new()
    {
        Id = Guid.NewGuid(),
        HouseholdId = Guid.Empty,
        Year = year,
        Kind = kind,
        Amount = amount,
        CountsTowardExit = counts,
        Source = Pillar.Industry,
        SourceRecordId = Guid.NewGuid().ToString(),
        EventId = Guid.NewGuid(),
        RecordedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void Per_capita_net_income_is_the_sum_of_the_four_kinds_less_costs_divided_by_household_size()
    {
        IncomeRecord[] records =
        [
            Record(IncomeKind.Wage, 8000m),
            Record(IncomeKind.Business, 5000m),
            Record(IncomeKind.Property, 600m),
            Record(IncomeKind.Transfer, 4000m),
            Record(IncomeKind.ProductionCost, 1600m),
        ];

        var summary = IncomeCalculator.Summarise(2020, 3, records, stableOnly: false);

        Assert.Equal(16000m, summary.NetIncome);
        Assert.Equal(5333.33m, summary.PerCapitaNetIncome);
    }

    [Fact]
    public void Stable_income_leaves_out_records_that_do_not_count_toward_exit()
    {
        IncomeRecord[] records =
        [
            Record(IncomeKind.Wage, 6000m),
            Record(IncomeKind.Transfer, 3000m, counts: false), // e.g. 雨露计划 or a medical reimbursement
        ];

        Assert.Equal(4500m, IncomeCalculator.Summarise(2020, 2, records, stableOnly: false).PerCapitaNetIncome);
        Assert.Equal(3000m, IncomeCalculator.Summarise(2020, 2, records, stableOnly: true).PerCapitaNetIncome);
    }

    [Fact]
    public void Only_the_requested_year_counts()
    {
        IncomeRecord[] records = [Record(IncomeKind.Wage, 6000m, year: 2019), Record(IncomeKind.Wage, 7000m, year: 2020)];
        Assert.Equal(7000m, IncomeCalculator.Summarise(2020, 1, records, stableOnly: false).NetIncome);
    }

    [Fact]
    public void A_household_without_members_has_no_per_capita_income_rather_than_a_division_by_zero()
    {
        Assert.Equal(0m, IncomeCalculator.Summarise(2020, 0, [Record(IncomeKind.Wage, 1m)], stableOnly: false).PerCapitaNetIncome);
    }
}
