using Npgsql;
using NpgsqlTypes;
using DomainHousehold = Platform.Households.Domain.Household;

namespace Platform.Households.Grpc;

/// <summary>
/// Writes households and their members with binary COPY on the caller's connection and
/// transaction: the bulk import's write path, and the baseline the import bench compares with.
/// Column names follow the EF model (snake_case); the import tests fail if they drift apart.
/// </summary>
public static class HouseholdRowsCopy
{
    public static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<DomainHousehold> households, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(households);
        await using (var householdRows = await connection.BeginBinaryImportAsync(
            "COPY households (id, household_number, village_id, status, main_cause, other_causes, phone, registered_year, exit_year, first_exit_year, registered_at, updated_at, size, helpers) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var h in households)
            {
                await householdRows.StartRowAsync(cancellationToken);
                await householdRows.WriteAsync(h.Id, NpgsqlDbType.Uuid, cancellationToken);
                await householdRows.WriteAsync(h.HouseholdNumber, NpgsqlDbType.Varchar, cancellationToken);
                await householdRows.WriteAsync(h.VillageId, NpgsqlDbType.Integer, cancellationToken);
                await householdRows.WriteAsync((int)h.Status, NpgsqlDbType.Integer, cancellationToken);
                await householdRows.WriteAsync((int)h.MainCause, NpgsqlDbType.Integer, cancellationToken);
                await householdRows.WriteAsync(h.OtherCauses.Select(c => (int)c).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(householdRows, h.Phone, NpgsqlDbType.Varchar, cancellationToken);
                await householdRows.WriteAsync(h.RegisteredYear, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(householdRows, h.ExitYear, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(householdRows, h.FirstExitYear, NpgsqlDbType.Integer, cancellationToken);
                await householdRows.WriteAsync(h.RegisteredAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await householdRows.WriteAsync(h.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await householdRows.WriteAsync(h.Size, NpgsqlDbType.Integer, cancellationToken);
                await householdRows.WriteAsync(h.Helpers, NpgsqlDbType.Integer, cancellationToken);
            }

            await householdRows.CompleteAsync(cancellationToken);
        }

        await using (var members = await connection.BeginBinaryImportAsync(
            "COPY members (id, household_id, id_number, name, sex, birth_date, relation, health, disability_grade, labour_ability, schooling_status, ethnicity, addition_reason, added_at, joined_on) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var m in households.SelectMany(h => h.Members))
            {
                await members.StartRowAsync(cancellationToken);
                await members.WriteAsync(m.Id, NpgsqlDbType.Uuid, cancellationToken);
                await members.WriteAsync(m.HouseholdId, NpgsqlDbType.Uuid, cancellationToken);
                await members.WriteAsync(m.IdNumber, NpgsqlDbType.Varchar, cancellationToken);
                await members.WriteAsync(m.Name, NpgsqlDbType.Varchar, cancellationToken);
                await members.WriteAsync((int)m.Sex, NpgsqlDbType.Integer, cancellationToken);
                await members.WriteAsync(m.BirthDate, NpgsqlDbType.Date, cancellationToken);
                await members.WriteAsync(m.Relation, NpgsqlDbType.Varchar, cancellationToken);
                await members.WriteAsync((int)m.Health, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(members, m.DisabilityGrade, NpgsqlDbType.Integer, cancellationToken);
                await members.WriteAsync((int)m.LabourAbility, NpgsqlDbType.Integer, cancellationToken);
                await members.WriteAsync((int)m.SchoolingStatus, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(members, m.Ethnicity, NpgsqlDbType.Varchar, cancellationToken);
                await members.WriteAsync((int)m.AdditionReason, NpgsqlDbType.Integer, cancellationToken);
                await members.WriteAsync(m.AddedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await members.WriteAsync(m.JoinedOn, NpgsqlDbType.Date, cancellationToken);
            }

            await members.CompleteAsync(cancellationToken);
        }

    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, type, cancellationToken);
}
