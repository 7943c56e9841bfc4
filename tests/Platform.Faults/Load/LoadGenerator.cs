namespace Platform.Faults.Load;

/// <summary>The workers, started together and stopped together (each finishes, and settles, the write it is in).</summary>
internal sealed class LoadGenerator : IAsyncDisposable
{
    private readonly List<LoadWorker> workers;
    private readonly BulkRegistrations? bulk;
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> running = [];

    public LoadGenerator(GatewayClient gateway, Ledger ledger, FaultHarnessOptions options, string runTag)
    {
        workers = [.. Enumerable.Range(1, options.Workers).Select(n => new LoadWorker(n, gateway, ledger, options, runTag))];
        bulk = options.BulkSize > 0 ? new BulkRegistrations(gateway, ledger, options) : null;
    }

    /// <summary>Writes the platform accepted so far (a household of a bulk import counts as one), all workers together.</summary>
    public int Accepted => workers.Sum(w => w.Accepted) + (bulk?.Accepted ?? 0);

    public void Start()
    {
        running.AddRange(workers.Select(w => Task.Run(() => w.RunAsync(stop.Token))));
        if (bulk is not null)
        {
            running.Add(Task.Run(() => bulk.RunAsync(stop.Token)));
        }
    }

    /// <summary>Asks every worker to stop after its current write, and waits until they have.</summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(running);
    }

    /// <summary>Bounded wait until the load has made <paramref name="writes"/> more accepted writes (or the time is up).</summary>
    public async Task WaitForProgressAsync(int writes, TimeSpan atMost)
    {
        var target = Accepted + writes;
        var deadline = DateTime.UtcNow + atMost;
        while (Accepted < target && DateTime.UtcNow < deadline && !running.Any(t => t.IsFaulted))
        {
            await Task.Delay(100);
        }

        // A worker that crashed is a bug of the harness: surface it now rather than after the run.
        if (running.FirstOrDefault(t => t.IsFaulted) is { } failed)
        {
            await failed;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
        }

        try
        {
            await Task.WhenAll(running);
        }
        catch (Exception) when (running.Any(t => t.IsFaulted))
        {
            // Already reported by WaitForProgressAsync or StopAsync.
        }

        stop.Dispose();
    }
}
