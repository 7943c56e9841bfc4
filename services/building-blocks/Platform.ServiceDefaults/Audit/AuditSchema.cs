using System.Text.RegularExpressions;
using Npgsql;

namespace Platform.ServiceDefaults.Audit;

/// <summary>
/// The audit log's storage in the "audit" database: schema "audit", table "audit.entries", its
/// indexes, the hash chain (each entry holds the hash of the one before, set by a trigger), triggers
/// that reject every UPDATE and TRUNCATE and every DELETE of an entry younger than the shortest
/// retention whoever asks, and the writer LOGIN role that may only INSERT and SELECT. Run by the
/// owning host at start; idempotent and safe when two hosts run it at once.
/// </summary>
public static partial class AuditSchema
{
    public const string Schema = "audit";

    public const string Table = "audit.entries";

    /// <summary>
    /// Creates what is missing and (re)applies the writer role's privileges: USAGE on the schema,
    /// INSERT and SELECT on the table, USAGE on its sequence, nothing else. The role is created with
    /// <paramref name="writerPassword"/> when it does not exist (an existing role's password is left
    /// alone). The owner needs CREATEROLE for that, or the role must exist already. The password
    /// travels as a parameter only, so it is never part of a logged or traced statement.
    /// </summary>
    public static async Task EnsureAsync(NpgsqlDataSource owner, string writerRole, string writerPassword, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentException.ThrowIfNullOrEmpty(writerPassword);
        var role = QuoteRole(writerRole);

        await using (var connection = await owner.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using (var settings = new NpgsqlCommand(
                "SELECT set_config('platform_audit.writer_role', $1, true), set_config('platform_audit.writer_password', $2, true)",
                connection,
                transaction))
            {
                settings.Parameters.Add(new NpgsqlParameter { Value = writerRole });
                settings.Parameters.Add(new NpgsqlParameter { Value = writerPassword });
                await settings.ExecuteNonQueryAsync(cancellationToken);
            }

            // Roles belong to the whole server: another database's owner may create it at the same moment.
            await using (var create = new NpgsqlCommand(CreateRoleSql, connection, transaction))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await using (var connection = await owner.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var sql = SchemaSql
                .Replace("{writer}", role, StringComparison.Ordinal)
                .Replace("{minimumRetentionDays}", AuditOptions.MinimumRetentionDays.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>"role" quoted as an identifier, after checking it is a plain lower-case one.</summary>
    private static string QuoteRole(string writerRole)
    {
        ArgumentException.ThrowIfNullOrEmpty(writerRole);
        if (!RoleName().IsMatch(writerRole))
        {
            throw new ArgumentException("The writer role must be a lower-case PostgreSQL identifier (a-z, 0-9, _).", nameof(writerRole));
        }

        return "\"" + writerRole + "\"";
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();

    private const string CreateRoleSql = """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_setting('platform_audit.writer_role')) THEN
                BEGIN
                    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L',
                        current_setting('platform_audit.writer_role'), current_setting('platform_audit.writer_password'));
                EXCEPTION WHEN duplicate_object OR unique_violation THEN
                    NULL;
                END;
            END IF;
        END
        $$;
        """;

    private const string SchemaSql = """
        SELECT pg_advisory_xact_lock(hashtext('platform.audit.schema'));

        CREATE SCHEMA IF NOT EXISTS audit;

        CREATE TABLE IF NOT EXISTS audit.entries (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at timestamptz NOT NULL,
            service text NOT NULL,
            subject text NOT NULL,
            role text NOT NULL,
            client_id text NOT NULL,
            action text NOT NULL,
            resource text NOT NULL,
            resource_id text NULL,
            outcome_status integer NOT NULL,
            outcome text NOT NULL CHECK (outcome IN ('succeeded', 'refused', 'failed')),
            source_address text NOT NULL,
            trace_id text NOT NULL,
            detail text NULL
        );

        CREATE INDEX IF NOT EXISTS ix_entries_at ON audit.entries (at DESC);
        CREATE INDEX IF NOT EXISTS ix_entries_subject_at ON audit.entries (subject, at DESC);
        CREATE INDEX IF NOT EXISTS ix_entries_client_id_at ON audit.entries (client_id, at DESC);
        CREATE INDEX IF NOT EXISTS ix_entries_resource_at ON audit.entries (resource, resource_id, at DESC);

        -- The chain: each entry's place (seq), the hash of the entry before it and its own hash over
        -- both, set by the database as the entry is inserted (added to logs that predate it).
        ALTER TABLE audit.entries ADD COLUMN IF NOT EXISTS seq bigint;
        ALTER TABLE audit.entries ADD COLUMN IF NOT EXISTS prev_hash bytea;
        ALTER TABLE audit.entries ADD COLUMN IF NOT EXISTS hash bytea;
        CREATE UNIQUE INDEX IF NOT EXISTS ux_entries_seq ON audit.entries (seq);

        CREATE TABLE IF NOT EXISTS audit.chain_head (
            only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
            seq bigint NOT NULL,
            hash bytea NOT NULL
        );
        INSERT INTO audit.chain_head (only_row, seq, hash) VALUES (true, 0, decode(repeat('00', 32), 'hex')) ON CONFLICT DO NOTHING;

        -- One field of the hashed text: its length in bytes, a colon, the text; '-' for none.
        CREATE OR REPLACE FUNCTION audit.field(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
            SELECT CASE WHEN value IS NULL THEN '-' ELSE octet_length(value)::text || ':' || value END
        $fn$;

        -- What an entry's hash covers, in this order (AuditChain computes the same to verify).
        CREATE OR REPLACE FUNCTION audit.entry_text(e audit.entries) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
            SELECT audit.field(e.seq::text) || audit.field(((extract(epoch FROM e.at) * 1000000)::bigint)::text)
                || audit.field(e.service) || audit.field(e.subject) || audit.field(e.role) || audit.field(e.client_id)
                || audit.field(e.action) || audit.field(e.resource) || audit.field(e.resource_id)
                || audit.field(e.outcome_status::text) || audit.field(e.outcome) || audit.field(e.source_address)
                || audit.field(e.trace_id) || audit.field(e.detail)
        $fn$;

        -- Writers take the chain's head in turn (a row lock held until their transaction ends), so
        -- concurrent inserts chain one after the other in commit order; whatever chain values a
        -- writer sends are replaced.
        CREATE OR REPLACE FUNCTION audit.chain_entry() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = pg_catalog, pg_temp AS $fn$
        DECLARE
            head_seq bigint;
            head_hash bytea;
        BEGIN
            SELECT seq, hash INTO head_seq, head_hash FROM audit.chain_head WHERE only_row FOR UPDATE;
            NEW.seq := head_seq + 1;
            NEW.prev_hash := head_hash;
            NEW.hash := sha256(head_hash || convert_to(audit.entry_text(NEW), 'UTF8'));
            UPDATE audit.chain_head SET seq = NEW.seq, hash = NEW.hash WHERE only_row;
            RETURN NEW;
        END
        $fn$;

        -- Entries written before the chain existed join it once, in the order they were written.
        DO $backfill$
        DECLARE
            entry record;
            head_seq bigint;
            head_hash bytea;
        BEGIN
            IF EXISTS (SELECT 1 FROM audit.entries WHERE seq IS NULL) THEN
                ALTER TABLE audit.entries DISABLE TRIGGER USER;
                SELECT seq, hash INTO head_seq, head_hash FROM audit.chain_head WHERE only_row FOR UPDATE;
                FOR entry IN SELECT id FROM audit.entries WHERE seq IS NULL ORDER BY id LOOP
                    head_seq := head_seq + 1;
                    UPDATE audit.entries SET seq = head_seq, prev_hash = head_hash WHERE id = entry.id;
                    UPDATE audit.entries e SET hash = sha256(head_hash || convert_to(audit.entry_text(e), 'UTF8'))
                        WHERE id = entry.id RETURNING hash INTO head_hash;
                END LOOP;
                UPDATE audit.chain_head SET seq = head_seq, hash = head_hash WHERE only_row;
                ALTER TABLE audit.entries ENABLE TRIGGER USER;
            END IF;
            IF NOT (SELECT attnotnull FROM pg_attribute WHERE attrelid = 'audit.entries'::regclass AND attname = 'hash') THEN
                ALTER TABLE audit.entries ALTER COLUMN seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL;
            END IF;
        END
        $backfill$;

        CREATE OR REPLACE TRIGGER entries_chain
            BEFORE INSERT ON audit.entries FOR EACH ROW EXECUTE FUNCTION audit.chain_entry();

        CREATE OR REPLACE FUNCTION audit.reject_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            RAISE EXCEPTION 'audit.entries is append-only: % is not allowed', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END
        $fn$;

        -- Whoever asks, the owner included: only retention may delete, and only entries past the
        -- shortest retention allowed (it deletes the oldest first, so the chain stays whole).
        CREATE OR REPLACE FUNCTION audit.reject_early_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF OLD.at > now() - make_interval(days => {minimumRetentionDays}) THEN
                RAISE EXCEPTION 'audit.entries is append-only: an entry younger than {minimumRetentionDays} days cannot be deleted'
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN OLD;
        END
        $fn$;

        CREATE OR REPLACE TRIGGER entries_reject_update
            BEFORE UPDATE ON audit.entries FOR EACH STATEMENT EXECUTE FUNCTION audit.reject_change();
        CREATE OR REPLACE TRIGGER entries_reject_truncate
            BEFORE TRUNCATE ON audit.entries FOR EACH STATEMENT EXECUTE FUNCTION audit.reject_change();
        CREATE OR REPLACE TRIGGER entries_reject_early_delete
            BEFORE DELETE ON audit.entries FOR EACH ROW EXECUTE FUNCTION audit.reject_early_delete();

        REVOKE ALL ON SCHEMA audit FROM PUBLIC;
        REVOKE ALL ON audit.entries FROM PUBLIC;
        REVOKE ALL ON audit.chain_head FROM PUBLIC;
        REVOKE ALL ON SEQUENCE audit.entries_id_seq FROM PUBLIC;

        REVOKE ALL ON SCHEMA audit FROM {writer};
        REVOKE ALL ON audit.entries FROM {writer};
        REVOKE ALL ON audit.chain_head FROM {writer};
        REVOKE ALL ON SEQUENCE audit.entries_id_seq FROM {writer};
        GRANT USAGE ON SCHEMA audit TO {writer};
        GRANT INSERT, SELECT ON audit.entries TO {writer};
        -- To verify the chain up to its head (deploy/Platform.Ops audit-verify).
        GRANT SELECT ON audit.chain_head TO {writer};
        GRANT USAGE ON SEQUENCE audit.entries_id_seq TO {writer};
        """;
}
