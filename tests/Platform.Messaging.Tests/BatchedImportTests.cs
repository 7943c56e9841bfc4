using Grpc.Core;
using Platform.ServiceDefaults.Grpc;

namespace Platform.Messaging.Tests;

/// <summary>
/// The feeds' shape (<see cref="BatchedImport"/>): a batch whose commit meets a concurrent change is applied again record by
/// record, and a record that meets one alone is tried again before the department is told to send it again.
/// </summary>
public class BatchedImportTests
{
    [Fact]
    public async Task A_record_that_loses_a_race_alone_once_is_applied_on_fresh_data_not_refused()
    {
        var tries = new Dictionary<int, int>();
        var outcome = await RunAsync(["a", "b", "c"], (batch, _) =>
        {
            if (batch.Count > 1)
            {
                return null; // the batch's commit met a concurrent change
            }

            var index = batch[0].Index;
            tries[index] = tries.GetValueOrDefault(index) + 1;
            return index == 1 && tries[index] == 1 ? null : "applied " + batch[0].Record; // b is a deadlock's victim once
        });

        Assert.Equal(new[] { "applied a", "applied b", "applied c" }, outcome);
        Assert.Equal(2, tries[1]);
    }

    [Fact]
    public async Task A_record_that_meets_a_concurrent_change_on_every_try_is_answered_as_a_conflict_after_a_few()
    {
        var tries = 0;
        var outcome = await RunAsync(["a", "b"], (batch, _) =>
        {
            if (batch.Count > 1)
            {
                return null;
            }

            if (batch[0].Record == "b")
            {
                tries++;
                return null;
            }

            return "applied a";
        });

        Assert.Equal(new[] { "applied a", "conflict b" }, outcome);
        Assert.Equal(BatchedImport.AloneAttempts, tries);
    }

    [Fact]
    public void A_reply_lists_the_first_rejections_in_record_order_up_to_the_cap_across_batches()
    {
        var reported = new List<int>();
        BatchedImport.Report(reported, [7, 3, 5], r => r); // a batch's rejections come in the order its rules found them
        Assert.Equal(new[] { 3, 5, 7 }, reported);

        BatchedImport.Report(reported, Enumerable.Range(500, 2000).Reverse(), r => r);
        Assert.Equal(BatchedImport.MaxRejectionsReported, reported.Count);
        Assert.Equal(new[] { 3, 5, 7, 500, 501 }, reported.Take(5));
        Assert.Equal(500 + BatchedImport.MaxRejectionsReported - 4, reported[^1]);

        BatchedImport.Report(reported, [1], r => r); // a full list takes no more
        Assert.Equal(BatchedImport.MaxRejectionsReported, reported.Count);
    }

    private static async Task<List<string>> RunAsync(string[] records, Func<IReadOnlyList<(int Index, string Record)>, CancellationToken, string?> tryApply)
    {
        var merged = new List<string>();
        await BatchedImport.RunAsync<string, string>(
            new Records(records),
            (batch, ct) => Task.FromResult(tryApply(batch, ct)),
            (_, record) => "conflict " + record,
            merged.Add,
            CancellationToken.None);
        return merged;
    }

    private sealed class Records(string[] records) : IAsyncStreamReader<string>
    {
        private int next = -1;

        public string Current => records[next];

        public Task<bool> MoveNext(CancellationToken cancellationToken) => Task.FromResult(++next < records.Length);
    }
}
