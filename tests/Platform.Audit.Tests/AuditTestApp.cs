using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Contracts.Grpc.Households.V1;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.Testing;

namespace Platform.Audit.Tests;

/// <summary>
/// A small service on real Kestrel sockets (REST over HTTP/1.1, gRPC over cleartext HTTP/2), wired
/// the way a platform service is: service defaults, the audit trail and middleware, a few REST
/// endpoints and a gRPC service. Every response carries the request's trace id in "x-trace-id", so
/// a test finds the audit entry of its own request.
/// </summary>
public sealed class AuditTestApp : IAsyncDisposable
{
    public const string TraceHeader = "x-trace-id";

    /// <summary>What the reveal endpoint shows once the reveal is recorded.</summary>
    public const string Secret = "the-unmasked-value";

    /// <summary>The household number GetHousehold answers by waiting on a database too busy to answer in time.</summary>
    public const string BusyDatabase = "busy-database";

    private readonly WebApplication app;

    private AuditTestApp(WebApplication app, int httpPort, int grpcPort)
    {
        this.app = app;
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
    }

    public Uri HttpAddress { get; }

    public Uri GrpcAddress { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<AuditTestApp> StartAsync(IDictionary<string, string?> settings, bool owner = false)
    {
        var httpPort = LoopbackPorts.Free();
        var grpcPort = LoopbackPorts.Free();
        // A content root of its own: the test's output folder holds the referenced hosts' appsettings.json.
        var contentRoot = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "audit-test-app")).FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = contentRoot });
        builder.Configuration.AddInMemoryCollection(TestKeys.ServiceSettings);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, httpPort, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
        });
        if (TelemetryRecorder.ForRun is { } runRecorder)
        {
            // Into the run's scan for resident ID numbers, like every ServiceHost.
            builder.Services.AddSingleton<ILoggerProvider>(runRecorder)
                .Configure<LoggerFilterOptions>(filters => filters.Rules.Add(
                    new LoggerFilterRule(typeof(TelemetryRecorder).FullName, categoryName: null, LogLevel.Information, filter: null)));
        }

        builder.AddServiceDefaults(PlatformScopes.Registry);
        if (owner)
        {
            builder.AddAuditOwner();
        }

        var app = builder.Build();
        app.Use((context, next) =>
        {
            // On starting: the exception handler clears the headers set before it runs.
            var traceId = Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[TraceHeader] = traceId;
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UsePlatformDefaults();
        app.MapDefaultEndpoints();
        app.MapAuditSearch();
        MapThings(app);
        app.MapGrpcService<FakeRegistry>();
        await app.StartAsync();
        return new AuditTestApp(app, httpPort, grpcPort);
    }

    /// <summary>An HTTP client on one connection (so a later request is served after an earlier one has finished).</summary>
    public HttpClient CreateClient(string? token)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 })
        {
            BaseAddress = HttpAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public GrpcChannel CreateGrpcChannel(string? token) => ServiceHost<AuditTestApp>.CreateGrpcChannel(GrpcAddress, token);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>A query that outlasts its command timeout (1 s), as on a database too busy to answer.</summary>
    public static async Task BusyDatabaseAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(AuditOptions.ConnectionName)) { CommandTimeout = 1 };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_sleep(5)", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void MapThings(WebApplication app)
    {
        var api = app.MapGroup("/api/things").RequireAuthorization(PlatformPolicies.Read);
        api.MapGet("/{id:guid}", (Guid id) => TypedResults.Ok(new { id }));
        api.MapPost("/{id:guid}/parts", (Guid id, PartRequest request) => string.IsNullOrWhiteSpace(request.Name)
                ? (IResult)Problems.Validation("name", "名称必填")
                : TypedResults.Created($"/api/things/{id}/parts/1", new { id, request.Name }))
            .RequireAuthorization(PlatformPolicies.RegistryWrite)
            .Audited("thing");
        api.MapDelete("/{thingId:guid}", (Guid thingId) => TypedResults.NoContent())
            .RequireAuthorization(PlatformPolicies.RegistryWrite)
            .Audited("thing", idRouteValue: "thingId");
        api.MapPut("/{id:guid}/broken", (Guid id) =>
            {
                throw new InvalidOperationException("broken on purpose " + id);
            })
            .RequireAuthorization(PlatformPolicies.RegistryWrite);
        api.MapGet("/{id:guid}/busy-database", async (IConfiguration configuration, CancellationToken cancellationToken) =>
        {
            await BusyDatabaseAsync(configuration, cancellationToken);
            return TypedResults.Ok();
        });
        api.MapPost("/lookup", (PartRequest request) => TypedResults.Ok(new { found = request.Name is not null }))
            .AuditAsRead();
        // Like the gateway's proxied routes: only what this host turns away is recorded here.
        app.MapMethods("/api/proxied/{**rest}", ["POST", "DELETE"], () => TypedResults.Ok())
            .RequireAuthorization(PlatformPolicies.RegistryWrite)
            .AuditOnlyAccessRefusals();
        api.MapGet("/{id:guid}/secret", async (Guid id, IAuditTrail trail, HttpContext context, CancellationToken cancellationToken) =>
        {
            await trail.RecordRevealAsync(context, "thing", id.ToString(), "secret", cancellationToken);
            return TypedResults.Ok(new { secret = Secret });
        });
    }
}

public sealed record PartRequest(string? Name);

/// <summary>The registry's gRPC contract, faked: ImportVillages writes, GetHousehold only reads.</summary>
[Audited("village")]
public sealed class FakeRegistry : HouseholdRegistry.HouseholdRegistryBase
{
    public override Task<ImportVillagesSummary> ImportVillages(ImportVillagesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Villages.Count == 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "没有村"));
        }

        return Task.FromResult(new ImportVillagesSummary { VillagesCreated = request.Villages.Count });
    }

    [AuditAsRead]
    public override async Task<Household> GetHousehold(GetHouseholdRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.HouseholdNumber == AuditTestApp.BusyDatabase)
        {
            await AuditTestApp.BusyDatabaseAsync(context.GetHttpContext().RequestServices.GetRequiredService<IConfiguration>(), context.CancellationToken);
        }

        return new Household { HouseholdNumber = request.HouseholdNumber };
    }
}
