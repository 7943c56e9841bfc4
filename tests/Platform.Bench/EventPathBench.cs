using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts.Grpc.Households.V1;
using Platform.DemoCounty;
using Village = Platform.Households.Domain.Village;
using Platform.DemoCounty.Cli;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.Households.Grpc;
using Platform.Households.Registry;
using Platform.Messaging.Outbox;
using Platform.Messaging.Stream;
using Platform.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using EducationProgram = Platform.Education.Program;
using HouseholdsProgram = Platform.Households.Program;

namespace Platform.Bench;

/// <summary>
/// Event-path bench (issue 8): the demo county's HouseholdRegistered events from the registry's outbox through
/// RabbitMQ to the education pillar's commit (and its guarantee assessments back to the registry's commit),
/// beside a raw RabbitMQ.Client loop with the same durability (quorum queue as the stream's shards, persistent 512-byte
/// messages, publisher confirms, manual acks), run on the same machine in the same process.
///   dotnet run -c Release --project tests/Platform.Bench -- --events [--scale 1]
/// </summary>
internal static class EventPathBench
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(double scale, int seed)
    {
        var figures = await MeasureAsync(scale, seed);
        Console.WriteLine();
        Console.WriteLine("| measure | events | time | events/s | ÷ raw loop |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine(string.Create(C, $"| raw RabbitMQ.Client loop (quorum queue, persistent 512 B, confirms, manual acks) | {figures.Events:N0} | {figures.RawLoop.TotalSeconds:F2} s | {figures.RawRate:N0} | 1.00 |"));
        Console.WriteLine(string.Create(C, $"| registry outbox → RabbitMQ → education's commit (HouseholdRegistered, students followed) | {figures.Events:N0} | {figures.ToEducation.TotalSeconds:F2} s | {figures.EducationRate:N0} | {figures.EducationPerRaw:F2} |"));
        Console.WriteLine(string.Create(C, $"| … → education's outbox → RabbitMQ → registry's commit (GuaranteeAssessed back) | {figures.Events:N0} | {figures.RoundTrip.TotalSeconds:F2} s | {figures.RoundTripRate:N0} | {figures.RoundTripPerRaw:F2} |"));
        Console.WriteLine(string.Create(C, $"(households and outbox rows committed by COPY in {figures.Committed.TotalSeconds:F2} s before the clock started)"));
        Console.WriteLine(string.Create(C, $".NET CPU per event: raw loop client {figures.RawLoopCpuMicrosecondsPerEvent:F0} µs; registry + education, both ways {figures.PathCpuMicrosecondsPerEvent:F0} µs"));
        return figures.EducationPerRaw >= 0.2 ? 0 : 1;
    }

    /// <summary>Runs the raw loop, then the event path on a registry and an education pillar of their own; their figures.</summary>
    public static async Task<EventPathFigures> MeasureAsync(double scale, int seed)
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var generator = new DemoCountyGenerator(seed, scale);
        var count = generator.HouseholdCount;
        Console.WriteLine(string.Create(C, $"Event-path bench: {count:N0} households ({generator.PeopleCount:N0} people, scale {scale}); {Environment.ProcessorCount} cores"));

        var rawCpu = CpuNow();
        var raw = await RawLoopAsync(await infrastructure.CreateVirtualHostAsync("bench_raw"), count);
        rawCpu = CpuNow() - rawCpu;
        Console.WriteLine(string.Create(C, $"raw RabbitMQ.Client loop: {count:N0} messages in {raw.TotalSeconds:F2} s ({count / raw.TotalSeconds:N0}/s)"));

        var quiet = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
            ["Messaging:Outbox:PollInterval"] = "00:00:01",
            ["Messaging:Outbox:BatchSize"] = Environment.GetEnvironmentVariable("BENCH_OUTBOX_BATCH") ?? "5000",
            ["Messaging:Stream:BatchSize"] = Environment.GetEnvironmentVariable("BENCH_STREAM_BATCH") ?? "250",
            ["Messaging:Stream:MaxParallelBatches"] = Environment.GetEnvironmentVariable("BENCH_PARALLEL") ?? "4",
        };
        var vhost = (await infrastructure.CreateVirtualHostAsync("bench_events")).ToString();
        await using var households = ServiceHost<HouseholdsProgram>.Start(new Dictionary<string, string?>(quiet)
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("bench_ev_households"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        await using var education = ServiceHost<EducationProgram>.Start(new Dictionary<string, string?>(quiet)
        {
            ["ConnectionStrings:education"] = await infrastructure.CreateDatabaseAsync("bench_ev_education"),
            ["ConnectionStrings:rabbitmq"] = vhost,
        });
        using (var channel = households.CreateGrpcChannel(token: null))
        using (var loader = new DemoCountyLoader(new HouseholdRegistry.HouseholdRegistryClient(channel), TestTokens.CountyOffice()))
        {
            await loader.SeedVillagesAsync(DemoCountyGenerator.County());
        }

        // The county's households and their events, committed together as the bulk import does; the clock
        // starts at the commit, so only the event path is timed.
        var registryData = households.Services.GetRequiredService<NpgsqlDataSource>();
        var rows = await HouseholdRowsAsync(households.Services, generator);
        var wall = Stopwatch.StartNew();
        await using (var connection = await registryData.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await HouseholdRowsCopy.CopyAsync(connection, rows.Select(r => r.Household).ToList(), CancellationToken.None);
            await OutboxBulkWriter.CopyAsync(connection, rows.Select(r => HouseholdCommands.Registered(r.Household, r.Village)), TimeProvider.System, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var committed = wall.Elapsed;
        var pathCpu = CpuNow();
        wall.Restart();
        households.Services.GetRequiredService<OutboxSignal>().Notify();
        var educationData = education.Services.GetRequiredService<NpgsqlDataSource>();
        using var progress = new Timer(_ => Console.WriteLine(string.Create(C,
            $"  {wall.Elapsed.TotalSeconds:F0} s: registry outbox sent {Scalar(registryData, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NOT NULL")}, education inbox {Scalar(educationData, "SELECT count(*) FROM inbox_messages")}, education outbox sent {Scalar(educationData, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NOT NULL")}, registry inbox {Scalar(registryData, "SELECT count(*) FROM inbox_messages")}")),
            null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        var toEducation = await WaitForInboxAsync(educationData, count, wall);
        var roundTrip = await WaitForInboxAsync(registryData, count, wall);
        pathCpu = CpuNow() - pathCpu;
        return new EventPathFigures(count, raw, toEducation, roundTrip, committed, rawCpu, pathCpu);
    }

    private static TimeSpan CpuNow()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static long Scalar(NpgsqlDataSource database, string sql)
    {
        using var command = database.CreateCommand(sql);
        return (long)command.ExecuteScalar()!;
    }

    private static async Task<TimeSpan> WaitForInboxAsync(NpgsqlDataSource database, int expected, Stopwatch wall)
    {
        while (wall.Elapsed < TimeSpan.FromMinutes(10))
        {
            await using var command = database.CreateCommand("SELECT count(*) FROM inbox_messages");
            if ((long)(await command.ExecuteScalarAsync())! >= expected)
            {
                return wall.Elapsed;
            }

            await Task.Delay(200); // count(*) reads the whole inbox: polled often, it would cost the database what it measures
        }

        throw new TimeoutException("The events did not all arrive within 10 minutes");
    }

    private static async Task<List<(Platform.Households.Domain.Household Household, Village Village)>> HouseholdRowsAsync(IServiceProvider registry, DemoCountyGenerator generator)
    {
        Dictionary<string, Village> villages;
        await using (var scope = registry.CreateAsyncScope())
        {
            villages = await scope.ServiceProvider.GetRequiredService<HouseholdsDbContext>().Villages.Include(v => v.Township).AsNoTracking().ToDictionaryAsync(v => v.Code);
        }

        return DemoHouseholdRows.BuildWith(generator, DateOnly.FromDateTime(DateTime.UtcNow), (registration, _) =>
        {
            var village = villages[registration.VillageCode];
            return (Platform.Households.Domain.Household.Register(registration, village.Id, DateTimeOffset.UtcNow), village);
        });
    }

    /// <summary>Publishes <paramref name="count"/> persistent 512-byte messages with confirms while a consumer acks each: the broker's own pace here.</summary>
    private static async Task<TimeSpan> RawLoopAsync(Uri vhost, int count)
    {
        await using var publishing = await BrokerConnections.Factory(vhost, "bench-raw-publisher").CreateConnectionAsync();
        await using var consuming = await BrokerConnections.Factory(vhost, "bench-raw-consumer").CreateConnectionAsync();
        await using var publisher = await publishing.CreateChannelAsync(new CreateChannelOptions(true, true, outstandingPublisherConfirmationsRateLimiter: null));
        await using var consumer = await consuming.CreateChannelAsync();
        // A quorum queue, as the household stream's shards are (decision 0006).
        await publisher.QueueDeclareAsync("bench-raw", durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        await consumer.BasicQosAsync(0, 500, false);
        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new AsyncEventingBasicConsumer(consumer);
        handler.ReceivedAsync += async (_, delivery) =>
        {
            await consumer.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            if (Interlocked.Increment(ref received) == count)
            {
                done.TrySetResult();
            }
        };
        await consumer.BasicConsumeAsync("bench-raw", autoAck: false, handler);

        var body = new byte[512];
        Random.Shared.NextBytes(body);
        var properties = new BasicProperties { DeliveryMode = DeliveryModes.Persistent, ContentType = "application/octet-stream" };
        var wall = Stopwatch.StartNew();
        var window = new List<Task>(500);
        for (var i = 0; i < count; i++)
        {
            window.Add(publisher.BasicPublishAsync(string.Empty, "bench-raw", mandatory: false, properties, body).AsTask());
            if (window.Count == 500)
            {
                await Task.WhenAll(window);
                window.Clear();
            }
        }

        await Task.WhenAll(window);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        return wall.Elapsed;
    }
}

/// <summary>What the event-path bench measured: the raw loop's time and the event path's, for the same number of events.</summary>
internal sealed record EventPathFigures(int Events, TimeSpan RawLoop, TimeSpan ToEducation, TimeSpan RoundTrip, TimeSpan Committed, TimeSpan RawLoopCpu, TimeSpan PathCpu)
{
    /// <summary>This process's CPU per event: the raw loop's client; both services, both ways. Steadier than the rates on a shared machine.</summary>
    public double RawLoopCpuMicrosecondsPerEvent => RawLoopCpu.TotalMicroseconds / Events;

    public double PathCpuMicrosecondsPerEvent => PathCpu.TotalMicroseconds / Events;

    public double RawRate => Events / RawLoop.TotalSeconds;

    public double EducationRate => Events / ToEducation.TotalSeconds;

    public double RoundTripRate => Events / RoundTrip.TotalSeconds;

    public double EducationPerRaw => EducationRate / RawRate;

    public double RoundTripPerRaw => RoundTripRate / RawRate;
}
