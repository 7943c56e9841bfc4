using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Contracts.Grpc.Households.V1;

namespace Platform.DemoCounty;

/// <summary>Where a load stands: records written to the stream so far.</summary>
public readonly record struct LoadProgress(int Sent, int Total, TimeSpan Elapsed, bool Completed)
{
    /// <summary>0–1.</summary>
    public double Fraction => Total > 0 ? Math.Min(1.0, (double)Sent / Total) : 1.0;

    public double RatePerSecond => Elapsed.TotalSeconds > 0 ? Sent / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time left at the rate so far; null until there is a rate.</summary>
    public TimeSpan? EstimatedRemaining =>
        RatePerSecond > 0 && Total >= Sent ? TimeSpan.FromSeconds((Total - Sent) / RatePerSecond) : null;
}

/// <summary>
/// Streams household records to <c>HouseholdRegistry.ImportHouseholds</c> (client streaming) as fast
/// as the server takes them, and returns the server's <see cref="ImportSummary"/>.
/// </summary>
public sealed class DemoCountyLoader : IDisposable
{
    private readonly GrpcChannel? ownedChannel;
    private readonly HouseholdRegistry.HouseholdRegistryClient client;

    /// <summary>The registry client this loader calls (for the campaign's load on the same channel).</summary>
    public HouseholdRegistry.HouseholdRegistryClient Client => client;
    private readonly string? accessToken;

    /// <summary>Opens a channel to <paramref name="grpcAddress"/> (http:// for cleartext HTTP/2).</summary>
    /// <param name="accessToken">Bearer token sent in the <c>authorization</c> metadata; null sends none.</param>
    public DemoCountyLoader(Uri grpcAddress, string? accessToken)
    {
        ArgumentNullException.ThrowIfNull(grpcAddress);
        ownedChannel = GrpcChannel.ForAddress(grpcAddress, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            },
            DisposeHttpClient = true,
        });
        client = new HouseholdRegistry.HouseholdRegistryClient(ownedChannel);
        this.accessToken = accessToken;
    }

    /// <summary>Uses a client the caller owns (tests, benches).</summary>
    public DemoCountyLoader(HouseholdRegistry.HouseholdRegistryClient client, string? accessToken)
    {
        this.client = client ?? throw new ArgumentNullException(nameof(client));
        this.accessToken = accessToken;
    }

    /// <summary>How often progress is reported while records are written (the last report always comes).</summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Writes every record to one <c>ImportHouseholds</c> stream, completes it and returns the summary.
    /// A call the server ends early (e.g. refused token, registry down) throws its <see cref="RpcException"/>.
    /// </summary>
    /// <param name="total">How many records <paramref name="records"/> holds (for percentage and ETA).</param>
    public async Task<ImportSummary> LoadAsync(
        IEnumerable<HouseholdRecord> records,
        int total,
        IProgress<LoadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);

        using var call = client.ImportHouseholds(Headers(), cancellationToken: cancellationToken);
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var lastReport = TimeSpan.Zero;
        progress?.Report(new LoadProgress(0, total, TimeSpan.Zero, false));
        try
        {
            foreach (var record in records)
            {
                await call.RequestStream.WriteAsync(record, cancellationToken);
                sent++;
                if (progress is not null && clock.Elapsed - lastReport >= ReportInterval)
                {
                    lastReport = clock.Elapsed;
                    progress.Report(new LoadProgress(sent, total, lastReport, false));
                }
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception writeFailure) when (writeFailure is RpcException or InvalidOperationException or IOException
                                              && !cancellationToken.IsCancellationRequested)
        {
            // The server ended the call while we were writing: its status says why.
            await call.ResponseAsync;
            throw;
        }

        var summary = await call.ResponseAsync;
        progress?.Report(new LoadProgress(sent, total, clock.Elapsed, true));
        return summary;
    }

    /// <summary>
    /// Creates or updates the county's townships and villages (行政区划) in the registry: households
    /// can only be imported into villages it knows. Safe to repeat.
    /// </summary>
    public async Task<ImportVillagesSummary> SeedVillagesAsync(County county, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(county);
        var request = new ImportVillagesRequest();
        request.Townships.AddRange(county.Townships.Select(t => new TownshipRecord { Code = t.Code, Name = t.Name }));
        request.Villages.AddRange(county.Villages.Select(v => new VillageRecord
        {
            Code = v.Code,
            Name = v.Name,
            TownshipCode = v.TownshipCode,
            RuralPopulation = v.RuralPopulation,
            IsPoorVillage = v.IsPoorVillage,
        }));
        return await client.ImportVillagesAsync(request, Headers(), cancellationToken: cancellationToken);
    }

    private Metadata Headers()
    {
        var headers = new Metadata();
        if (!string.IsNullOrEmpty(accessToken))
        {
            headers.Add("authorization", $"Bearer {accessToken}");
        }

        return headers;
    }

    public void Dispose() => ownedChannel?.Dispose();
}
