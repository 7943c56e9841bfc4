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
}
