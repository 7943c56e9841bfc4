using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;

namespace Platform.Messaging.Tests;

/// <summary>A tiny service of its own: notes (the business change) and the outbox/inbox beside them.</summary>
public sealed class NotesDbContext(DbContextOptions<NotesDbContext> options) : DbContext(options), IMessagingDbContext
{
    public DbSet<Note> Notes => Set<Note>();

    public DbSet<AppliedNote> Applied => Set<AppliedNote>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>().ToTable("notes");
        modelBuilder.Entity<AppliedNote>().ToTable("applied_notes").HasKey(a => a.Id);
        modelBuilder.AddOutboxAndInbox();
    }
}

public sealed class Note
{
    public Guid Id { get; init; }

    public required string Text { get; init; }
}

/// <summary>The consumer's effect: one row per application, so a second application shows.</summary>
public sealed class AppliedNote
{
    public long Id { get; init; }

    public Guid NoteId { get; init; }

    public int Position { get; init; }

    public string? TraceId { get; init; }
}

public sealed record NoteAdded : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required Guid NoteId { get; init; }

    public int Position { get; init; }
}

public sealed class NoteAddedConsumer(NotesDbContext db, TimeProvider clock) : IdempotentConsumer<NoteAdded, NotesDbContext>(db, clock)
{
    /// <summary>Notes this consumer fails on, as a bug would, until a test removes them (the fix).</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> Failing = new();

    protected override Task HandleAsync(ConsumeContext<NoteAdded> context)
    {
        if (Failing.ContainsKey(context.Message.NoteId))
        {
            throw new InvalidOperationException("The consumer cannot handle this note yet");
        }

        Db.Applied.Add(new AppliedNote
        {
            NoteId = context.Message.NoteId,
            Position = context.Message.Position,
            TraceId = Activity.Current?.TraceId.ToString(),
        });
        return Task.CompletedTask;
    }
}
