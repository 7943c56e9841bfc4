using System.Net;
using Npgsql;

namespace Platform.Testing.Tests;

public sealed class ReleasedAtEndTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    private TestInfrastructure Infrastructure => fixture.Infrastructure;

    [Fact]
    public async Task A_test_s_vhost_and_its_hosts_databases_stay_while_it_runs_and_are_gone_once_it_ends()
    {
        var vhostUri = await Infrastructure.CreateVirtualHostAsync("released");
        var database = await Infrastructure.CreateDatabaseAsync("released");
        var name = new NpgsqlConnectionStringBuilder(database).Database!;

        await using (var released = new ReleasedAtEnd(Infrastructure, vhostUri))
        {
            released.Host(new HostOn(database));
            Assert.Equal(HttpStatusCode.OK, await VirtualHostStatusAsync(vhostUri));
            Assert.Equal(1L, await DatabasesNamedAsync(name));
        }

        Assert.Equal(HttpStatusCode.NotFound, await VirtualHostStatusAsync(vhostUri));
        Assert.Equal(0L, await DatabasesNamedAsync(name));
    }

    private async Task<HttpStatusCode> VirtualHostStatusAsync(Uri vhostUri)
    {
        using var management = ServerChecks.ManagementClient(Infrastructure);
        using var response = await management.GetAsync(new Uri($"api/vhosts/{Uri.EscapeDataString(TestInfrastructure.VirtualHostOf(vhostUri))}", UriKind.Relative));
        return response.StatusCode;
    }

    private Task<long> DatabasesNamedAsync(string name) =>
        ServerChecks.CountAsync(Infrastructure, "SELECT count(*) FROM pg_database WHERE datname = @name", name);

    private sealed record HostOn(string Database) : ITestHost
    {
        public IReadOnlyList<string> OwnDatabases => [Database];
    }
}
