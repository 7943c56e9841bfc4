using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.ServiceDefaults.Http;

namespace Platform.ServiceDefaults.Data;

public static class SaveOutcome
{
    /// <summary>
    /// Saves the unit of work and answers as a command does: done, or a 409 when another request
    /// changed the same row meanwhile (optimistic concurrency) or got in first with a unique value.
    /// </summary>
    /// <param name="uniqueViolation">The field and message for a unique violation, from its constraint.</param>
    public static async Task<Outcome<T>> SaveAsOutcomeAsync<T>(
        this DbContext db,
        T value,
        (string Field, string Message) concurrencyConflict,
        Func<PostgresException, (string Field, string Message)> uniqueViolation,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(uniqueViolation);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Outcome<T>.Done(value);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<T>.Refused(Refusal.Conflict, concurrencyConflict.Field, concurrencyConflict.Message);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            var (field, message) = uniqueViolation(unique);
            return Outcome<T>.Refused(Refusal.Conflict, field, message);
        }
    }
}
