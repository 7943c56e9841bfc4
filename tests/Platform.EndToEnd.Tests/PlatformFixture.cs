using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The platform in one test process: the registry and the gateway on real sockets, routed to each
/// other as in the local start, against the run's real PostgreSQL and RabbitMQ.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string DemoClientSecret = "e2e-secret";

    public ServiceHost<Households.Program> Households { get; private set; } = null!;

    public ServiceHost<Gateway.Program> Gateway { get; private set; } = null!;

    public Uri VirtualHost { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        VirtualHost = await infrastructure.CreateVirtualHostAsync("e2e");
        Households = ServiceHost<Households.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("e2e_households"),
            ["ConnectionStrings:rabbitmq"] = VirtualHost.ToString(),
        });
        Gateway = StartGateway(Households);
    }

    /// <summary>A gateway in front of <paramref name="households"/>; extra settings override the defaults.</summary>
    public static ServiceHost<Gateway.Program> StartGateway(ServiceHost<Households.Program> households, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:households:Destinations:primary:Address"] = households.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:households-grpc:Destinations:primary:Address"] = households.GrpcAddress.ToString(),
            ["DemoClients:Enabled"] = "true",
            ["DemoClients:Clients:county-office:Secret"] = DemoClientSecret,
            ["DemoClients:Clients:county-office:Roles:0"] = "county-admin",
            ["RateLimiting:PermitsPerSecond"] = "1000",
            ["RateLimiting:Burst"] = "1000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return ServiceHost<Gateway.Program>.Start(settings);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Households.DisposeAsync();
    }
}
