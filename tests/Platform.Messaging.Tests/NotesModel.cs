using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Platform.Contracts;
using Platform.Contracts.Households;
using Platform.Messaging.Households;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;
using Platform.Messaging.Stream;

namespace Platform.Messaging.Tests;

/// <summary>A tiny service of its own: notes (the business change) and the outbox/inbox beside them.</summary>
public sealed class NotesDbContext(DbContextOptions<NotesDbContext> options) : DbContext(options), IMessagingDbContext, IHouseholdReplicaDbContext
{
    public DbSet<Note> Notes => Set<Note>();

    public DbSet<AppliedNote> Applied => Set<AppliedNote>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<ReplicaHousehold> ReplicaHouseholds => Set<ReplicaHousehold>();

    public DbSet<ReplicaMember> ReplicaMembers => Set<ReplicaMember>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>().ToTable("notes");
        modelBuilder.Entity<AppliedNote>().ToTable("applied_notes").HasKey(a => a.Id);
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddHouseholdReplica();
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

    public Guid HouseholdId { get; init; }

    public int Position { get; init; }

    /// <summary>Which kind of event made it ("added", "amended").</summary>
    public string Kind { get; init; } = "added";

    /// <summary>The order in which the handlers ran, across all events and batches of the test service.</summary>
    public long AppliedOrder { get; init; }

    public string? TraceId { get; init; }

    /// <summary>The instance of the service that applied it (its Messaging:Stream:InstanceIndex).</summary>
    public int Instance { get; init; }
}

public sealed record NoteAdded : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required Guid NoteId { get; init; }

    public int Position { get; init; }
}

/// <summary>A second event type of the same household, to show that order holds across types.</summary>
public sealed record NoteAmended : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required Guid NoteId { get; init; }

    public int Position { get; init; }
}

/// <summary>An event type the test's broker refuses to take (a queue bound to it rejects every publish).</summary>
public sealed record NoteRejected : IHouseholdEvent
{
    public required Guid EventId { get; init; }

    public required Guid HouseholdId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>What the test service's handlers saw: how many ran at once for one household, and in what order.</summary>
public static class NoteHandling
{
    private static readonly ConcurrentDictionary<Guid, int> InFlight = new();
    private static long order;
    private static int overlaps;

    /// <summary>Notes the handlers fail on, as a bug would, until a test removes them (the fix).</summary>
    public static readonly ConcurrentDictionary<Guid, bool> Failing = new();

    /// <summary>Times two events of one household were being handled at the same moment.</summary>
    public static int Overlaps => Volatile.Read(ref overlaps);

    public static async Task ApplyAsync(NotesDbContext db, Guid householdId, Guid noteId, int position, string kind, IConfiguration configuration)
    {
        if (Failing.ContainsKey(noteId))
        {
            throw new InvalidOperationException("The handler cannot handle this note yet");
        }

        if (InFlight.AddOrUpdate(householdId, 1, (_, n) => n + 1) > 1)
        {
            Interlocked.Increment(ref overlaps);
        }

        try
        {
            // Long enough that two deliveries of one household handled side by side would overlap.
            await Task.Yield();
            db.Applied.Add(new AppliedNote
            {
                NoteId = noteId,
                HouseholdId = householdId,
                Position = position,
                Kind = kind,
                AppliedOrder = Interlocked.Increment(ref order),
                TraceId = Activity.Current?.TraceId.ToString(),
                Instance = configuration.GetValue<int>("Messaging:Stream:InstanceIndex"),
            });
        }
        finally
        {
            InFlight.AddOrUpdate(householdId, 0, (_, n) => n - 1);
        }
    }
}

public sealed class NoteAddedHandler(NotesDbContext db, IConfiguration configuration) : IEventHandler<NoteAdded>
{
    public Task HandleAsync(NoteAdded added, CancellationToken cancellationToken) =>
        NoteHandling.ApplyAsync(db, added.HouseholdId, added.NoteId, added.Position, "added", configuration);
}

public sealed class NoteAmendedHandler(NotesDbContext db, IConfiguration configuration) : IEventHandler<NoteAmended>
{
    public Task HandleAsync(NoteAmended amended, CancellationToken cancellationToken) =>
        NoteHandling.ApplyAsync(db, amended.HouseholdId, amended.NoteId, amended.Position, "amended", configuration);
}

public sealed class NoteRejectedHandler : IEventHandler<NoteRejected>
{
    public Task HandleAsync(NoteRejected rejected, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The test service's reactions to its copy of the registry: what happened, in order.</summary>
public sealed class RecordingReactions : IHouseholdReactions
{
    public static readonly ConcurrentQueue<string> Seen = new();

    public bool ReactsToStatusChanges => true;

    public Task HouseholdFollowedAsync(ReplicaHousehold household, IReadOnlyList<ReplicaMember> members, CancellationToken cancellationToken) =>
        Record($"followed {household.Id} {members.Count}");

    public Task MemberJoinedAsync(ReplicaHousehold household, ReplicaMember member, CancellationToken cancellationToken) => Record($"joined {member.Id}");

    public Task MemberChangedAsync(ReplicaHousehold household, ReplicaMember member, CancellationToken cancellationToken) => Record($"changed {member.Id} {member.Health}");

    public Task MemberLeftAsync(ReplicaHousehold household, ReplicaMember member, MemberRemovalReason reason, CancellationToken cancellationToken) =>
        Record($"left {member.Id} {reason}");

    public Task HouseholdMovedAsync(ReplicaHousehold household, string previousVillageCode, CancellationToken cancellationToken) =>
        Record($"moved {household.Id} {previousVillageCode}->{household.VillageCode}");

    public Task StatusChangedAsync(ReplicaHousehold household, HouseholdStatus previous, CancellationToken cancellationToken) =>
        Record($"status {household.Id} {previous}->{household.Status}");

    private static Task Record(string what)
    {
        Seen.Enqueue(what);
        return Task.CompletedTask;
    }
}
