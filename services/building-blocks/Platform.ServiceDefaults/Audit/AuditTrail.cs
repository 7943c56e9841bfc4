using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Platform.ServiceDefaults.Audit;

/// <summary>Writes the audit log. Throws <see cref="AuditUnavailableException"/> when the entry could not be stored.</summary>
public interface IAuditTrail
{
    Task RecordAsync(AuditRecord record, CancellationToken cancellationToken);
}

/// <summary>
/// Plain INSERTs into audit.entries through the host's own data source for the "audit" connection
/// string (the writer role), kept apart from the service's database.
/// </summary>
internal sealed partial class NpgsqlAuditTrail(
    [FromKeyedServices(AuditOptions.ConnectionName)] NpgsqlDataSource dataSource,
    AuditServiceName service) : IAuditTrail
{
    private const string InsertSql = """
        INSERT INTO audit.entries
            (at, service, subject, role, client_id, action, resource, resource_id,
             outcome_status, outcome, source_address, trace_id, detail)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
        """;

    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var command = dataSource.CreateCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = record.At.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        Add(command, service.Name);
        Add(command, Limit(record.Subject, 200));
        Add(command, Limit(record.Role, 200));
        Add(command, Limit(record.ClientId, 200));
        Add(command, Limit(AuditText.Scrub(record.Action), 500));
        Add(command, Limit(record.Resource, 100));
        Add(command, record.ResourceId is null ? null : Limit(AuditText.Scrub(record.ResourceId), 200));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = record.OutcomeStatus });
        Add(command, record.Outcome);
        Add(command, Limit(record.SourceAddress, 100));
        Add(command, Limit(record.TraceId, 64));
        Add(command, record.Detail is null ? null : Limit(AuditText.Scrub(record.Detail), 2000));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            AuditTelemetry.WriteFailures.Add(1);
            throw new AuditUnavailableException(error);
        }
    }

    // PostgreSQL text holds no NUL: a caller's "%00" in a query string would make the entry, and with it the call, fail.
    private static void Add(NpgsqlCommand command, string? value) =>
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)value?.Replace('\0', '\uFFFD') ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });

    private static string Limit(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>The name stored in the "service" column.</summary>
internal sealed record AuditServiceName(string Name);

/// <summary>The audit log's own metric: writes that failed (an alert: the changes they were for were refused).</summary>
internal static class AuditTelemetry
{
    public const string MeterName = "Platform.Audit";

    public static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> WriteFailures =
        Meter.CreateCounter<long>("platform.audit.write_failures", description: "Audit entries that could not be written");
}

/// <summary>Keeps personal data out of the audit log even when a caller slips.</summary>
public static partial class AuditText
{
    /// <summary>
    /// Masks anything shaped like an 18-character resident ID number (17 digits and a digit or X)
    /// as 6 + 8 stars + 4, the way every response masks it.
    /// </summary>
    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ResidentIdNumber().Replace(text, match => string.Concat(match.Value.AsSpan(0, 6), "********", match.Value.AsSpan(14, 4)));
    }

    [GeneratedRegex("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")]
    private static partial Regex ResidentIdNumber();
}
