using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults.Audit;

/// <summary>
/// Settings of the audit log (section "Audit"). Connection strings: "audit" (every host that writes
/// or searches, as the writer role) and "audit-owner" (the one host that owns the schema and purges
/// old entries, as the database owner).
/// </summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>Connection string of the writer role: INSERT and SELECT on audit.entries, nothing else.</summary>
    public const string ConnectionName = "audit";

    /// <summary>Connection string of the schema's owner: creates the schema and the writer role, purges.</summary>
    public const string OwnerConnectionName = "audit-owner";

    /// <summary>
    /// The writer role's password when "Audit:WriterPassword" is not configured, in the Development
    /// and Testing environments only (the local demo). Anywhere else the owner host refuses to start.
    /// </summary>
    public const string DemoWriterPassword = "audit-writer-local-demo-only";

    public const int MinimumRetentionDays = 183;

    /// <summary>The name stored in the "service" column; default OTEL_SERVICE_NAME, else the application name.</summary>
    public string? ServiceName { get; set; }

    /// <summary>The LOGIN role the services connect as (their "audit" connection string's user).</summary>
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "Audit:WriterRole must be a lower-case PostgreSQL identifier.")]
    public string WriterRole { get; set; } = "audit_writer";

    /// <summary>The writer role's password, set when the owner host creates the role.</summary>
    public string? WriterPassword { get; set; }

    /// <summary>How long entries are kept: at least six months (183 days); default a year.</summary>
    [Range(MinimumRetentionDays, 36_500, ErrorMessage = "Audit:RetentionDays must be at least 183 (six months) and at most 36500.")]
    public int RetentionDays { get; set; } = 365;

    /// <summary>How often old entries are purged (also once at start).</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The route value that names the resource of a REST write, unless the endpoint says otherwise.</summary>
    public string ResourceIdRouteValue { get; set; } = "id";
}
