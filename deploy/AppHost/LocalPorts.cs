using System.Globalization;

namespace Platform.AppHost;

/// <summary>
/// The fixed loopback ports of the local start (architecture.md, "Default addresses"); the services'
/// own appsettings.json bind them, these only point health checks and dashboard links at them.
/// </summary>
internal static class LocalPorts
{
    public const int Postgres = 5433;

    /// <summary>AMQP; rabbitmq.sh also takes the next two ports (Erlang distribution, epmd).</summary>
    public const int RabbitMq = 5673;

    public const int RabbitMqManagement = 15673;

    public const int HouseholdsRest = 5101;

    /// <summary>h2c: an Http2-only Kestrel endpoint.</summary>
    public const int HouseholdsGrpc = 5102;

    public const int EducationRest = 5111;

    /// <summary>h2c: an Http2-only Kestrel endpoint.</summary>
    public const int EducationGrpc = 5112;

    public const int GatewayRest = 8080;

    public const int GatewayGrpc = 8081;

    /// <summary>The gateway's operators' port: /metrics and the OpenAPI document, loopback only.</summary>
    public const int GatewayManagement = 8082;

    public const string DemoCountyResource = "demo-county";

    /// <summary>http://HOST:PORT/ (a plain string: WithUrl's interpolated overload wants value providers).</summary>
    public static string Url(string host, int port) => string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/");
}
