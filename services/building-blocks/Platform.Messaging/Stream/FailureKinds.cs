using System.Net.Sockets;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.ServiceDefaults.Data;

namespace Platform.Messaging.Stream;

internal enum FailureKind
{
    /// <summary>The database or the network failed: retried without limit, the event is not to blame.</summary>
    Outage,

    /// <summary>The handler failed on this event: retried a few times, then set aside.</summary>
    Handler,

    /// <summary>No retry can help (unreadable, a contract violation): set aside at once.</summary>
    Permanent,
}

internal static class FailureKinds
{
    public static FailureKind Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PermanentEventFailureException or JsonException or UnknownEventTypeException:
                    return FailureKind.Permanent;
                case PostgresException postgres:
                    return DatabaseOutage.IsOutageState(postgres.SqlState) ? FailureKind.Outage : FailureKind.Handler;
                case NpgsqlException npgsql when npgsql.IsTransient:
                case DbUpdateConcurrencyException: // a write of the API raced the batch: try again on fresh data
                case TimeoutException or SocketException:
                    return FailureKind.Outage;
            }
        }

        return FailureKind.Handler;
    }
}

/// <summary>A delivery whose type the service has no handler for (a binding that should not exist).</summary>
internal sealed class UnknownEventTypeException(string message) : Exception(message);
