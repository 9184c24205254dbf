using Microsoft.EntityFrameworkCore;
using XinYu.Messaging.Inbox;
using XinYu.Messaging.Outbox;

namespace XinYu.Messaging;

/// <summary>The outbox and inbox tables, added to each service's own DbContext so they share its transactions.</summary>
public static class MessagingModel
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_messages";

    public static ModelBuilder AddMessagingTables(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(OutboxTable);
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            outbox.Property(m => m.MessageId).HasColumnName("message_id");
            outbox.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(300);
            outbox.Property(m => m.Payload).HasColumnName("payload").HasColumnType("jsonb");
            outbox.Property(m => m.AggregateKey).HasColumnName("aggregate_key").HasMaxLength(200);
            outbox.Property(m => m.CreatedAt).HasColumnName("created_at");
            outbox.Property(m => m.SentAt).HasColumnName("sent_at");
            outbox.Property(m => m.Attempts).HasColumnName("attempts");
            outbox.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
            outbox.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(2000);
            // Trace context only (OutboxTraceContext): random ids, never personal data.
            outbox.Property(m => m.TraceParent).HasColumnName("traceparent").HasMaxLength(OutboxTraceContext.MaxTraceParentLength);
            outbox.Property(m => m.TraceState).HasColumnName("tracestate").HasMaxLength(OutboxTraceContext.MaxTraceStateLength);
            outbox.HasIndex(m => m.MessageId).IsUnique();
            // The relay's query: unsent rows in order. A partial index stays small however long the history.
            outbox.HasIndex(m => m.Sequence).HasDatabaseName("ix_outbox_unsent").HasFilter("sent_at IS NULL");
        });
        model.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable(InboxTable);
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.MessageId).HasColumnName("message_id");
            inbox.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            inbox.Property(m => m.ProcessedAt).HasColumnName("processed_at");
        });
        return model;
    }
}
