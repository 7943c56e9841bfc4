using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The platform in one test process: the registry, education, the pillars (industry, welfare, ecology, relocation) and the gateway on real sockets, routed
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
        ["Identity:Clients:civil-affairs-bureau:Secret"] = "civil-affairs-bureau-e2e-secret",
        ["Identity:Clients:civil-affairs-bureau:Role"] = "department-officer",
        ["Identity:Clients:civil-affairs-bureau:Pillar"] = "welfare",
        ["Identity:Clients:development-bureau:Secret"] = "development-bureau-e2e-secret",
        ["Identity:Clients:development-bureau:Role"] = "department-officer",
        ["Identity:Clients:development-bureau:Pillar"] = "relocation",
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

    public ServiceHost<Industry.Program> Industry { get; private set; } = null!;
    public ServiceHost<Welfare.Program> Welfare { get; private set; } = null!;
    // The ecology pillar
    public ServiceHost<Ecology.Program> Ecology { get; private set; } = null!;
    public ServiceHost<Relocation.Program> Relocation { get; private set; } = null!;

    public ServiceHost<Gateway.Program> Gateway { get; private set; } = null!;

    public Uri VirtualHost { get; private set; } = null!;

    /// <summary>Every service's database: the registry's and the pillars' (to count what a call wrote).</summary>
    public IReadOnlyList<string> ServiceDatabases { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        VirtualHost = await infrastructure.CreateVirtualHostAsync("e2e");
        ServiceDatabases =
        [
            await infrastructure.CreateDatabaseAsync("e2e_households"),
            await infrastructure.CreateDatabaseAsync("e2e_education"),
            // The industry pillar
            await infrastructure.CreateDatabaseAsync("e2e_industry"),
            // The welfare pillar
            await infrastructure.CreateDatabaseAsync("e2e_welfare"),
            // The ecology pillar
            await infrastructure.CreateDatabaseAsync("e2e_ecology"),
            // The relocation pillar
            await infrastructure.CreateDatabaseAsync("e2e_relocation"),
        ];
        // The services need nothing of one another to start, and most of a start is waiting on PostgreSQL (migrations)
        // and RabbitMQ (topology): side by side they take little longer than the slowest alone.
        var households = StartService<Households.Program>("households", ServiceDatabases[0]);
        var education = StartService<Education.Program>("education", ServiceDatabases[1]);
        var industry = StartService<Industry.Program>("industry", ServiceDatabases[2]);
        var welfare = StartService<Welfare.Program>("welfare", ServiceDatabases[3]);
        var ecology = StartService<Ecology.Program>("ecology", ServiceDatabases[4]);
        var relocation = StartService<Relocation.Program>("relocation", ServiceDatabases[5]);
        try
        {
            await Task.WhenAll(households, education, industry, welfare, ecology, relocation);
        }
        catch
        {
            // A host that did start would otherwise run on: xunit does not dispose a fixture that failed to start.
            foreach (var started in new IAsyncDisposable?[] { Started(households), Started(education), Started(industry), Started(welfare), Started(ecology), Started(relocation) })
            {
                if (started is not null)
                {
                    await started.DisposeAsync();
                }
            }

            throw;
        }

        (Households, Education, Industry, Welfare, Ecology, Relocation) =
            (households.Result, education.Result, industry.Result, welfare.Result, ecology.Result, relocation.Result);
        Gateway = StartGateway(
            Households,
            new Dictionary<string, string?>(HostSettings)
            {
                ["ReverseProxy:Clusters:education:Destinations:primary:Address"] = Education.HttpAddress.ToString(),
                ["ReverseProxy:Clusters:education-grpc:Destinations:primary:Address"] = Education.GrpcAddress.ToString(),
                ["ReverseProxy:Clusters:industry:Destinations:primary:Address"] = Industry.HttpAddress.ToString(),
                ["ReverseProxy:Clusters:industry-grpc:Destinations:primary:Address"] = Industry.GrpcAddress.ToString(),

                // The welfare pillar
                ["ReverseProxy:Clusters:welfare:Destinations:primary:Address"] = Welfare.HttpAddress.ToString(),
                ["ReverseProxy:Clusters:welfare-grpc:Destinations:primary:Address"] = Welfare.GrpcAddress.ToString(),
                // The ecology pillar
                ["ReverseProxy:Clusters:ecology:Destinations:primary:Address"] = Ecology.HttpAddress.ToString(),
                ["ReverseProxy:Clusters:ecology-grpc:Destinations:primary:Address"] = Ecology.GrpcAddress.ToString(),
                // The relocation pillar
                ["ReverseProxy:Clusters:relocation:Destinations:primary:Address"] = Relocation.HttpAddress.ToString(),
                ["ReverseProxy:Clusters:relocation-grpc:Destinations:primary:Address"] = Relocation.GrpcAddress.ToString(),
            },
            ConfigureHost);
    }

    /// <summary>Starts a service on its database and the platform's virtual host, on a thread of its own (a start blocks).</summary>
    private Task<ServiceHost<TProgram>> StartService<TProgram>(string connectionName, string database)
        where TProgram : class =>
        Task.Run(() => ServiceHost<TProgram>.Start(
            new Dictionary<string, string?>(HostSettings)
            {
                [$"ConnectionStrings:{connectionName}"] = database,
                ["ConnectionStrings:rabbitmq"] = VirtualHost.ToString(),
            },
            ConfigureHost));

    private static ServiceHost<TProgram>? Started<TProgram>(Task<ServiceHost<TProgram>> start)
        where TProgram : class => start.IsCompletedSuccessfully ? start.Result : null;

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

        GatewayProbes.OffForUnroutedClusters(settings);
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
        await Industry.DisposeAsync();
        await Welfare.DisposeAsync();
        await Ecology.DisposeAsync();
        await Relocation.DisposeAsync();
        await Education.DisposeAsync();
        await Households.DisposeAsync();
        await (await TestInfrastructure.GetAsync()).ReleaseAsync(VirtualHost, Gateway, Industry, Welfare, Ecology, Relocation, Education, Households);
    }
}
