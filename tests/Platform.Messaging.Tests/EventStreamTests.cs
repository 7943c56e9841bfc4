using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Messaging.Outbox;
using Platform.Messaging.Stream;
using Platform.Testing;
using RabbitMQ.Client;

namespace Platform.Messaging.Tests;

/// <summary>The event stream's promises, each shown against the real broker and database: order, batches, once, waits, retention.</summary>
public sealed class EventStreamTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Each_household_s_events_are_applied_one_at_a_time_in_commit_order_across_event_types()
    {
        await using var service = await NotesService.StartAsync();
        var households = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();
        var events = new List<Contracts.IIntegrationEvent>();
        for (var position = 0; position < 25; position++)
        {
            foreach (var household in households)
            {
                // Two event types of one household, interleaved: the order must hold across them.
                events.Add(position % 2 == 0
                    ? NotesService.NewEvent(Guid.NewGuid(), position, household)
                    : new NoteAmended { EventId = Guid.NewGuid(), HouseholdId = household, OccurredAt = DateTimeOffset.UtcNow, NoteId = Guid.NewGuid(), Position = position });
            }
        }

        var overlapsBefore = NoteHandling.Overlaps;
        await service.CommitEventsAsync([.. events]);

        await Eventually.AssertAsync(
            async () => await service.QueryAsync(db => db.Applied.CountAsync(a => households.Contains(a.HouseholdId))) == events.Count,
            Patience, "every event is applied");
        var applied = await service.QueryAsync(db => db.Applied.Where(a => households.Contains(a.HouseholdId)).ToListAsync());
        foreach (var household in households)
        {
            var order = applied.Where(a => a.HouseholdId == household).OrderBy(a => a.AppliedOrder).Select(a => a.Position).ToList();
            Assert.Equal(Enumerable.Range(0, 25), order);
        }

        Assert.Equal(overlapsBefore, NoteHandling.Overlaps);
    }

    [Fact]
    public async Task Events_published_together_are_applied_in_batches_each_in_one_transaction_and_no_commit_without_outbox_rows_wakes_the_dispatcher()
    {
        await using var service = await NotesService.StartAsync(new Dictionary<string, string?> { ["Messaging:Stream:BatchSize"] = "100" });
        var notes = Enumerable.Range(0, 600).Select(i => NotesService.NewEvent(Guid.NewGuid(), i)).ToList();
        var wakeUpsBefore = service.Signal.Notifications;

        // Published straight onto the stream: the consumer's batches write effects and inbox rows, no outbox rows.
        await using (var client = await EventStreamClient.ConnectAsync(service.VirtualHost, "batch-test"))
        {
            foreach (var note in notes)
            {
                await client.PublishAsync(note);
            }
        }

        var ids = notes.Select(n => n.NoteId).ToList();
        await Eventually.AssertAsync(
            async () => await service.QueryAsync(db => db.Applied.CountAsync(a => ids.Contains(a.NoteId))) == 600,
            Patience, "all six hundred are applied");
        Assert.Equal(600, await service.QueryAsync(db => db.InboxMessages.CountAsync()));
        // The transactions, from this service's own database: its inbox rows grouped by the transaction that wrote them
        // (a process-wide meter would count every service the test run hosts at the same time).
        var batchSizes = await service.QueryAsync(db => db.Database
            .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM inbox_messages GROUP BY xmin::text").ToListAsync());
        Assert.True(batchSizes.Max() > 1, $"events came in batches (largest {batchSizes.Max()})");
        Assert.True(batchSizes.Count < 600, $"fewer transactions than events ({batchSizes.Count})");
        Assert.Equal(wakeUpsBefore, service.Signal.Notifications);

        await service.AddNoteAsync("写了发件箱的提交");
        Assert.Equal(wakeUpsBefore + 1, service.Signal.Notifications);
    }

    [Fact]
    public async Task Consecutive_events_of_a_shard_travel_in_packs_each_applied_once_and_one_whose_handler_fails_is_set_aside_alone()
    {
        await using var service = await NotesService.StartAsync();
        var events = Enumerable.Range(0, 400).Select(i => NotesService.NewEvent(Guid.NewGuid(), i)).ToList();
        var failing = events[200];
        NoteHandling.Failing[failing.NoteId] = true;
        try
        {
            await using (var connection = new NpgsqlConnection(service.Database))
            {
                await connection.OpenAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                await OutboxBulkWriter.CopyAsync(connection, events, TimeProvider.System, CancellationToken.None);
                await transaction.CommitAsync();
            }

            service.Signal.Notify();
            var others = events.Where(e => e != failing).Select(e => e.NoteId).ToList();
            await Eventually.AssertAsync(
                async () => await service.QueryAsync(db => db.Applied.CountAsync(a => others.Contains(a.NoteId))) == others.Count,
                Patience, "every other event of the packs is applied");
            await Eventually.AssertAsync(async () => await ErrorQueues.CountAsync(service.VirtualHost, "notes") == 1, Patience, "the failing event waits in the error queue");
            var waiting = Assert.Single(await ErrorQueues.PeekAsync(service.VirtualHost, "notes"));
            Assert.Equal(failing.EventId.ToString(), waiting.MessageId); // alone, as if it had come alone
            Assert.Equal(others.Count, await service.QueryAsync(db => db.Applied.Where(a => others.Contains(a.NoteId)).Select(a => a.NoteId).Distinct().CountAsync()));

            // Far fewer messages than events went through the broker (the 400 events and the one set aside; the
            // broker's statistics lag, so the count is read once it has stayed put for one and a half seconds).
            var infrastructure = await TestInfrastructure.GetAsync();
            var published = await SettledPublishCountAsync(infrastructure, service.VirtualHost, atLeast: 1);
            Assert.InRange(published, EventTopology.ShardCount, events.Count / 4);
        }
        finally
        {
            NoteHandling.Failing.TryRemove(failing.NoteId, out _);
        }

        Assert.Equal(1, await ErrorQueues.RequeueAsync(service.VirtualHost, "notes"));
        await Eventually.AssertAsync(async () => await service.AppliedCountAsync(failing.NoteId) == 1, Patience, "the requeued event is applied once");
    }

    [Fact]
    public async Task A_publish_the_broker_refuses_waits_and_its_household_with_it_while_other_households_go_on_and_after_its_attempts_it_is_set_aside_for_a_redrive()
    {
        await using var service = await NotesService.StartAsync(new Dictionary<string, string?>
        {
            ["Messaging:Outbox:MaxAttempts"] = "3",
            ["Messaging:Outbox:FirstRetryDelay"] = "00:00:00.300",
        });
        var blocked = Guid.NewGuid();
        var refusedType = typeof(NoteRejected).FullName!;
        var shard = EventTopology.ShardOf(Contracts.PartitionKeys.Household(blocked));

        // A queue that takes nothing: the broker nacks every publish routed to it (this type, this shard only).
        await using (var connection = await BrokerConnections.Factory(service.VirtualHost, "blocker").CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync("blocker", durable: true, exclusive: false, autoDelete: false,
                new Dictionary<string, object?> { ["x-max-length"] = 0, ["x-overflow"] = "reject-publish" });
            await channel.QueueBindAsync("blocker", EventTopology.Exchange, EventTopology.RoutingKey(shard, refusedType));
        }

        var behind = NotesService.NewEvent(Guid.NewGuid(), 1, blocked);
        await service.CommitEventsAsync(new NoteRejected { EventId = Guid.NewGuid(), HouseholdId = blocked, OccurredAt = DateTimeOffset.UtcNow }, behind);
        var others = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            others.Add(await service.AddNoteAsync($"其他户{i}"));
        }

        await Eventually.AssertAsync(
            async () => await service.QueryAsync(db => db.Applied.CountAsync(a => others.Contains(a.NoteId))) == 20,
            Patience, "other households' events are published while the refused one waits");
        var refused = await service.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.MessageType.StartsWith(refusedType)));
        Assert.True(refused.Attempts >= 1);
        Assert.Null(refused.SentAt);
        Assert.Contains("nack", refused.LastError, StringComparison.Ordinal);
        Assert.Equal(0, await service.AppliedCountAsync(behind.NoteId)); // its household's later event waits behind it

        await Eventually.AssertAsync(
            async () => (await OutboxOperations.SetAsideAsync(service.Database)).Count == 1,
            Patience, "after three refusals the row is set aside");
        var setAside = Assert.Single(await OutboxOperations.SetAsideAsync(service.Database));
        Assert.Equal(3, setAside.Attempts);
        await Eventually.AssertAsync(async () => await service.AppliedCountAsync(behind.NoteId) == 1, Patience, "the household's later events go on once it is set aside");

        // The operator removes the cause and re-drives it.
        await using (var connection = await BrokerConnections.Factory(service.VirtualHost, "blocker").CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeleteAsync("blocker");
        }

        Assert.Equal(1, await OutboxOperations.RedriveAsync(service.Database));
        await Eventually.AssertAsync(
            async () => (await OutboxOperations.BacklogAsync(service.Database)).Total == 0,
            Patience, "the re-driven row is published");
    }

    [Fact]
    public async Task A_batch_the_broker_confirms_slowly_but_steadily_is_published_once_not_again_after_the_publish_timeout()
    {
        // The full county's first start: the registry's batches of 5,000 rows took the busy broker longer than the
        // publish timeout to confirm, so each whole batch counted as failed and was published again, and again.
        // (One event per message, so that the broker's count of publishes counts events.)
        await using var service = await NotesService.StartAsync(new Dictionary<string, string?> { ["Messaging:Outbox:MaxEventsPerMessage"] = "1" });
        var warmUp = await service.AddNoteAsync("预热");
        await Eventually.AssertAsync(async () => await service.AppliedCountAsync(warmUp) == 1, Patience, "the stream works");

        // 400 events of ~0.5 KB at 40 KB/s: about 5 s to publish, over the 2 s publish timeout, confirms all along.
        service.BrokerLink.Throttle(40_000);
        IReadOnlyList<Guid> notes;
        try
        {
            notes = await service.AddNotesAsync(400, "慢而稳的代理");
            await Eventually.AssertAsync(
                async () => await service.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null)) == 0,
                Patience, "every row is confirmed and marked sent");
        }
        finally
        {
            service.BrokerLink.Throttle(0);
        }

        await Eventually.AssertAsync(
            async () => await service.QueryAsync(db => db.Applied.CountAsync(a => notes.Contains(a.NoteId))) == notes.Count,
            Patience, "every note is applied");
        var infrastructure = await TestInfrastructure.GetAsync();
        await StreamDrain.WaitAsync(infrastructure, service.VirtualHost, Patience, service.Database);
        // Published once each: the warm-up and the 400 (the broker's count of the service's own vhost; a batch
        // published again after a timeout shows here even though the inbox keeps the effects single). The
        // broker's statistics lag by up to a second: the count is read once it has reached the expected number
        // and stayed put for one and a half seconds of readings.
        var expected = notes.Count + 1;
        var published = await SettledPublishCountAsync(infrastructure, service.VirtualHost, atLeast: expected);
        Assert.Equal(expected, published);
    }

    /// <summary>
    /// The broker's count of publishes to a virtual host once it has reached <paramref name="atLeast"/> and stayed put for
    /// one and a half seconds of readings (the broker's statistics lag by up to a second).
    /// </summary>
    private static async Task<long> SettledPublishCountAsync(TestInfrastructure infrastructure, Uri virtualHost, long atLeast)
    {
        long published = -1;
        var unchangedSince = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.AssertAsync(
            async () =>
            {
                var now = await infrastructure.CountPublishedAsync(virtualHost);
                if (now != published)
                {
                    published = now;
                    unchangedSince.Restart();
                }

                return published >= atLeast && unchangedSince.Elapsed > TimeSpan.FromSeconds(1.5);
            },
            Patience, "the broker's count of publishes has settled");
        return published;
    }

    [Fact]
    public async Task While_the_broker_is_slow_to_confirm_the_dispatcher_holds_no_lock_on_outbox_rows()
    {
        await using var service = await NotesService.StartAsync(new Dictionary<string, string?> { ["Messaging:Outbox:PublishTimeout"] = "00:00:10" });
        var warmUp = await service.AddNoteAsync("预热");
        await Eventually.AssertAsync(async () => await service.AppliedCountAsync(warmUp) == 1, Patience, "the stream works");

        service.BrokerLink.Stall();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                await service.AddNoteAsync($"代理停顿期间{i}");
            }

            // Give the dispatcher time to read the rows and start publishing into the stalled link.
            await Eventually.AssertAsync(
                async () => await service.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null)) == 10,
                Patience, "the rows wait unsent");
            await Task.Delay(TimeSpan.FromSeconds(1)); // the dispatcher is now inside its publish, waiting for confirms

            await using var connection = new NpgsqlConnection(service.Database);
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM (SELECT 1 FROM outbox_messages WHERE sent_at IS NULL FOR UPDATE NOWAIT) AS locked", connection, transaction);
            Assert.Equal(10L, await command.ExecuteScalarAsync()); // NOWAIT would throw 55P03 if the dispatcher held them
            await transaction.RollbackAsync();
        }
        finally
        {
            service.BrokerLink.Resume();
        }

        await Eventually.AssertAsync(
            async () => await service.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null)) == 0,
            Patience, "everything is published once the link flows again");
    }

    [Fact]
    public async Task A_service_stopping_mid_dispatch_marks_every_row_the_broker_confirmed_as_sent()
    {
        var service = await NotesService.StartAsync(new Dictionary<string, string?> { ["Messaging:Outbox:BatchSize"] = "2000" });
        await using var client = await EventStreamClient.ConnectAsync(service.VirtualHost, "shutdown-tap");
        await using var tap = await client.TapAsync([typeof(NoteAdded)]);
        try
        {
            await using (var connection = new NpgsqlConnection(service.Database))
            {
                await connection.OpenAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                await OutboxBulkWriter.CopyAsync(
                    connection, Enumerable.Range(0, 6000).Select(i => NotesService.NewEvent(Guid.NewGuid(), i)), TimeProvider.System, CancellationToken.None);
                await transaction.CommitAsync();
            }

            service.Signal.Notify();
            await Eventually.AssertAsync(() => Task.FromResult(tap.Received.Count > 100), Patience, "publishing is under way");
        }
        finally
        {
            await service.StopAsync();
        }

        var published = tap.Received.Select(e => e.MessageId).ToHashSet();
        var unsentButPublished = await service.QueryAsync(async db =>
        {
            var unsent = await db.OutboxMessages.Where(m => m.SentAt == null).Select(m => m.MessageId).ToListAsync();
            return unsent.Count(published.Contains);
        });
        Assert.Equal(0, unsentButPublished);
        await service.DisposeAsync();
    }

    [Fact]
    public async Task Two_instances_of_a_service_share_its_stream_and_keep_each_household_s_order_when_one_stops()
    {
        var first = await NotesService.StartAsync();
        await using var second = await first.StartAnotherInstanceAsync();
        var households = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToList();
        var events = new List<NoteAdded>();
        for (var position = 0; position < 40; position++)
        {
            events.AddRange(households.Select(h => NotesService.NewEvent(Guid.NewGuid(), position, h)));
        }

        // Committed through both instances' outboxes: one dispatcher is active at a time.
        await first.CommitEventsAsync([.. events.Take(160)]);
        await second.CommitEventsAsync([.. events.Skip(160).Take(40)]);
        await first.DisposeAsync(); // the first goes away mid-stream: the second takes over its shards and outbox
        await second.CommitEventsAsync([.. events.Skip(200)]);

        await Eventually.AssertAsync(
            async () => await second.QueryAsync(db => db.Applied.CountAsync(a => households.Contains(a.HouseholdId))) == events.Count,
            Patience, "every event is applied once");
        var applied = await second.QueryAsync(db => db.Applied.Where(a => households.Contains(a.HouseholdId)).ToListAsync());
        foreach (var household in households)
        {
            Assert.Equal(Enumerable.Range(0, 40), applied.Where(a => a.HouseholdId == household).OrderBy(a => a.AppliedOrder).Select(a => a.Position));
        }
    }

    [Fact]
    public async Task A_database_outage_is_waited_out_without_setting_events_aside()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var database = new NpgsqlConnectionStringBuilder(await infrastructure.CreateDatabaseAsync("notes-outage"));
        await using var databaseLink = TcpProxy.Start(database.Host!, database.Port);
        var proxied = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = databaseLink.Port, Pooling = false }.ConnectionString;
        await using (var setup = NotesService.Context(database.ConnectionString))
        {
            await setup.Database.EnsureCreatedAsync();
        }

        await using var service = await NotesService.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:notes"] = proxied, ["Messaging:Stream:MaxOutageDelay"] = "00:00:00.500" }, shared: null, existingDatabase: true);
        databaseLink.Cut();
        var notes = Enumerable.Range(0, 5).Select(i => NotesService.NewEvent(Guid.NewGuid(), i)).ToList();
        foreach (var note in notes)
        {
            await service.PublishDirectAsync(note, note.EventId);
        }

        // Longer than all handler retries together: an outage must not send events to the error queue.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(0u, await ErrorQueues.CountAsync(service.VirtualHost, "notes"));

        databaseLink.Restore();
        await using var check = NotesService.Context(database.ConnectionString);
        var ids = notes.Select(n => n.NoteId).ToList();
        await Eventually.AssertAsync(async () => await check.Applied.CountAsync(a => ids.Contains(a.NoteId)) == 5, Patience, "every event is applied once the database is back");
        Assert.Equal(0u, await ErrorQueues.CountAsync(service.VirtualHost, "notes"));
    }

    [Fact]
    public async Task Inbox_rows_and_sent_outbox_rows_past_their_retention_are_pruned_in_batches_and_newer_ones_kept()
    {
        await using var service = await NotesService.StartAsync(new Dictionary<string, string?>
        {
            ["Messaging:Retention:Retention"] = "7.00:00:00",
            ["Messaging:Retention:Interval"] = "00:00:00.500",
            ["Messaging:Retention:BatchSize"] = "10",
        });
        await service.QueryAsync(db => db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO inbox_messages (message_id, consumer, processed_at)
            SELECT gen_random_uuid(), 'notes', now() - interval '8 days' FROM generate_series(1, 35);
            INSERT INTO inbox_messages (message_id, consumer, processed_at)
            SELECT gen_random_uuid(), 'notes', now() - interval '6 days' FROM generate_series(1, 4);
            INSERT INTO outbox_messages (message_id, message_type, body, partition_key, created_at, sent_at)
            SELECT gen_random_uuid(), 'x', '{{}}', 'p', now() - interval '9 days', now() - interval '8 days' FROM generate_series(1, 23);
            INSERT INTO outbox_messages (message_id, message_type, body, partition_key, created_at, sent_at)
            SELECT gen_random_uuid(), 'x', '{{}}', 'p', now() - interval '2 days', now() - interval '2 days' FROM generate_series(1, 3);
            """));

        await Eventually.AssertAsync(
            async () => await service.QueryAsync(db => db.InboxMessages.CountAsync()) == 4 && await service.QueryAsync(db => db.OutboxMessages.CountAsync()) == 3,
            Patience, "only rows within the retention are left");
    }
}
