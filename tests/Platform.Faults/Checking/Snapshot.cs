using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace Platform.Faults.Checking;

/// <summary>
/// What the registry's and the education pillar's databases hold, read directly (exact, and independent
/// of the APIs under test) once the load has stopped and the stream has drained. Rows become text tuples
/// ("id|village|status") the checks compare as multisets.
/// </summary>
internal sealed class Snapshot
{
    // Codes of the contracts' enums as the databases store them (integers).
    private const int EducationPillar = 4;
    private const int CompulsoryEducation = 3;
    private const int ReturnedToSchool = 1;
    private const int HomeTeaching = 2;

    public required RegistrySide Registry { get; init; }

    public required EducationSide Education { get; init; }

    public static async Task<Snapshot> ReadAsync(string registryDatabase, string educationDatabase)
    {
        await using var registry = new NpgsqlConnection(registryDatabase);
        await using var education = new NpgsqlConnection(educationDatabase);
        await registry.OpenAsync();
        await education.OpenAsync();
        return new Snapshot
        {
            Registry = new RegistrySide
            {
                Households = await RowsAsync(registry, """
                    SELECT h.id, h.household_number, v.code, t.code, h.status
                    FROM households h JOIN villages v ON v.id = h.village_id JOIN townships t ON t.id = v.township_id
                    """, r => new RegistryHousehold(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4))),
                Members = await RowsAsync(registry, "SELECT id, household_id, id_number, birth_date, removed_at IS NULL, removal_note FROM members",
                    r => new RegistryMember(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetFieldValue<DateOnly>(3), r.GetBoolean(4), r.IsDBNull(5) ? null : r.GetString(5))),
                StatusChangeReasons = await RowsAsync(registry, "SELECT reason FROM status_changes", r => r.GetString(0)),
                EducationIncome = await RowsAsync(registry, $"SELECT source_record_id, household_id, amount FROM income_records WHERE source = {EducationPillar}",
                    r => Tuple(r.GetString(0), r.GetGuid(1), r.GetDecimal(2))),
                EducationAssessments = await RowsAsync(registry, $"SELECT id, household_id, met FROM guarantee_assessments WHERE source = {EducationPillar}",
                    r => Tuple(r.GetGuid(0), r.GetGuid(1), r.GetBoolean(2))),
                CompulsoryEducation = await RowsAsync(registry, $"SELECT household_id, met FROM guarantee_states WHERE guarantee = {CompulsoryEducation}",
                    r => Tuple(r.GetGuid(0), r.GetBoolean(1))),
                Outbox = await OutboxAsync(registry),
            },
            Education = new EducationSide
            {
                Households = await RowsAsync(education, "SELECT id, village_code, township_code, status FROM households",
                    r => Tuple(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetInt32(3))),
                Members = await RowsAsync(education, "SELECT id, household_id, left_at IS NULL FROM household_members",
                    r => Tuple(r.GetGuid(0), r.GetGuid(1), r.GetBoolean(2))),
                Students = await RowsAsync(education, "SELECT id, household_id, left_at IS NULL, village_code FROM students",
                    r => StudentTuple(r.GetGuid(0), r.GetGuid(1), r.GetBoolean(2), r.GetString(3))),
                Grants = await RowsAsync(education, "SELECT id, student_id, household_id, amount FROM aid_grants",
                    r => new Grant(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetDecimal(3))),
                Cases = await RowsAsync(education, "SELECT id, student_id, household_id, closed_at IS NULL, outcome, closed_by FROM dropout_cases",
                    r => new DropoutCaseRow(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetBoolean(3), r.IsDBNull(4) ? null : r.GetInt32(4), r.IsDBNull(5) ? null : r.GetString(5))),
                OpenCases = await RowsAsync(education, "SELECT household_id, open_cases FROM education_guarantees", r => (r.GetGuid(0), r.GetInt32(1))),
                CompletedEnrolments = await RowsAsync(education, "SELECT id FROM training_enrolments WHERE completed_on IS NOT NULL", r => r.GetGuid(0).ToString()),
                Assessments = await RowsAsync(education, "SELECT body FROM outbox_messages WHERE message_type LIKE 'Platform.Contracts.Registry.GuaranteeAssessed,%'", r =>
                {
                    using var body = JsonDocument.Parse(r.GetString(0));
                    var e = body.RootElement;
                    return Tuple(e.GetProperty("eventId").GetGuid(), e.GetProperty("householdId").GetGuid(), e.GetProperty("met").GetBoolean());
                }),
                CompletionAnnouncements = await RowsAsync(education, "SELECT body FROM outbox_messages WHERE message_type LIKE 'Platform.Contracts.Education.TrainingCompleted,%'", r =>
                {
                    using var body = JsonDocument.Parse(r.GetString(0));
                    return body.RootElement.GetProperty("enrolmentId").GetGuid().ToString();
                }),
                Outbox = await OutboxAsync(education),
            },
        };
    }

    /// <summary>A student as the checks compare it: its village only while it is current (one that left keeps the village it left from).</summary>
    public static string StudentTuple(Guid id, Guid household, bool current, string village) => Tuple(id, household, current, current ? village : "-");

    public static string Tuple(params object[] fields) => string.Join('|', fields.Select(f => f switch
    {
        bool b => b ? "1" : "0",
        decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => f.ToString(),
    }));

    private static async Task<List<T>> RowsAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static async Task<OutboxState> OutboxAsync(NpgsqlConnection connection)
    {
        var counts = await RowsAsync(connection, "SELECT count(*) FILTER (WHERE sent_at IS NULL), count(*) FILTER (WHERE dead_at IS NOT NULL), count(*) FROM outbox_messages",
            r => new OutboxState(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)));
        return counts.Single();
    }

    public static bool IsReturnedToSchool(DropoutCaseRow row) => row.Outcome == ReturnedToSchool;

    public static bool IsHomeTeaching(DropoutCaseRow row) => row.Outcome == HomeTeaching;
}

internal sealed record RegistryHousehold(Guid Id, string Number, string Village, string Township, int Status);

internal sealed record RegistryMember(Guid Id, Guid HouseholdId, string IdNumber, DateOnly BirthDate, bool Current, string? RemovalNote);

internal sealed record Grant(Guid Id, Guid StudentId, Guid HouseholdId, decimal Amount);

internal sealed record DropoutCaseRow(Guid Id, Guid StudentId, Guid HouseholdId, bool Open, int? Outcome, string? ClosedBy);

/// <summary>Outbox rows not yet sent (set-aside ones included), set aside, and all.</summary>
internal sealed record OutboxState(long Unsent, long SetAside, long Total);

internal sealed class RegistrySide
{
    public required List<RegistryHousehold> Households { get; init; }

    public required List<RegistryMember> Members { get; init; }

    public required List<string> StatusChangeReasons { get; init; }

    public required List<string> EducationIncome { get; init; }

    public required List<string> EducationAssessments { get; init; }

    public required List<string> CompulsoryEducation { get; init; }

    public required OutboxState Outbox { get; init; }
}

internal sealed class EducationSide
{
    public required List<string> Households { get; init; }

    public required List<string> Members { get; init; }

    public required List<string> Students { get; init; }

    public required List<Grant> Grants { get; init; }

    public required List<DropoutCaseRow> Cases { get; init; }

    public required List<(Guid Household, int OpenCases)> OpenCases { get; init; }

    public required List<string> CompletedEnrolments { get; init; }

    public required List<string> Assessments { get; init; }

    public required List<string> CompletionAnnouncements { get; init; }

    public required OutboxState Outbox { get; init; }
}
