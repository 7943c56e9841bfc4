using Grpc.Net.Client;
using Npgsql;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Testing;

namespace Platform.Households.Tests.Api;

/// <summary>
/// The registry as it runs: real Kestrel (HTTP/1.1 for REST, h2c for gRPC), its own PostgreSQL
/// database and RabbitMQ virtual host, one township with three villages.
/// </summary>
public sealed class HouseholdsFixture : IAsyncLifetime
{
    public const string TownshipCode = "420325001";
    public static readonly string[] VillageCodes = ["420325001001", "420325001002", "420325001003"];

    public ServiceHost<Program> Host { get; private set; } = null!;

    public TestInfrastructure Infrastructure { get; private set; } = null!;

    public string DatabaseConnectionString { get; private set; } = string.Empty;

    public Uri VirtualHost { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Infrastructure = await TestInfrastructure.GetAsync();
        DatabaseConnectionString = await Infrastructure.CreateDatabaseAsync("households");
        VirtualHost = await Infrastructure.CreateVirtualHostAsync("households");
        Host = ServiceHost<Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = DatabaseConnectionString,
            ["ConnectionStrings:rabbitmq"] = VirtualHost.ToString(),
        });

        using var channel = Host.CreateGrpcChannel(TestTokens.CountyOffice());
        var request = new ImportVillagesRequest { Townships = { new TownshipRecord { Code = TownshipCode, Name = "城关镇" } } };
        request.Villages.AddRange(VillageCodes.Select((code, i) => new VillageRecord
        {
            Code = code, Name = $"测试{i + 1}村", TownshipCode = TownshipCode, RuralPopulation = 1000, IsPoorVillage = i == 0,
        }));
        await new HouseholdRegistry.HouseholdRegistryClient(channel).ImportVillagesAsync(request);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Infrastructure.ReleaseAsync(VirtualHost, Host);
    }

    public HouseholdRegistry.HouseholdRegistryClient GrpcClient(GrpcChannel channel) => new(channel);

    /// <summary>A count straight from the registry's database: what was (or was not) written.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
