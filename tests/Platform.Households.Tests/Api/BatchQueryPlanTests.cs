using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Households.Consumers;
using Platform.Households.Data;
using Platform.Testing;

namespace Platform.Households.Tests.Api;

/// <summary>A batch of the pillars' reports finds the income records it may correct through the key's index.</summary>
public class BatchQueryPlanTests(HouseholdsFixture fixture) : IClassFixture<HouseholdsFixture>
{
    [Fact]
    public async Task A_batch_of_income_reports_looks_its_records_up_by_both_columns_of_the_unique_index()
    {
        (Pillar, string)[] reported = [(Pillar.Industry, "wage-1"), (Pillar.Ecology, "ranger-1")];
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HouseholdsDbContext>();

        var plan = await QueryPlans.ExplainAsync(db, PillarReportBatch.IncomeRecordsOf(db, reported));

        // By source_record_id alone the (source, source_record_id) index is walked whole: a batch read the table.
        Assert.Matches(@"Index Cond: \(\(source = ANY .*source_record_id.* = ANY", plan);
    }
}
