using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Grpc.Households.V1;
using Platform.DemoCounty;
using Platform.Testing;
using GatewayProgram = Platform.Gateway.Program;
using HouseholdsProgram = Platform.Households.Program;

namespace Platform.Bench;

/// <summary>
/// What a pillar's feeds bench runs against: the registry, the pillar and a gateway in front of both, each service on a
/// database of its own, all on one virtual host of the test broker, logging warnings only; the bench's client's token,
/// a gRPC channel and an HTTP client through the gateway.
/// </summary>
internal sealed class PillarBenchPlatform<TPillar> : IAsyncDisposable
    where TPillar : class
{
    private PillarBenchPlatform(
        TestInfrastructure infrastructure, Uri virtualHost, string registryDatabase, string pillarDatabase, ServiceHost<HouseholdsProgram> registry, ServiceHost<TPillar> pillar,
        ServiceHost<GatewayProgram> gateway, string token)
    {
        Infrastructure = infrastructure;
        VirtualHost = virtualHost;
        RegistryDatabase = registryDatabase;
        PillarDatabase = pillarDatabase;
        Registry = registry;
        Pillar = pillar;
        Gateway = gateway;
        Token = token;
        Channel = ServiceHost<GatewayProgram>.CreateGrpcChannel(gateway.GrpcAddress, token: null);
        Http = gateway.CreateHttpClient(token);
    }

    public TestInfrastructure Infrastructure { get; }

    public Uri VirtualHost { get; }

    public string RegistryDatabase { get; }

    public string PillarDatabase { get; }

    public ServiceHost<HouseholdsProgram> Registry { get; }

    public ServiceHost<TPillar> Pillar { get; }

    public ServiceHost<GatewayProgram> Gateway { get; }

    /// <summary>The bench client's token (county administrator, every scope).</summary>
    public string Token { get; }

    public GrpcChannel Channel { get; }

    public HttpClient Http { get; }

    /// <summary>Starts the three; <paramref name="pillar"/> names the pillar's connection string and gateway clusters ("relocation").</summary>
    public static async Task<PillarBenchPlatform<TPillar>> StartAsync(string pillar)
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var quiet = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
            ["Messaging:Outbox:PollInterval"] = "00:00:01",
        };
        var vhost = await infrastructure.CreateVirtualHostAsync("bench_" + pillar);
        var registryDatabase = await infrastructure.CreateDatabaseAsync($"bench_{pillar}_households");
        var pillarDatabase = await infrastructure.CreateDatabaseAsync("bench_" + pillar);
        var registry = ServiceHost<HouseholdsProgram>.Start(new Dictionary<string, string?>(quiet)
        {
            ["ConnectionStrings:households"] = registryDatabase,
            ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
        });
        var service = ServiceHost<TPillar>.Start(new Dictionary<string, string?>(quiet)
        {
            [$"ConnectionStrings:{pillar}"] = pillarDatabase,
            ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
        });
        var gateway = ServiceHost<GatewayProgram>.Start(new Dictionary<string, string?>(quiet.Concat(BenchClient.Settings()))
        {
            ["ReverseProxy:Clusters:households:Destinations:primary:Address"] = registry.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:households-grpc:Destinations:primary:Address"] = registry.GrpcAddress.ToString(),
            [$"ReverseProxy:Clusters:{pillar}:Destinations:primary:Address"] = service.HttpAddress.ToString(),
            [$"ReverseProxy:Clusters:{pillar}-grpc:Destinations:primary:Address"] = service.GrpcAddress.ToString(),
            ["ConnectionStrings:identity"] = await infrastructure.CreateDatabaseAsync($"bench_{pillar}_identity"),
        });
        return new PillarBenchPlatform<TPillar>(infrastructure, vhost, registryDatabase, pillarDatabase, registry, service, gateway, await BenchClient.TokenAsync(gateway));
    }

    /// <summary>The county's villages and the demo's households through the gateway's gRPC import; false when the registry rejected one.</summary>
    public async Task<bool> ImportHouseholdsAsync(DemoCountyGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        using var registry = new DemoCountyLoader(new HouseholdRegistry.HouseholdRegistryClient(Channel), Token);
        await registry.SeedVillagesAsync(DemoCountyGenerator.County());
        return (await registry.LoadAsync(generator.Records(), generator.HouseholdCount)).Rejected == 0;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Channel.Dispose();
        await Gateway.DisposeAsync();
        await Pillar.DisposeAsync();
        await Registry.DisposeAsync();
    }
}

/// <summary>What a bench reads from a service's own database.</summary>
internal static class ServiceDatabase
{
    /// <summary>A count through the service's DbContext, in a scope of its own.</summary>
    public static async Task<int> CountAsync<TContext>(IServiceProvider services, Func<TContext, Task<int>> count)
        where TContext : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await count(scope.ServiceProvider.GetRequiredService<TContext>());
    }
}
