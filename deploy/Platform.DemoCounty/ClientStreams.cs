using System.Diagnostics;
using Grpc.Core;

namespace Platform.DemoCounty;

/// <summary>The pillars' bulk feeds as the loaders call them: one client stream, its records, its summary.</summary>
public static class ClientStreams
{
    /// <summary>Streams <paramref name="records"/> to <paramref name="call"/> (progress every 200 ms) and returns the summary.</summary>
    public static async Task<TSummary> SendAsync<TRecord, TSummary>(
        AsyncClientStreamingCall<TRecord, TSummary> call, IReadOnlyList<TRecord> records, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(records);
        using (call)
        {
            var clock = Stopwatch.StartNew();
            var last = TimeSpan.Zero;
            for (var i = 0; i < records.Count; i++)
            {
                await call.RequestStream.WriteAsync(records[i], cancellationToken);
                if (progress is not null && clock.Elapsed - last >= TimeSpan.FromMilliseconds(200))
                {
                    last = clock.Elapsed;
                    progress.Report(new LoadProgress(i + 1, records.Count, last, false));
                }
            }

            await call.RequestStream.CompleteAsync();
            var summary = await call.ResponseAsync;
            progress?.Report(new LoadProgress(records.Count, records.Count, clock.Elapsed, true));
            return summary;
        }
    }

    /// <summary>Records a feed takes in one call: the services refuse a call of more (Grpc:Import:MaxRecordsPerCall, 100,000).</summary>
    public const int RecordsPerCall = 50_000;

    /// <summary>Streams the records in calls of at most <see cref="RecordsPerCall"/>, one new call each, and adds their summaries up.</summary>
    public static async Task<TSummary> SendInCallsAsync<TRecord, TSummary>(
        Func<AsyncClientStreamingCall<TRecord, TSummary>> open, IEnumerable<TRecord> records, TSummary total, Action<TSummary, TSummary> add, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(add);
        foreach (var chunk in records.Chunk(RecordsPerCall))
        {
            using var call = open();
            foreach (var record in chunk)
            {
                await call.RequestStream.WriteAsync(record, cancellationToken);
            }

            await call.RequestStream.CompleteAsync();
            add(total, await call.ResponseAsync);
        }

        return total;
    }
}
