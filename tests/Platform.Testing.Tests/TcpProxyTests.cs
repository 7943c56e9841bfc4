using Npgsql;

namespace Platform.Testing.Tests;

public sealed class TcpProxyTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    private TestInfrastructure Infrastructure => fixture.Infrastructure;

    [Fact]
    public async Task Forwards_to_PostgreSQL_until_cut_and_again_after_restore()
    {
        var direct = new NpgsqlConnectionStringBuilder(await Infrastructure.CreateDatabaseAsync("proxy"));
        await using var proxy = TcpProxy.Start(direct.Host!, direct.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(direct.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = proxy.Port,
            Pooling = false,
            Timeout = 5,
        }.ConnectionString;

        await using (var connection = new NpgsqlConnection(viaProxy))
        {
            await connection.OpenAsync();
            Assert.Equal(1, await SelectOneAsync(connection));

            proxy.Cut();

            await Assert.ThrowsAnyAsync<Exception>(() => SelectOneAsync(connection));
        }

        await using (var refused = new NpgsqlConnection(viaProxy))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => refused.OpenAsync());
        }

        proxy.Restore();

        await using (var connection = new NpgsqlConnection(viaProxy))
        {
            await connection.OpenAsync();
            Assert.Equal(1, await SelectOneAsync(connection));
        }

        // The shared server was never touched.
        Assert.Equal(1, await PostgresTests.ScalarAsync<int>(direct.ConnectionString, "SELECT 1"));
    }

    private static async Task<int> SelectOneAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
