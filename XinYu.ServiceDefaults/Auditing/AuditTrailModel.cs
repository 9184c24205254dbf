using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace XinYu.ServiceDefaults.Auditing;

/// <summary>The audit table in a service's own database, so an audited change and its entry commit together.</summary>
public static class AuditTrailModel
{
    public const string Table = "audit_entries";
    public const string HeadTable = "audit_head";
    /// <summary>The only columns of <see cref="Table"/> the service's role may update (once, on an unsealed row).</summary>
    public static readonly string[] SealColumns = ["chain_position", "previous_hash", "hash"];

    public static ModelBuilder AddAuditTrail(this ModelBuilder model)
    {
        model.Entity<AuditEntry>(audit =>
        {
            audit.ToTable(Table);
            audit.HasKey(e => e.Sequence);
            audit.Property(e => e.Sequence).HasColumnName("sequence").ValueGeneratedNever();
            audit.Property(e => e.ChainPosition).HasColumnName("chain_position");
            audit.Property(e => e.OccurredAt).HasColumnName("occurred_at");
            audit.Property(e => e.ActorId).HasColumnName("actor_id").HasMaxLength(100);
            audit.Property(e => e.ActorRoles).HasColumnName("actor_roles").HasMaxLength(200);
            audit.Property(e => e.ClientAddress).HasColumnName("client_address").HasMaxLength(64);
            audit.Property(e => e.Action).HasColumnName("action").HasMaxLength(40);
            audit.Property(e => e.ResourceType).HasColumnName("resource_type").HasMaxLength(60);
            audit.Property(e => e.ResourceId).HasColumnName("resource_id").HasMaxLength(AuditEntry.ResourceIdLength);
            audit.Property(e => e.StudentId).HasColumnName("student_id");
            audit.Property(e => e.SchoolId).HasColumnName("school_id");
            audit.Property(e => e.BureauId).HasColumnName("bureau_id");
            audit.Property(e => e.Purpose).HasColumnName("purpose").HasMaxLength(500);
            audit.Property(e => e.CorrelationId).HasColumnName("correlation_id").HasMaxLength(64);
            audit.Property(e => e.PreviousHash).HasColumnName("previous_hash").HasMaxLength(64);
            audit.Property(e => e.Hash).HasColumnName("hash").HasMaxLength(64);
            audit.HasIndex(e => new { e.StudentId, e.OccurredAt });
            audit.HasIndex(e => new { e.ActorId, e.OccurredAt });
            // The auditor's list: one bureau's rows in order.
            audit.HasIndex(e => new { e.BureauId, e.Sequence });
            // Verify walks the chain by position; one row per position.
            audit.HasIndex(e => e.ChainPosition).IsUnique();
            // The sealer's work list stays small however long the trail grows.
            audit.HasIndex(e => e.Sequence).HasFilter("hash IS NULL").HasDatabaseName("IX_audit_entries_unsealed");
        });
        model.Entity<AuditHead>(head =>
        {
            head.ToTable(HeadTable);
            head.HasKey(h => h.Id);
            head.Property(h => h.Id).HasColumnName("id");
            head.Property(h => h.LastPosition).HasColumnName("last_position");
            head.Property(h => h.LastHash).HasColumnName("last_hash").HasMaxLength(64);
        });
        return model;
    }

    /// <summary>
    /// The first chain's triggers (SHA-256 in the database, one lock for every insert), installed by the services'
    /// AuditTrail migrations and replaced by <see cref="AddSealedAuditTrail"/>. Kept only so those migrations still
    /// build the same schema on a new database.
    /// </summary>
    public static void AddAuditTrailTriggers(this MigrationBuilder migration) => migration.Sql(FirstChainSql);

    /// <summary>Call at the end of the Initial migration of a service that keeps a trail (and from tests that create the table directly).</summary>
    public static void AddSealedAuditTrail(this MigrationBuilder migration) => migration.Sql(SealedChainSql);

    /// <summary>
    /// The database gives each row its insertion sequence (no lock: inserts never wait for each other) and clears any
    /// seal an inserter tried to set; the sealer chains rows later. An update may only seal an unsealed row: every
    /// other column must stay as it was, and a sealed row never changes. Deletes and truncation are refused. Rows of
    /// the first chain are unsealed here, so the sealer re-chains them under the key, in their original order.
    /// The service's role cannot change any of this: the owner role (migrations) owns the table and its triggers.
    /// </summary>
    public const string SealedChainSql = """
        DROP TRIGGER IF EXISTS audit_chain ON audit_entries;
        DROP TRIGGER IF EXISTS audit_append_only ON audit_entries;
        DROP TRIGGER IF EXISTS audit_head_guard ON audit_head;
        DROP FUNCTION IF EXISTS xinyu_audit_chain();
        UPDATE audit_entries SET chain_position = NULL, previous_hash = NULL, hash = NULL;
        DELETE FROM audit_head;

        CREATE SEQUENCE IF NOT EXISTS audit_entries_sequence;
        SELECT setval('audit_entries_sequence', coalesce((SELECT max(sequence) FROM audit_entries), 0) + 1, false);

        CREATE OR REPLACE FUNCTION xinyu_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.sequence := nextval('audit_entries_sequence');
          NEW.chain_position := NULL;
          NEW.previous_hash := NULL;
          NEW.hash := NULL;
          RETURN NEW;
        END $$;

        CREATE OR REPLACE FUNCTION xinyu_audit_seal_once() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF OLD.hash IS NOT NULL OR NEW.hash IS NULL OR NEW.chain_position IS NULL OR NEW.previous_hash IS NULL
             OR (to_jsonb(NEW) - 'chain_position' - 'previous_hash' - 'hash')
                IS DISTINCT FROM (to_jsonb(OLD) - 'chain_position' - 'previous_hash' - 'hash') THEN
            RAISE EXCEPTION 'the audit trail is append-only';
          END IF;
          RETURN NEW;
        END $$;

        CREATE OR REPLACE FUNCTION xinyu_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'the audit trail is append-only';
        END $$;

        CREATE TRIGGER audit_insert BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION xinyu_audit_insert();
        CREATE TRIGGER audit_seal_once BEFORE UPDATE ON audit_entries FOR EACH ROW EXECUTE FUNCTION xinyu_audit_seal_once();
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION xinyu_audit_append_only();
        DROP TRIGGER IF EXISTS audit_no_truncate ON audit_entries;
        CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION xinyu_audit_append_only();
        CREATE TRIGGER audit_head_guard BEFORE DELETE ON audit_head FOR EACH ROW EXECUTE FUNCTION xinyu_audit_append_only();
        """;

    /// <summary>
    /// What the service's own role may do to the trail: read and insert rows, set the seal columns (the trigger allows
    /// that once per row), keep the head. No UPDATE of any other column, no DELETE, no TRUNCATE, no TRIGGER: with
    /// neither ownership nor those privileges it cannot alter, disable or drop the triggers either.
    /// </summary>
    public static string AppRoleGrantsSql(string role) => $"""
        REVOKE ALL ON {Table} FROM "{role}";
        GRANT SELECT, INSERT ON {Table} TO "{role}";
        GRANT UPDATE ({string.Join(", ", SealColumns)}) ON {Table} TO "{role}";
        REVOKE ALL ON {HeadTable} FROM "{role}";
        GRANT SELECT, INSERT, UPDATE ON {HeadTable} TO "{role}";
        GRANT USAGE ON SEQUENCE audit_entries_sequence TO "{role}";
        """;

    private const string FirstChainSql = """
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

/// <summary>The last sealed row's position and hash, kept by the sealer: a removed tail disagrees with it.</summary>
public sealed class AuditHead
{
    public int Id { get; set; }
    public long LastPosition { get; set; }
    public required string LastHash { get; set; }
}
