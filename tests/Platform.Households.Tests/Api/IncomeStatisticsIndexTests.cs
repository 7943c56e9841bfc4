using System.Net;
using Npgsql;
using Platform.Testing;

namespace Platform.Households.Tests.Api;

/// <summary>
/// The income statistics (by year and kind, households counted once) of a county-sized ledger are read from the
/// (year, kind, household) index alone, in group order, not by scanning and sorting the table: the plan the
/// statistics' own query gets from PostgreSQL, seen in the index's scan count.
/// </summary>
public sealed class IncomeStatisticsIndexTests(HouseholdsFixture fixture) : IClassFixture<HouseholdsFixture>
{
    private const string Index = "ix_income_records_year_kind_household_id";

    [Fact]
    public async Task The_county_s_income_statistics_read_the_year_and_kind_index()
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync();

        // About 300,000 records: 6,000 households, 13 years, most of the five kinds each year (a ledger of its own database).
        await ExecuteAsync(connection, """
            INSERT INTO income_records (id, household_id, year, kind, amount, counts_toward_exit, source, source_record_id, event_id, recorded_at)
            SELECT gen_random_uuid(), h.id, y, k, (random() * 8000 + 100)::numeric(14,2), true, 1, h.n || '-' || y || '-' || k, gen_random_uuid(), now()
            FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, 6000) n) h, generate_series(2014, 2026) y, generate_series(1, 5) k
            WHERE random() < 0.8
            """);
        await ExecuteAsync(connection, "VACUUM ANALYZE income_records");
        var before = await ScansAsync(connection);

        using var county = fixture.Host.CreateHttpClient(TestTokens.CountyOffice());
        using var response = await county.GetAsync(new Uri("/api/households/statistics/income", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The statistics collector reports a little later: wait for the scan to show.
        await Eventually.AssertAsync(async () => await ScansAsync(connection) > before, TimeSpan.FromSeconds(10), $"the income statistics scanned {Index}");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 120 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScansAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(sum(idx_scan), 0) FROM pg_stat_user_indexes WHERE indexrelname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Index });
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
