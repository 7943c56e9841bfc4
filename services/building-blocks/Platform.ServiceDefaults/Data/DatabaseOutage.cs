using System.Net.Sockets;
using Npgsql;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Whether a failure is the database's, not the request's or the code's: unreachable or restarting, out of connections,
/// a command that timed out, a serialization failure, a deadlock. Trying again later can succeed, so an API answers
/// 503 / gRPC Unavailable ("try again") instead of a bare 500 / Unknown, and the event stream retries without limit.
/// </summary>
public static class DatabaseOutage
{
    public static bool Is(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return IsOutageState(postgres.SqlState);
                case NpgsqlException { IsTransient: true }:
                case TimeoutException or SocketException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Connection errors, admin shutdown, too many connections, serialization failure, deadlock, lock timeout.</summary>
    public static bool IsOutageState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState.StartsWith("57P", StringComparison.Ordinal) ||
        sqlState.StartsWith("53", StringComparison.Ordinal) || sqlState is "40001" or "40P01" or "55P03";
}
