using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Testing;
using Platform.Welfare.Reactions;

namespace Platform.Welfare.Tests.Api;

/// <summary>A batch of the pillars' income reports finds the records it may correct through the key's index.</summary>
public class BatchQueryPlanTests(WelfareFixture fixture) : IClassFixture<WelfareFixture>
{
    [Fact]
    public async Task A_batch_of_income_reports_looks_its_records_up_by_both_columns_of_the_key()
    {
        IncomeRecorded[] reported = [PillarReports.Wage(Pillar.Industry, "wage-1"), PillarReports.Wage(Pillar.Ecology, "ranger-1")];

        var plan = await fixture.QueryAsync(db => QueryPlans.ExplainAsync(db, IncomeBatch.RecordsOf(db, [.. reported.Select(r => (r.Source, r.SourceRecordId))])));

        // By source_record_id alone the (source, source_record_id) index is walked whole: a batch read the table.
        Assert.Matches(@"Index Cond: \(\(source = ANY .*source_record_id.* = ANY", plan);
    }
}
