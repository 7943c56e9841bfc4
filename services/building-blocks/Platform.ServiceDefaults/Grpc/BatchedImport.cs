using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Grpc;

/// <summary>
/// The departmental feeds' shape: the call's records are read first (at most
/// <see cref="ImportLimits.MaxRecordsPerCall"/>; a call with more is refused with ResourceExhausted
/// before anything is applied), then applied in batches; a batch is applied and committed in one
/// transaction; if the commit fails (a concurrent change), the batch is applied again one record per
/// transaction, so one bad record never takes good ones with it. A record that meets a concurrent change alone too is
/// applied again on fresh data (<see cref="AloneAsync"/>) before it is answered as a conflict.
/// </summary>
public static class BatchedImport
{
    public const int BatchSize = 500;

    /// <summary>How many times a record (or a village, a household) is applied alone before its conflict is the caller's to resolve.</summary>
    public const int AloneAttempts = 3;

    /// <summary>What a feed's reply says of a record that met a concurrent change on every try (<see cref="AloneAttempts"/>).</summary>
    public const string ConflictReason = "与同时进行的其他更新冲突，请重新报送该记录";

    /// <summary>
    /// How many rejections a feed's reply lists (its count covers them all): the first ones in record order are what a
    /// department fixes first, and listing every one would make a reply as large as a bad feed.
    /// </summary>
    public const int MaxRejectionsReported = 1000;

    /// <summary>Adds a committed batch's rejections to the reply's list, in record order, up to <see cref="MaxRejectionsReported"/>.</summary>
    public static void Report<TRejection>(IList<TRejection> reported, IEnumerable<TRejection> rejections, Func<TRejection, int> index)
    {
        ArgumentNullException.ThrowIfNull(reported);
        foreach (var rejection in rejections.OrderBy(index).Take(Math.Max(0, MaxRejectionsReported - reported.Count)))
        {
            reported.Add(rejection);
        }
    }

    /// <summary>
    /// Every record of the call, read before anything is applied: a stream over the per-call limit
    /// (enforced on every client stream by <see cref="ImportRecordLimit"/>) fails here, whole.
    /// </summary>
    public static async Task<IReadOnlyList<TRecord>> ReadAllAsync<TRecord>(IAsyncStreamReader<TRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var all = new List<TRecord>();
        await foreach (var record in records.ReadAllAsync(cancellationToken))
        {
            all.Add(record);
        }

        return all;
    }

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
        foreach (var record in await ReadAllAsync(records, cancellationToken))
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
            merge(await AloneAsync(ct => tryApply([one], ct), cancellationToken) ?? conflicted(one.Index, one.Record));
        }
    }

    /// <summary>
    /// Applies one unit on its own up to <see cref="AloneAttempts"/> times, a short pause between tries; null when every try
    /// met a concurrent change. Beside a busy stream of events (a county's first load) a lone record can lose a race or be
    /// a deadlock's victim once: PostgreSQL's answer to both is to run the transaction again, and a feed has no person
    /// who must see the new state first, so the service does it rather than asking the department to send the record again.
    /// </summary>
    public static async Task<TResult?> AloneAsync<TResult>(Func<CancellationToken, Task<TResult?>> tryApply, CancellationToken cancellationToken)
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(tryApply);
        var pause = TimeSpan.FromMilliseconds(25);
        for (var attempt = 1; ; attempt++)
        {
            if (await tryApply(cancellationToken) is { } applied)
            {
                return applied;
            }

            if (attempt == AloneAttempts)
            {
                return null;
            }

            await Task.Delay(pause, cancellationToken);
            pause *= 4;
        }
    }
}

/// <summary>Section "Grpc:Import": how many records one import call (a client stream) may send.</summary>
public sealed class ImportLimits
{
    public const string SectionName = "Grpc:Import";

    /// <summary>Records per call; more is refused with ResourceExhausted and nothing of the call is applied. Default 100,000.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000_000)]
    public int MaxRecordsPerCall { get; set; } = 100_000;
}

/// <summary>
/// Holds every client stream of a host to <see cref="ImportLimits.MaxRecordsPerCall"/>: reading the
/// record after the last one allowed fails the call with ResourceExhausted and a message saying so.
/// </summary>
public sealed class ImportRecordLimit(IOptions<ImportLimits> limits) : Interceptor
{
    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(new LimitedReader<TRequest>(requestStream, limits.Value.MaxRecordsPerCall), context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(new LimitedReader<TRequest>(requestStream, limits.Value.MaxRecordsPerCall), responseStream, context);
    }

    private sealed class LimitedReader<T>(IAsyncStreamReader<T> inner, int limit) : IAsyncStreamReader<T>
    {
        private int read;

        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await inner.MoveNext(cancellationToken))
            {
                return false;
            }

            if (++read > limit)
            {
                throw new RpcException(new Status(
                    StatusCode.ResourceExhausted,
                    $"单次调用至多发送 {limit} 条记录，请分批发送；本次调用的记录均未导入"));
            }

            return true;
        }
    }
}
