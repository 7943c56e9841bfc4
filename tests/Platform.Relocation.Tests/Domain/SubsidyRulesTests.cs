using Platform.Contracts.Registry;
using Platform.Relocation.Domain;

namespace Platform.Relocation.Tests.Domain;

/// <summary>"Some transfers (... housing and relocation subsidies ...) do not count toward stable exit income".</summary>
public class SubsidyRulesTests
{
    [Fact]
    public void A_relocation_or_housing_subsidy_is_transfer_income_that_does_not_count_toward_exit()
    {
        var payment = new SubsidyPayment
        {
            Id = Guid.NewGuid(), HouseholdId = Guid.NewGuid(), Kind = SubsidyKind.Relocation, SourceRecordId = "relocation-case:1", RecordedAt = Given.Now, RecordedBy = "tests",
        };
        Assert.True(payment.Pay(60_000m, new DateOnly(2018, 9, 1)));
        var income = payment.ToIncome(Given.Now);
        Assert.Equal((IncomeKind.Transfer, false, Pillar.Relocation, 2018, 60_000m), (income.Kind, income.CountsTowardExit, income.Source, income.Year, income.Amount));
        Assert.Equal("subsidy:relocation-case:1", income.SourceRecordId);
    }

    [Fact]
    public void A_correction_keeps_the_source_record_so_the_registry_counts_it_once()
    {
        var payment = new SubsidyPayment
        {
            Id = Guid.NewGuid(), HouseholdId = Guid.NewGuid(), Kind = SubsidyKind.Renovation, SourceRecordId = "renovation:7", RecordedAt = Given.Now, RecordedBy = "tests",
        };
        Assert.True(payment.Pay(20_000m, new DateOnly(2019, 8, 1)));
        Assert.False(payment.Pay(20_000m, new DateOnly(2019, 8, 1)));
        Assert.True(payment.Pay(25_000m, new DateOnly(2019, 8, 1)));
        Assert.Equal(payment.ToIncome(Given.Now).SourceRecordId, payment.ToIncome(Given.Now.AddDays(1)).SourceRecordId);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(12.345, false)]
    [InlineData(300_000.01, false)]
    [InlineData(12.34, true)]
    public void An_amount_is_positive_in_yuan_with_two_decimals_and_not_absurd(decimal amount, bool valid) =>
        Assert.Equal(valid, SubsidyPayment.CheckAmount(amount).Succeeded);
}
