using Grpc.Core;

namespace Platform.ServiceDefaults.Grpc;

/// <summary>
/// The departmental feeds' shape: records read from a client stream in batches; a batch is applied
/// and committed in one transaction; if the commit fails (a concurrent change), the batch is applied
/// again one record per transaction, so one bad record never takes good ones with it.
/// </summary>
public static class BatchedImport
{
    public const int BatchSize = 500;

    /// <summary>Runs the import and returns how many records were received.</summary>
    /// <param name="tryApply">Applies and commits records; null when the commit failed (nothing written).</param>
    /// <param name="conflicted">The result for a record that failed alone too.</param>
    /// <param name="merge">Adds a committed result to the summary.</param>
    public static async Task<int> RunAsync<TRecord, TResult>(
        IAsyncStreamReader<TRecord> records,
        Func<IReadOnlyList<(int Index, TRecord Record)>, CancellationToken, Task<TResult?>> tryApply,
        Func<int, TRecord, TResult> conflicted,
        Action<TResult> merge,
        CancellationToken cancellationToken)
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(records);
        var batch = new List<(int Index, TRecord Record)>(BatchSize);
        var index = 0;
        await foreach (var record in records.ReadAllAsync(cancellationToken))
        {
            batch.Add((index++, record));
            if (batch.Count == BatchSize)
            {
                await ApplyAsync(batch, tryApply, conflicted, merge, cancellationToken);
                batch.Clear();
            }
        }

        await ApplyAsync(batch, tryApply, conflicted, merge, cancellationToken);
        return index;
    }

    private static async Task ApplyAsync<TRecord, TResult>(
        List<(int Index, TRecord Record)> batch,
        Func<IReadOnlyList<(int Index, TRecord Record)>, CancellationToken, Task<TResult?>> tryApply,
        Func<int, TRecord, TResult> conflicted,
        Action<TResult> merge,
        CancellationToken cancellationToken)
        where TResult : class
    {
        if (batch.Count == 0)
        {
            return;
        }

        var result = await tryApply(batch, cancellationToken);
        if (result is not null)
        {
            merge(result);
            return;
        }

        foreach (var one in batch)
        {
            merge(await tryApply([one], cancellationToken) ?? conflicted(one.Index, one.Record));
        }
    }
}
