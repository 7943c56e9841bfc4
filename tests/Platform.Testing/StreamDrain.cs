using Npgsql;

namespace Platform.Testing;

/// <summary>
/// Waits until nothing more is on its way: every given outbox has published everything, and every queue of
/// the vhost is empty (ready and unacknowledged) on two readings of the broker's statistics a refresh apart.
/// A test that asserts "nothing else arrived" waits for this first, or a late copy still in an outbox or a
/// queue would arrive after the assertion.
/// </summary>
public static class StreamDrain
{
    /// <summary>Returns the messages left in error queues (the "-error" ones), which do not count as on their way.</summary>
    public static Task<long> WaitAsync(TestInfrastructure infrastructure, Uri virtualHost, TimeSpan patience, params string[] outboxDatabases)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        return WaitAsync(() => infrastructure.CountAllMessagesAsync(virtualHost), patience, outboxDatabases);
    }

    /// <summary>The same wait on a broker of the caller's own (the fault harness's), through its management API.</summary>
    public static Task<long> WaitAsync(RabbitMqManagement management, string virtualHost, TimeSpan patience, params string[] outboxDatabases)
    {
        ArgumentNullException.ThrowIfNull(management);
        return WaitAsync(() => management.CountAllMessagesAsync(virtualHost), patience, outboxDatabases);
    }

    private static async Task<long> WaitAsync(Func<Task<IReadOnlyDictionary<string, long>>> countQueues, TimeSpan patience, string[] outboxDatabases)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        var quietReadings = 0;
        while (true)
        {
            var unsent = 0L;
            foreach (var database in outboxDatabases)
            {
                await using var connection = new NpgsqlConnection(database);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND dead_at IS NULL", connection);
                unsent += (long)(await command.ExecuteScalarAsync())!;
            }

            var queues = await countQueues();
            var inFlight = queues.Where(q => !q.Key.EndsWith("-error", StringComparison.Ordinal)).Sum(q => q.Value);
            quietReadings = unsent == 0 && inFlight == 0 ? quietReadings + 1 : 0;
            if (quietReadings >= 2)
            {
                return queues.Where(q => q.Key.EndsWith("-error", StringComparison.Ordinal)).Sum(q => q.Value);
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The stream did not drain within {patience}: {unsent} outbox rows unsent, {inFlight} messages in queues");
            }

            // The management API's counts are sampled (collect_statistics_interval = 1 s) and lag further on a
            // busy machine: the confirming reading comes more than two samples after the first quiet one.
            await Task.Delay(TimeSpan.FromMilliseconds(quietReadings == 1 ? 2200 : 250));
        }
    }
}
