using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Outbox;
using Platform.Testing;

namespace Platform.Messaging.Tests;

/// <summary>
/// <see cref="BatchCommit"/>, the one commit of every feed's batch: new rows by COPY, the dispatcher woken only when events were
/// copied, a concurrent change answered with false and nothing written, and a transaction the caller began (for its locks) used.
/// </summary>
public sealed class BatchCommitTests
{
    [Fact]
    public async Task A_batch_with_events_is_written_whole_and_wakes_the_dispatcher_and_one_that_meets_a_concurrent_change_writes_nothing()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var connectionString = await infrastructure.CreateDatabaseAsync("batch_commit");
        await using (var setup = NotesService.Context(connectionString))
        {
            await setup.Database.EnsureCreatedAsync();
        }

        var signal = new OutboxSignal();
        var commit = new BatchCommit(signal);
        var taken = Guid.NewGuid();

        // Events copied (COPY bypasses SaveChanges and its interceptor): the dispatcher is told at once, not at its next poll.
        await using (var db = NotesService.Context(connectionString))
        {
            db.Notes.Add(new Note { Id = taken, Text = "第一批" });
            db.AddIntegrationEvent(Added(taken), TimeProvider.System);
            Assert.True(await commit.TryCommitAsync(db, null, CancellationToken.None));
        }

        Assert.Equal(1, signal.Notifications);
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));

        // No events: the dispatcher is left asleep.
        await using (var db = NotesService.Context(connectionString))
        {
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "无事件" });
            Assert.True(await commit.TryCommitAsync(db, null, CancellationToken.None));
        }

        Assert.Equal(1, signal.Notifications);

        // A note another writer took first, beside a new note and its event, and work after them: nothing of the batch is written.
        var ranAfter = false;
        await using (var db = NotesService.Context(connectionString))
        {
            var fresh = Guid.NewGuid();
            db.Notes.Add(new Note { Id = fresh, Text = "新的" });
            db.AddIntegrationEvent(Added(fresh), TimeProvider.System);
            db.Notes.Add(new Note { Id = taken, Text = "抢先写入的" });
            Assert.False(await commit.TryCommitAsync(db, () => Task.FromResult(ranAfter = true), CancellationToken.None));
        }

        Assert.False(ranAfter);
        Assert.Equal(1, signal.Notifications);
        await using (var check = NotesService.Context(connectionString))
        {
            Assert.Equal(2, await check.Notes.CountAsync());
            Assert.Equal(1, await check.OutboxMessages.CountAsync());
        }

        // A unit that began its transaction to take locks while it read: the commit is that transaction's.
        await using (var db = NotesService.Context(connectionString))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(42)");
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "带锁的" });
            Assert.True(await commit.TryCommitAsync(db, null, CancellationToken.None));
            await using var other = NotesService.Context(connectionString);
            Assert.True(await other.Database.SqlQueryRaw<bool>("SELECT pg_try_advisory_xact_lock(42) AS \"Value\"").SingleAsync()); // released: committed
        }

        await using (var check = NotesService.Context(connectionString))
        {
            Assert.Equal(3, await check.Notes.CountAsync());
        }
    }

    private static NoteAdded Added(Guid noteId) =>
        new() { EventId = Guid.CreateVersion7(), HouseholdId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, NoteId = noteId };
}
