using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Whether a unit of work failed because another writer changed what it read or wrote meanwhile: a row changed since it was
/// read (optimistic concurrency), a unique value taken first, a row it refers to removed, a serialization failure, a deadlock.
/// Nothing of the unit was committed and applying it again on fresh data can succeed, so a feed applies it again
/// (<see cref="Grpc.BatchedImport"/>) before it answers the record as a conflict. Any other failure (a value too long, a
/// missing required value) is not a race: trying again cannot help, and it surfaces as the error it is.
/// </summary>
public static class ConcurrentChange
{
    public static bool Is(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case DbUpdateConcurrencyException:
                    return true;
                case PostgresException postgres:
                    return IsState(postgres.SqlState);
            }
        }

        return false;
    }

    /// <summary>Unique violation, foreign-key violation, serialization failure, deadlock.</summary>
    public static bool IsState(string sqlState) => sqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation
        or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;
}
