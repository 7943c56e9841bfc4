using System.Text.RegularExpressions;
using Npgsql;

namespace Platform.ServiceDefaults.Audit;

/// <summary>
/// The audit log's storage in the "audit" database: schema "audit", table "audit.entries", its
/// indexes, a trigger that rejects every UPDATE (and TRUNCATE) whoever asks, and the writer LOGIN
/// role that may only INSERT and SELECT. Run by the owning host at start; idempotent and safe when
/// two hosts run it at once.
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
            await using var command = new NpgsqlCommand(SchemaSql.Replace("{writer}", role, StringComparison.Ordinal), connection, transaction);
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

        CREATE OR REPLACE FUNCTION audit.reject_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            RAISE EXCEPTION 'audit.entries is append-only: % is not allowed', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END
        $fn$;

        CREATE OR REPLACE TRIGGER entries_reject_update
            BEFORE UPDATE ON audit.entries FOR EACH STATEMENT EXECUTE FUNCTION audit.reject_change();
        CREATE OR REPLACE TRIGGER entries_reject_truncate
            BEFORE TRUNCATE ON audit.entries FOR EACH STATEMENT EXECUTE FUNCTION audit.reject_change();

        REVOKE ALL ON SCHEMA audit FROM PUBLIC;
        REVOKE ALL ON audit.entries FROM PUBLIC;
        REVOKE ALL ON SEQUENCE audit.entries_id_seq FROM PUBLIC;

        REVOKE ALL ON SCHEMA audit FROM {writer};
        REVOKE ALL ON audit.entries FROM {writer};
        REVOKE ALL ON SEQUENCE audit.entries_id_seq FROM {writer};
        GRANT USAGE ON SCHEMA audit TO {writer};
        GRANT INSERT, SELECT ON audit.entries TO {writer};
        GRANT USAGE ON SEQUENCE audit.entries_id_seq TO {writer};
        """;
}
