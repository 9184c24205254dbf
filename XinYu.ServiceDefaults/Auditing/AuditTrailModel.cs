using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace XinYu.ServiceDefaults.Auditing;

/// <summary>The audit table in a service's own database, so an audited change and its entry commit together.</summary>
public static class AuditTrailModel
{
    public const string Table = "audit_entries";

    public static ModelBuilder AddAuditTrail(this ModelBuilder model)
    {
        model.Entity<AuditEntry>(audit =>
        {
            audit.ToTable(Table);
            audit.HasKey(e => e.Sequence);
            audit.Property(e => e.Sequence).HasColumnName("sequence").ValueGeneratedNever();
            audit.Property(e => e.OccurredAt).HasColumnName("occurred_at");
            audit.Property(e => e.ActorId).HasColumnName("actor_id").HasMaxLength(100);
            audit.Property(e => e.ActorRoles).HasColumnName("actor_roles").HasMaxLength(200);
            audit.Property(e => e.ClientAddress).HasColumnName("client_address").HasMaxLength(64);
            audit.Property(e => e.Action).HasColumnName("action").HasMaxLength(40);
            audit.Property(e => e.ResourceType).HasColumnName("resource_type").HasMaxLength(60);
            audit.Property(e => e.ResourceId).HasColumnName("resource_id").HasMaxLength(AuditEntry.ResourceIdLength);
            audit.Property(e => e.StudentId).HasColumnName("student_id");
            audit.Property(e => e.SchoolId).HasColumnName("school_id");
            audit.Property(e => e.Purpose).HasColumnName("purpose").HasMaxLength(500);
            audit.Property(e => e.CorrelationId).HasColumnName("correlation_id").HasMaxLength(64);
            audit.Property(e => e.PreviousHash).HasColumnName("previous_hash").HasMaxLength(64);
            audit.Property(e => e.Hash).HasColumnName("hash").HasMaxLength(64);
            audit.HasIndex(e => new { e.StudentId, e.OccurredAt });
            audit.HasIndex(e => new { e.ActorId, e.OccurredAt });
        });
        model.Entity<AuditHead>(head =>
        {
            head.ToTable("audit_head");
            head.HasKey(h => h.Id);
            head.Property(h => h.Id).HasColumnName("id");
            head.Property(h => h.LastSequence).HasColumnName("last_sequence");
            head.Property(h => h.LastHash).HasColumnName("last_hash").HasMaxLength(64);
        });
        return model;
    }

    /// <summary>Call from the migration that creates the tables: installs the chain and the append-only guard.</summary>
    public static void AddAuditTrailTriggers(this MigrationBuilder migration) => migration.Sql(TriggersSql);

    /// <summary>
    /// The database assigns each row's sequence and hash under a transaction lock, so rows chain in commit order and
    /// no application code can write a hash of its choosing. Updates, deletes and truncation are refused.
    /// The canonical form here must match <see cref="AuditChain.Canonical"/>.
    /// </summary>
    public const string TriggersSql = """
        CREATE OR REPLACE FUNCTION xinyu_audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE head record;
        BEGIN
          PERFORM pg_advisory_xact_lock(4242424201);
          SELECT last_sequence, last_hash INTO head FROM audit_head WHERE id = 1;
          NEW.sequence := coalesce(head.last_sequence, 0) + 1;
          NEW.previous_hash := coalesce(head.last_hash, 'genesis');
          NEW.hash := encode(sha256(convert_to(concat_ws('|',
              NEW.previous_hash, NEW.sequence::text,
              to_char(NEW.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
              NEW.actor_id, NEW.actor_roles, coalesce(NEW.client_address, ''), NEW.action, NEW.resource_type,
              coalesce(NEW.resource_id, ''), coalesce(NEW.student_id::text, ''), coalesce(NEW.school_id::text, ''),
              coalesce(NEW.purpose, ''), coalesce(NEW.correlation_id, '')), 'UTF8')), 'hex');
          INSERT INTO audit_head (id, last_sequence, last_hash) VALUES (1, NEW.sequence, NEW.hash)
            ON CONFLICT (id) DO UPDATE SET last_sequence = EXCLUDED.last_sequence, last_hash = EXCLUDED.last_hash;
          RETURN NEW;
        END $$;

        CREATE OR REPLACE FUNCTION xinyu_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'the audit trail is append-only';
        END $$;

        CREATE TRIGGER audit_chain BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION xinyu_audit_chain();
        CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION xinyu_audit_append_only();
        CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION xinyu_audit_append_only();
        CREATE TRIGGER audit_head_guard BEFORE DELETE ON audit_head FOR EACH ROW EXECUTE FUNCTION xinyu_audit_append_only();
        """;
}

/// <summary>The newest row's sequence and hash, kept by the trigger: a removed tail disagrees with it.</summary>
public sealed class AuditHead
{
    public int Id { get; set; }
    public long LastSequence { get; set; }
    public required string LastHash { get; set; }
}
