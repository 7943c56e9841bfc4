using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Testing;

/// <summary>
/// A service (or the gateway) hosted in the test process on real Kestrel sockets: HTTP/1.1+2 for
/// REST on one loopback port, cleartext HTTP/2 for gRPC on another, configured like the real start
/// but with the test's database and broker; a gateway signs tokens with the test run's key
/// (<see cref="TestKeys"/>), a service holds only its public half.
/// </summary>
public sealed class ServiceHost<TProgram> : WebApplicationFactory<TProgram>, ITestHost
    where TProgram : class
{
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? configureServices;

    private ServiceHost(IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices)
    {
        HttpPort = LoopbackPorts.Free();
        GrpcPort = LoopbackPorts.Free();
        this.configureServices = configureServices;
        var isGateway = typeof(TProgram) == typeof(Gateway.Program);
        this.settings = new Dictionary<string, string?>(isGateway ? TestKeys.IssuerSettings : TestKeys.ServiceSettings)
        {
            ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{HttpPort}",
            ["Kestrel:Endpoints:Http:Protocols"] = "Http1",
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{GrpcPort}",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["Messaging:Outbox:PollInterval"] = "00:00:00.200",
            ["Messaging:WaitUntilStarted"] = "true",
        };
        if (isGateway)
        {
            // The gateway's operators' port (metrics, OpenAPI).
            ManagementPort = LoopbackPorts.Free();
            this.settings["Kestrel:Endpoints:Management:Url"] = $"http://127.0.0.1:{ManagementPort}";
            this.settings["Kestrel:Endpoints:Management:Protocols"] = "Http1";
        }

        // Every host writes the audit log (the gateway also owns it); a test that reads it gives its own.
        foreach (var (key, value) in AuditDatabase.SharedAsync().GetAwaiter().GetResult().Settings(owner: true))
        {
            this.settings[key] = value;
        }

        this.settings.Remove("Audit:ServiceName"); // each host is itself in the log
        OwnDatabases = settings
            .Where(s => s.Key.StartsWith("ConnectionStrings:", StringComparison.Ordinal) && s.Value is { Length: > 0 }
                && s.Key is not "ConnectionStrings:rabbitmq"
                && s.Key != "ConnectionStrings:" + ServiceDefaults.Audit.AuditOptions.ConnectionName
                && s.Key != "ConnectionStrings:" + ServiceDefaults.Audit.AuditOptions.OwnerConnectionName
                && s.Value.Contains("Database=", StringComparison.OrdinalIgnoreCase))
            .Select(s => s.Value!)
            .ToList();

        // A null value takes a default setting away (e.g. the public key, to make a service fetch keys).
        foreach (var (key, value) in settings)
        {
            if (value is null)
            {
                this.settings.Remove(key);
            }
            else
            {
                this.settings[key] = value;
            }
        }
    }

    public int HttpPort { get; }

    public int GrpcPort { get; }

    /// <summary>The databases the test gave this host (its connection strings, the audit log's aside).</summary>
    public IReadOnlyList<string> OwnDatabases { get; }

    /// <summary>The gateway's management port (metrics, OpenAPI); none for a service.</summary>
    public int? ManagementPort { get; }

    public Uri HttpAddress => new($"http://127.0.0.1:{HttpPort}");

    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    /// <summary>Builds and starts the host on its sockets.</summary>
    public static ServiceHost<TProgram> Start(IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        var host = new ServiceHost<TProgram>(settings, configureServices);
        // A free port may be taken by another test process between choosing and binding it: try
        // again on new ports then.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                host.UseKestrel();
                host.StartServer();
                return host;
            }
            catch (IOException ex) when (attempt < 5 && ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                host.Dispose();
                host = new ServiceHost<TProgram>(settings, configureServices);
            }
        }
    }

    /// <summary>An HTTP client on the REST port, with a bearer token when one is given.</summary>
    public HttpClient CreateHttpClient(string? token)
    {
        var client = new HttpClient { BaseAddress = HttpAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A gRPC channel over real HTTP/2 (h2c) to the gRPC port.</summary>
    public GrpcChannel CreateGrpcChannel(string? token) => CreateGrpcChannel(GrpcAddress, token);

    public static GrpcChannel CreateGrpcChannel(Uri address, string? token)
    {
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            if (token is not null)
            {
                metadata.Add("Authorization", $"Bearer {token}");
            }

            return Task.CompletedTask;
        });
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseContentRoot(ProjectFolder());
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
        if (TelemetryRecorder.ForRun is { } runRecorder)
        {
            // Everything at Information and above, whatever the host's own levels, for the run's scan.
            builder.ConfigureServices(services => services
                .AddSingleton<ILoggerProvider>(runRecorder)
                .Configure<LoggerFilterOptions>(filters => filters.Rules.Add(
                    new LoggerFilterRule(typeof(TelemetryRecorder).FullName, categoryName: null, LogLevel.Information, filter: null))));
        }

        if (configureServices is not null)
        {
            builder.ConfigureServices(configureServices);
        }
    }

    /// <summary>The folder of the program's project (its appsettings.json), wherever the host runs from.</summary>
    private static string ProjectFolder()
    {
        var project = typeof(TProgram).Assembly.GetName().Name + ".csproj";
        return new[] { "services", "gateway" }
            .Select(folder => Path.Combine(RepositoryPaths.Root, folder))
            .SelectMany(folder => Directory.EnumerateFiles(folder, project, SearchOption.AllDirectories))
            .Select(Path.GetDirectoryName)
            .First()!;
    }
}
