using System.Globalization;

namespace Platform.AppHost;

/// <summary>The fixed loopback ports of the local start (see docs: "Default addresses").</summary>
internal static class LocalPorts
{
    public const int Postgres = 5433;

    /// <summary>AMQP; rabbitmq.sh also takes the next two ports (Erlang distribution, epmd).</summary>
    public const int RabbitMq = 5673;

    public const int RabbitMqManagement = 15673;

    public const int GatewayRest = 8080;

    public const int GatewayGrpc = 8081;

    public const string DemoCountyResource = "demo-county";

    /// <summary>http://HOST:PORT/ (a plain string: WithUrl's interpolated overload wants value providers).</summary>
    public static string Url(string host, int port) => string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/");
}
