using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;

namespace Platform.Messaging;

public static class MessagingModel
{
    // Table and column names are fixed here (not left to a naming convention) because the bulk
    // path writes the outbox with COPY by these names, and the dispatcher and pruning query them.
    internal const string OutboxTable = "outbox_messages";

    internal static readonly string[] OutboxCopyColumns =
        ["message_id", "message_type", "body", "partition_key", "audience", "trace_parent", "trace_state", "created_at"];

    /// <summary>Adds the outbox_messages and inbox_messages tables to a service's model.</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(OutboxTable);
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            outbox.Property(m => m.MessageId).HasColumnName("message_id");
            outbox.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(500);
            // Plain text: only the dispatcher reads it back, and jsonb's parse would slow the bulk path.
            outbox.Property(m => m.Body).HasColumnName("body").HasColumnType("text");
            outbox.Property(m => m.PartitionKey).HasColumnName("partition_key").HasMaxLength(100);
            outbox.Property(m => m.Audience).HasColumnName("audience").HasMaxLength(50);
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(100);
            outbox.Property(m => m.TraceState).HasColumnName("trace_state").HasMaxLength(OutboxSerializer.MaxTraceStateLength);
            outbox.Property(m => m.CreatedAt).HasColumnName("created_at");
            outbox.Property(m => m.SentAt).HasColumnName("sent_at");
            outbox.Property(m => m.Attempts).HasColumnName("attempts").HasDefaultValue(0);
            outbox.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
            outbox.Property(m => m.DeadAt).HasColumnName("dead_at");
            outbox.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(2000);
            outbox.HasIndex(m => m.MessageId).IsUnique();
            // The dispatcher looks for unsent rows in order, and for the partitions waiting after a refusal.
            outbox.HasIndex(m => m.Sequence).HasFilter("sent_at IS NULL AND dead_at IS NULL").HasDatabaseName("ix_outbox_messages_unsent");
            outbox.HasIndex(m => m.NextAttemptAt).HasFilter("sent_at IS NULL AND dead_at IS NULL AND next_attempt_at IS NOT NULL").HasDatabaseName("ix_outbox_messages_waiting");
            // Pruning finds sent rows by age; operators find set-aside rows.
            outbox.HasIndex(m => m.SentAt).HasFilter("sent_at IS NOT NULL").HasDatabaseName("ix_outbox_messages_sent_at");
            outbox.HasIndex(m => m.DeadAt).HasFilter("dead_at IS NOT NULL").HasDatabaseName("ix_outbox_messages_dead_at");
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.MessageId).HasColumnName("message_id");
            inbox.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            inbox.Property(m => m.ProcessedAt).HasColumnName("processed_at");
            inbox.HasIndex(m => m.ProcessedAt).HasDatabaseName("ix_inbox_messages_processed_at");
        });
        return modelBuilder;
    }
}
