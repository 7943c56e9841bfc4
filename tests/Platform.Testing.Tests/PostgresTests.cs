using Npgsql;

namespace Platform.Testing.Tests;

public sealed class PostgresTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    private TestInfrastructure Infrastructure => fixture.Infrastructure;

    [Fact]
    public async Task Two_databases_are_isolated()
    {
        var first = await Infrastructure.CreateDatabaseAsync("isolation");
        var second = await Infrastructure.CreateDatabaseAsync("isolation");

        Assert.NotEqual(first, second);
        await ExecuteAsync(first, "CREATE TABLE things (id int); INSERT INTO things VALUES (1), (2);");

        Assert.Equal(2L, await ScalarAsync<long>(first, "SELECT count(*) FROM things"));
        Assert.False(await ScalarAsync<bool>(second, "SELECT to_regclass('public.things') IS NOT NULL"));
    }

    [Fact]
    public async Task Database_names_are_valid_lower_case_identifiers_even_when_created_concurrently()
    {
        var connectionStrings = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(_ => Infrastructure.CreateDatabaseAsync("Concurrent-Name.With Odd*Chars")));

        var names = connectionStrings.Select(c => new NpgsqlConnectionStringBuilder(c).Database!).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, name => Assert.Matches("^concurrent_name_with_odd_chars_[0-9a-f]{12}$", name));
        foreach (var connectionString in connectionStrings)
        {
            Assert.Equal(1, await ScalarAsync<int>(connectionString, "SELECT 1"));
        }
    }

    [Fact]
    public async Task A_dropped_database_is_gone_even_with_connections_left_in_the_pool()
    {
        var dropped = await Infrastructure.CreateDatabaseAsync("dropped");
        var kept = await Infrastructure.CreateDatabaseAsync("kept");
        await ExecuteAsync(dropped, "CREATE TABLE things (id int)");
        await using (var pooled = new NpgsqlConnection(dropped))
        {
            await pooled.OpenAsync(); // back to the pool, still open, when disposed
        }

        await Infrastructure.DropDatabasesAsync([dropped, dropped]);

        var exists = "SELECT count(*) FROM pg_database WHERE datname = @name";
        Assert.Equal(0L, await CountAsync(exists, new NpgsqlConnectionStringBuilder(dropped).Database!));
        Assert.Equal(1L, await CountAsync(exists, new NpgsqlConnectionStringBuilder(kept).Database!));
    }

    private Task<long> CountAsync(string sql, string name) => ServerChecks.CountAsync(Infrastructure, sql, name);

    [Fact]
    public async Task A_long_or_odd_prefix_still_gives_a_valid_name()
    {
        var connectionString = await Infrastructure.CreateDatabaseAsync("9" + new string('x', 100));

        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        Assert.True(name.Length <= 63, name);
        Assert.Matches("^[a-z][a-z0-9_]*$", name);
        Assert.Equal(name, await ScalarAsync<string>(connectionString, "SELECT current_database()"));
    }

    [Fact]
    public async Task Server_allows_many_connections()
    {
        Assert.Equal(300, int.Parse(
            await ScalarAsync<string>(Infrastructure.PostgresAdminConnectionString, "SHOW max_connections"),
            System.Globalization.CultureInfo.InvariantCulture));
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
