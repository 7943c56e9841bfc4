using System.Globalization;
using Platform.AppHost;

// The local start without Docker: PostgreSQL and RabbitMQ as plain processes from deploy/local,
// the services and the gateway on the ports of their appsettings, the demo county loader, and the
// Aspire dashboard (http://localhost:18888) receiving every service's traces, logs and metrics.
// Run it with deploy/start.sh (or dotnet run --project deploy/AppHost). Everything listens on
// loopback only. The dashboard's addresses come from the launch profile (Properties/
// launchSettings.json): plain HTTP on localhost, so no developer certificate is needed.
var builder = DistributedApplication.CreateBuilder(args);

var repo = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
var localScripts = Path.Combine(repo, "deploy", "local");
var data = Path.Combine(repo, ".data");

// DEMO_SCALE (0 < scale <= 1, default 1): the share of the demo county's households to load.
var scaleText = builder.Configuration["DEMO_SCALE"] is { Length: > 0 } configured ? configured : "1";
if (!double.TryParse(scaleText, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) || !(scale > 0 && scale <= 1))
{
    throw new InvalidOperationException($"DEMO_SCALE must be a number greater than 0 and at most 1 (got '{scaleText}').");
}

var demoScale = builder.AddParameter("demo-scale", scale.ToString(CultureInfo.InvariantCulture));

// Infrastructure: foreground processes that stop cleanly on SIGTERM; data kept under .data/.
var postgres = builder
    .AddExecutable("postgres", "bash", localScripts, "postgres.sh", "run", Path.Combine(data, "postgres"), LocalPorts.Postgres.ToString(CultureInfo.InvariantCulture))
    .WithTcpHealthCheck(LocalPorts.Postgres);

var rabbitmq = builder
    .AddExecutable(
        "rabbitmq",
        "bash",
        localScripts,
        "rabbitmq.sh",
        "run",
        Path.Combine(data, "rabbitmq"),
        LocalPorts.RabbitMq.ToString(CultureInfo.InvariantCulture),
        LocalPorts.RabbitMqManagement.ToString(CultureInfo.InvariantCulture))
    .WithTcpHealthCheck(LocalPorts.RabbitMq, LocalPorts.RabbitMqManagement)
    .WithUrl(LocalPorts.Url("127.0.0.1", LocalPorts.RabbitMqManagement), "Management (guest/guest)");

// The services apply their migrations at start but need their databases to exist.
var databases = builder
    .AddExecutable("databases", "bash", builder.AppHostDirectory, "create-databases.sh", LocalPorts.Postgres.ToString(CultureInfo.InvariantCulture), "households", "education", "industry", "welfare", "ecology", "relocation", "identity", "audit")
    .WaitFor(postgres);

// Services: Kestrel binds the endpoints of each service's appsettings.json (gRPC is h2c on an
// Http2-only endpoint), so the AppHost declares no endpoints and runs no proxy in front of them.
// They and the gateway start side by side as soon as their databases exist (a first start spent 11 s
// starting the gateway after the six). A service that is up before RabbitMQ connects when it comes; until its
// event stream is connected (its queues declared) it answers "Degraded", which is not ready here, and the demo
// county waits for every service's readiness. The gateway may probe a service before it is up: YARP still
// routes to a cluster's only destination when its probe says down (GatewayPanicTests).
var households = builder
    .AddPlatformService<Projects.Platform_Households>("households", restPort: LocalPorts.HouseholdsRest, grpcPort: LocalPorts.HouseholdsGrpc)
    .WaitFor(postgres)
    .WaitForCompletion(databases);

var education = builder
    .AddPlatformService<Projects.Platform_Education>("education", restPort: LocalPorts.EducationRest, grpcPort: LocalPorts.EducationGrpc)
    .WaitFor(postgres)
    .WaitForCompletion(databases);

var industry = builder
    .AddPlatformService<Projects.Platform_Industry>("industry", restPort: LocalPorts.IndustryRest, grpcPort: LocalPorts.IndustryGrpc)
    .WaitFor(postgres)
    .WaitForCompletion(databases);

var welfare = builder
    .AddPlatformService<Projects.Platform_Welfare>("welfare", restPort: LocalPorts.WelfareRest, grpcPort: LocalPorts.WelfareGrpc)
    .WaitFor(postgres)
    .WaitForCompletion(databases);

var ecology = builder
    .AddPlatformService<Projects.Platform_Ecology>("ecology", restPort: LocalPorts.EcologyRest, grpcPort: LocalPorts.EcologyGrpc)
    .WaitFor(postgres)
    .WaitForCompletion(databases);

var relocation = builder
    .AddPlatformService<Projects.Platform_Relocation>("relocation", restPort: LocalPorts.RelocationRest, grpcPort: LocalPorts.RelocationGrpc)
    .WaitFor(postgres)
    .WaitForCompletion(databases);

// The issuer signs with the demo key pair; the services fetch its public half from the gateway's
// key set (Auth:Authority in their appsettings.Development.json).
var signingKey = DemoSigningKey.Ensure(data);
var gateway = builder
    .AddPlatformService<Projects.Platform_Gateway>("gateway", restPort: LocalPorts.GatewayRest, grpcPort: LocalPorts.GatewayGrpc)
    .WithEnvironment("Identity__SigningKeys__0__KeyId", DemoSigningKey.KeyId)
    .WithEnvironment("Identity__SigningKeys__0__PemFile", signingKey)
    .WithUrl(LocalPorts.Url("localhost", LocalPorts.GatewayRest), "Portal")
    .WithUrl(LocalPorts.Url("127.0.0.1", LocalPorts.GatewayManagement) + "metrics", "Metrics")
    .WaitFor(postgres)
    .WaitForCompletion(databases);

// The demo county: loaded once through the gateway's gRPC import; skipped when already loaded.
builder
    .AddBuiltProject<Projects.Platform_DemoCounty>(LocalPorts.DemoCountyResource)
    .WithArgs(
        "load",
        "--wait",
        "--grpc",
        $"http://localhost:{LocalPorts.GatewayGrpc}",
        "--token-url",
        $"http://localhost:{LocalPorts.GatewayRest}/connect/token",
        "--client-id",
        "county-office",
        "--client-secret",
        "county-office-secret",
        "--scale",
        demoScale)
    .WaitFor(gateway)
    .WaitFor(households)
    .WaitFor(education)
    .WaitFor(industry)
    .WaitFor(welfare)
    .WaitFor(ecology)
    .WaitFor(relocation);

// Resource states and the loader's output on the AppHost's console (start.sh shows it); every
// resource's console output in .data/logs/.
ConsoleReport.Register(builder, Path.Combine(data, "logs"));

builder.Build().Run();
