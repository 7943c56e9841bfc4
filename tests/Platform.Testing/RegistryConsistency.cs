using Npgsql;

namespace Platform.Testing;

/// <summary>
/// What the registry keeps besides its households, checked against them in its database: each household's size and
/// helpers on its row, the county's tallies (by village, status and exit year), each helper's pairings and the county's
/// paired helpers. Every check counts the places where the kept value and a count of the records disagree: 0 is exact.
/// </summary>
public static class RegistryConsistency
{
    private static readonly (string What, string Sql)[] Checks =
    [
        ("households whose size is not their current members", """
            SELECT count(*) FROM households h
            WHERE h.size <> (SELECT count(*) FROM members m WHERE m.household_id = h.id AND m.removed_at IS NULL)
            """),
        ("households whose helpers are not their pairings not yet ended", """
            SELECT count(*) FROM households h
            WHERE h.helpers <> (SELECT count(*) FROM pairings p WHERE p.household_id = h.id AND p."to" IS NULL)
            """),
        ("tallies that differ from a count of the households", """
            SELECT count(*) FROM (
                (SELECT village_id, status, coalesce(exit_year, 0), count(*), sum(size), count(*) FILTER (WHERE helpers > 0) FROM households GROUP BY 1, 2, 3
                 EXCEPT SELECT village_id, status, exit_year, households, people, paired FROM household_tallies WHERE households <> 0 OR people <> 0 OR paired <> 0)
                UNION ALL
                (SELECT village_id, status, exit_year, households, people, paired FROM household_tallies WHERE households <> 0 OR people <> 0 OR paired <> 0
                 EXCEPT SELECT village_id, status, coalesce(exit_year, 0), count(*), sum(size), count(*) FILTER (WHERE helpers > 0) FROM households GROUP BY 1, 2, 3)) AS d
            """),
        ("helpers whose active pairings are not their pairings not yet ended", """
            SELECT count(*) FROM cadres c
            WHERE c.active_pairings <> (SELECT count(*) FROM pairings p WHERE p.cadre_id = c.id AND p."to" IS NULL)
            """),
        ("kinds whose paired helpers differ from a count of the helpers", """
            SELECT count(*) FROM (
                (SELECT kind, count(*) FROM cadres WHERE active_pairings > 0 GROUP BY 1 EXCEPT SELECT kind, paired FROM helper_tallies WHERE paired <> 0)
                UNION ALL
                (SELECT kind, paired FROM helper_tallies WHERE paired <> 0 EXCEPT SELECT kind, count(*) FROM cadres WHERE active_pairings > 0 GROUP BY 1)) AS d
            """),
    ];

    /// <summary>Each check that found a disagreement, with how many places: empty when everything kept is exact.</summary>
    public static async Task<IReadOnlyList<string>> DisagreementsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var found = new List<string>();
        foreach (var (what, sql) in Checks)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            if ((long)(await command.ExecuteScalarAsync())! is var count and > 0)
            {
                found.Add($"{count} {what}");
            }
        }

        return found;
    }
}
