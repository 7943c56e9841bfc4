namespace Platform.ServiceDefaults.Audit;

/// <summary>
/// One entry of the audit log (审计日志): who did what to which resource, when, from where, and how it
/// ended. Holds no personal data: <see cref="ResourceId"/> is a GUID or a code, never a resident ID
/// number (one that looks like it is masked before it is stored), and so is <see cref="Detail"/>.
/// </summary>
public sealed record AuditRecord
{
    /// <summary>When it happened (the host's <see cref="TimeProvider"/>).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The token's "sub" claim; <see cref="AuditOutcomes.Anonymous"/> without a token.</summary>
    public required string Subject { get; init; }

    /// <summary>The token's "role" claims, joined by commas; empty without a token.</summary>
    public required string Role { get; init; }

    /// <summary>The token's "client_id" claim; empty without a token.</summary>
    public required string ClientId { get; init; }

    /// <summary>"POST /api/households/{id}/members" (method and route pattern) or a gRPC method "/package.Service/Method".</summary>
    public required string Action { get; init; }

    /// <summary>What kind of thing: "household", "village", "dropout-case".</summary>
    public required string Resource { get; init; }

    /// <summary>Which one (a GUID or a code), when the action names one.</summary>
    public string? ResourceId { get; init; }

    /// <summary>The HTTP status; for gRPC the grpc-status code.</summary>
    public required int OutcomeStatus { get; init; }

    /// <summary><see cref="AuditOutcomes.Succeeded"/>, <see cref="AuditOutcomes.Refused"/> or <see cref="AuditOutcomes.Failed"/>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The caller's address: the first X-Forwarded-For entry behind the gateway, else the peer.</summary>
    public required string SourceAddress { get; init; }

    /// <summary>The W3C trace id of the request (32 hex digits).</summary>
    public required string TraceId { get; init; }

    /// <summary>Free text for people (e.g. which field was revealed); never personal data.</summary>
    public string? Detail { get; init; }
}

/// <summary>The words the audit log uses.</summary>
public static class AuditOutcomes
{
    /// <summary>Done (2xx, gRPC OK).</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Turned down: the caller's fault or not allowed (4xx, gRPC client errors).</summary>
    public const string Refused = "refused";

    /// <summary>Broke: 5xx, gRPC Internal/Unavailable/…, an exception.</summary>
    public const string Failed = "failed";

    /// <summary>The subject of a call without a (valid) token.</summary>
    public const string Anonymous = "anonymous";

    public static readonly IReadOnlyList<string> All = [Succeeded, Refused, Failed];
}

/// <summary>One stored entry, as the audit search returns it.</summary>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    string Service,
    string Subject,
    string Role,
    string ClientId,
    string Action,
    string Resource,
    string? ResourceId,
    int OutcomeStatus,
    string Outcome,
    string SourceAddress,
    string TraceId,
    string? Detail)
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns =
        "id, at, service, subject, role, client_id, action, resource, resource_id, outcome_status, outcome, source_address, trace_id, detail";

    /// <summary>The entry at the reader's current row, selected with <see cref="Columns"/>.</summary>
    public static AuditEntry Read(Npgsql.NpgsqlDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new AuditEntry(
            reader.GetInt64(0),
            reader.GetFieldValue<DateTimeOffset>(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            reader.GetString(5),
            reader.GetString(6),
            reader.GetString(7),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.GetInt32(9),
            reader.GetString(10),
            reader.GetString(11),
            reader.GetString(12),
            reader.IsDBNull(13) ? null : reader.GetString(13));
    }
}
