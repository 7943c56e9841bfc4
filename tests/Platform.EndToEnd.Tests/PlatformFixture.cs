using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The platform in one test process: the registry, education and the gateway on real sockets, routed
/// to each other as in the local start, against the run's real PostgreSQL and RabbitMQ.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    public const string DemoClientSecret = "e2e-county-office-secret";

    /// <summary>Every test gateway's portal users share this password (test-only).</summary>
    public const string UserPassword = "e2e-Password-2026";

    /// <summary>The township and village the test users of those roles belong to.</summary>
    public const string Township = "420325001";
    public const string Village = "420325001001";

    /// <summary>The village of the test user "village2", in the same township.</summary>
    public const string OtherVillage = "420325001002";

    /// <summary>Clients (secret = id + "-e2e-secret") and portal users of every test gateway, one per role.</summary>
    private static readonly Dictionary<string, string?> Identities = new()
    {
        ["Identity:AllowHttp"] = "true",
        ["Identity:Clients:county-office:Secret"] = DemoClientSecret,
        ["Identity:Clients:county-office:Role"] = "county-admin",
        ["Identity:Clients:education-bureau:Secret"] = "education-bureau-e2e-secret",
        ["Identity:Clients:education-bureau:Role"] = "department-officer",
        ["Identity:Clients:education-bureau:Pillar"] = "education",
        ["Identity:Clients:industry-bureau:Secret"] = "industry-bureau-e2e-secret",
        ["Identity:Clients:industry-bureau:Role"] = "department-officer",
        ["Identity:Clients:industry-bureau:Pillar"] = "industry",
        ["Identity:Users:admin:Role"] = "county-admin",
        ["Identity:Users:officer:Role"] = "county-officer",
        ["Identity:Users:township:Role"] = "township-officer",
        ["Identity:Users:township:Township"] = Township,
        ["Identity:Users:village:Role"] = "village-cadre",
        ["Identity:Users:village:Village"] = Village,
        ["Identity:Users:village2:Role"] = "village-cadre",
        ["Identity:Users:village2:Village"] = OtherVillage,
        ["Identity:Users:education:Role"] = "department-officer",
        ["Identity:Users:education:Pillar"] = "education",
        ["Identity:Users:auditor:Role"] = "auditor",
    };

    public ServiceHost<Households.Program> Households { get; private set; } = null!;

    public ServiceHost<Education.Program> Education { get; private set; } = null!;

    public ServiceHost<Gateway.Program> Gateway { get; private set; } = null!;

    public Uri VirtualHost { get; private set; } = null!;

    /// <summary>The registry's and the education pillar's databases (to count what a call wrote).</summary>
    public IReadOnlyList<string> ServiceDatabases { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        VirtualHost = await infrastructure.CreateVirtualHostAsync("e2e");
        ServiceDatabases = [await infrastructure.CreateDatabaseAsync("e2e_households"), await infrastructure.CreateDatabaseAsync("e2e_education")];
        Households = ServiceHost<Households.Program>.Start(
            new Dictionary<string, string?>(HostSettings)
            {
                ["ConnectionStrings:households"] = ServiceDatabases[0],
                ["ConnectionStrings:rabbitmq"] = VirtualHost.ToString(),
            },
            ConfigureHost);
        Education = ServiceHost<Education.Program>.Start(
            new Dictionary<string, string?>(HostSettings)
            {
                ["ConnectionStrings:education"] = ServiceDatabases[1],
                ["ConnectionStrings:rabbitmq"] = VirtualHost.ToString(),
            },
            ConfigureHost);
        Gateway = StartGateway(
            Households,
            new Dictionary<string, string?>(HostSettings)
            {
                ["ReverseProxy:Clusters:education:Destinations:primary:Address"] = Education.HttpAddress.ToString(),
                ["ReverseProxy:Clusters:education-grpc:Destinations:primary:Address"] = Education.GrpcAddress.ToString(),
            },
            ConfigureHost);
    }

    /// <summary>Settings every host of this platform gets besides its own (e.g. log levels).</summary>
    protected virtual IReadOnlyDictionary<string, string?> HostSettings { get; } = new Dictionary<string, string?>();

    /// <summary>Services every host of this platform gets (e.g. a log recorder).</summary>
    protected virtual void ConfigureHost(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    /// <summary>A gateway in front of <paramref name="households"/>; extra settings override the defaults.</summary>
    public static ServiceHost<Gateway.Program> StartGateway(
        ServiceHost<Households.Program> households,
        IDictionary<string, string?>? extra = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:households:Destinations:primary:Address"] = households.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:households-grpc:Destinations:primary:Address"] = households.GrpcAddress.ToString(),
            ["ConnectionStrings:identity"] = IdentityDatabase(),
            ["RateLimiting:PermitsPerSecond"] = "1000",
            ["RateLimiting:Burst"] = "1000",
        };
        foreach (var (key, value) in Identities)
        {
            settings[key] = value;
        }

        foreach (var (user, _) in Identities.Where(i => i.Key.StartsWith("Identity:Users:", StringComparison.Ordinal)).Select(i => (i.Key.Split(':')[2], 0)).Distinct())
        {
            settings[$"Identity:Users:{user}:Password"] = UserPassword;
        }

        foreach (var (client, _) in Identities.Where(i => i.Key.StartsWith("Identity:Clients:", StringComparison.Ordinal)).Select(i => (i.Key.Split(':')[2], 0)).Distinct())
        {
            foreach (var (scope, index) in ScopesOf(client).Select((scope, index) => (scope, index)))
            {
                settings[$"Identity:Clients:{client}:Scopes:{index}"] = scope;
            }
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return ServiceHost<Gateway.Program>.Start(settings, configureServices);
    }

    /// <summary>A token of one of the test clients (client credentials at the gateway's /connect/token).</summary>
    public Task<string> TokenAsync(string clientId = "county-office") => TokenAsync(Gateway, clientId);

    /// <summary>A token of one of the test clients from <paramref name="gateway"/> (client credentials).</summary>
    public static async Task<string> TokenAsync(ServiceHost<Gateway.Program> gateway, string clientId = "county-office")
    {
        using var http = gateway.CreateHttpClient(token: null);
        var secret = clientId == "county-office" ? DemoClientSecret : clientId + "-e2e-secret";
        return await Platform.DemoCounty.Cli.GatewayClient.GetClientCredentialsTokenAsync(
            http, new Uri(gateway.HttpAddress, "/connect/token"), clientId, secret, CancellationToken.None);
    }

    /// <summary>The scopes a test client is registered for: everything for the county office, its pillar for a department.</summary>
    private static IReadOnlyList<string> ScopesOf(string client) =>
        Identities.TryGetValue($"Identity:Clients:{client}:Pillar", out var pillar) && pillar is not null
            ? PlatformScopes.ForRole(PlatformRoles.DepartmentOfficer, pillar)
            : PlatformScopes.All;

    /// <summary>A fresh identity database for each test gateway (its clients and users are seeded at start).</summary>
    private static string IdentityDatabase() =>
        TestInfrastructure.GetAsync().GetAwaiter().GetResult().CreateDatabaseAsync("e2e_identity").GetAwaiter().GetResult();

    public virtual async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Education.DisposeAsync();
        await Households.DisposeAsync();
    }
}
