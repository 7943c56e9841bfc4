using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Faults.Checking;
using Platform.Faults.Cluster;
using Platform.Faults.Load;
using Platform.Testing;

namespace Platform.Faults;

/// <summary>
/// The fault harness (issue 8): starts the platform as separate processes on servers of its own, drives a
/// steady mixed load through the gateway, and meanwhile SIGKILLs and restarts RabbitMQ, PostgreSQL, the
/// registry and the education pillar in turn, <see cref="FaultHarnessOptions.Cycles"/> times each. Then it
/// stops the load, waits (bounded) until every outbox and queue is empty, and compares what every consumer
/// holds with the ledger of what the platform accepted.
/// </summary>
public static partial class FaultHarness
{
    public static async Task<FaultReport> RunAsync(FaultHarnessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var log = options.Log;
        var clock = Stopwatch.StartNew();
        var cluster = await PlatformCluster.StartAsync(log);
        var keep = options.KeepFolder;
        try
        {
            using var gateway = new GatewayClient(cluster.GatewayHttp, cluster.GatewayGrpc);
            await LoadCountyAsync(gateway);
            var ledger = new Ledger();
            var runTag = string.Create(CultureInfo.InvariantCulture, $"{options.Seed}-{DateTime.UtcNow:HHmmss}");
            var kills = options.Victims.Distinct().ToDictionary(v => v, _ => 0);
            await using (var load = new LoadGenerator(gateway, ledger, options, runTag))
            {
                load.Start();
                await load.WaitForProgressAsync(writes: 20, atMost: TimeSpan.FromMinutes(1));
                var random = new Random(options.Seed);
                for (var cycle = 1; cycle <= options.Cycles; cycle++)
                {
                    foreach (var victim in options.Victims)
                    {
                        // A random moment, so that kills land in every phase of a write, a publish and a batch.
                        await Task.Delay(random.Next(0, 1000));
                        var downtime = TimeSpan.FromMilliseconds(random.Next(200, (int)Math.Max(201, options.MaxDowntime.TotalMilliseconds)));
                        var outage = Stopwatch.StartNew();
                        await cluster.KillAsync(victim);
                        await Task.Delay(downtime);
                        await cluster.RestartAsync(victim);
                        await cluster.WaitReadyAsync(options.RecoveryPatience);
                        kills[victim]++;
                        var before = load.Accepted;
                        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"cycle {cycle}/{options.Cycles}: {victim} killed, back and all ready after {outage.Elapsed.TotalSeconds:0.0} s ({before} writes accepted so far)"));
                        // Load on the recovered platform before the next kill: time, and writes that went through.
                        await Task.Delay(options.LoadBetweenFaults);
                        await load.WaitForProgressAsync(writes: 10, atMost: TimeSpan.FromSeconds(60));
                    }
                }

                log.WriteLine("stopping the load (each worker settles the write it is in)");
                await load.StopAsync();
            }

            log.WriteLine("waiting for every outbox and queue to drain");
            using var management = new RabbitMqManagement(cluster.RabbitMqManagement, "guest", "guest");
            var drained = Stopwatch.StartNew();
            await StreamDrain.WaitAsync(management, "/", options.DrainPatience, cluster.HouseholdsDatabase, cluster.EducationDatabase);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"drained in {drained.Elapsed.TotalSeconds:0.0} s; comparing"));

            var snapshot = await Snapshot.ReadAsync(cluster.HouseholdsDatabase, cluster.EducationDatabase);
            var queues = await management.CountAllMessagesAsync("/");
            var shards = queues.Where(q => ShardQueue().IsMatch(q.Key)).ToList();
            var errors = queues.Where(q => q.Key.EndsWith("-events-error", StringComparison.Ordinal)).ToList();
            var report = new FaultReport
            {
                Checks = ConsistencyChecker.Check(ledger, snapshot),
                UnsentOutbox = new Dictionary<string, long> { ["households"] = snapshot.Registry.Outbox.Unsent, ["education"] = snapshot.Education.Outbox.Unsent },
                SetAsideOutbox = new Dictionary<string, long> { ["households"] = snapshot.Registry.Outbox.SetAside, ["education"] = snapshot.Education.Outbox.SetAside },
                ShardQueues = shards.Count,
                ShardQueueMessages = shards.Sum(q => q.Value),
                ErrorQueues = errors.Count,
                ErrorQueueMessages = errors.Sum(q => q.Value),
                Kills = kills,
                Operations = ledger.OperationsByKind(),
                RefusalReasons = ledger.TopReasons(8),
                UnexpectedExits = cluster.UnexpectedExits,
                Duration = clock.Elapsed,
            };
            keep |= !report.Passed;
            if (keep)
            {
                log.WriteLine($"servers' data and logs kept in {cluster.Folder}");
            }

            return report;
        }
        catch
        {
            keep = true;
            log.WriteLine($"the run failed; servers' data and logs kept in {cluster.Folder}");
            throw;
        }
        finally
        {
            await cluster.StopAsync(keep);
        }
    }

    /// <summary>The harness's township and villages, through the gateway's gRPC import (tried again while the platform settles).</summary>
    private static async Task LoadCountyAsync(GatewayClient gateway)
    {
        var registry = new HouseholdRegistry.HouseholdRegistryClient(gateway.Grpc);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (reply, _) = await gateway.CallAsync(GatewayClient.CountyOffice, (headers, ct) =>
                registry.ImportVillagesAsync(HarnessCounty.Request(), headers, DateTime.UtcNow.AddSeconds(30), ct).ResponseAsync, CancellationToken.None);
            if (reply.Answer == Answer.Accepted)
            {
                return;
            }

            if (reply.Answer == Answer.Refused || clock.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new InvalidOperationException($"The harness's villages could not be loaded: {reply.Text}");
            }

            await Task.Delay(500);
        }
    }

    [GeneratedRegex(@"-events-\d{2}$")]
    private static partial Regex ShardQueue();
}
