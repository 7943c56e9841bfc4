using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;

namespace Platform.Messaging.Stream;

/// <summary>
/// Opens the service's connections to RabbitMQ (connection string "rabbitmq", an amqp:// URI, read when
/// first needed so that a host may supply it late). Publishing and consuming use separate connections, as
/// RabbitMQ advises: flow control on a publishing connection must not stall the acks of a consuming one.
/// Recovery is ours, not the client's: a lost connection ends its consumers and publishers, which open a
/// new one, so no delivery tag of an old channel is ever acknowledged on a new one.
/// </summary>
public sealed class BrokerConnections(IConfiguration configuration, MessagingIdentity identity)
{
    public Uri Address => new(configuration.GetConnectionString("rabbitmq")
        ?? throw new InvalidOperationException("Connection string 'rabbitmq' is not configured."));

    public Task<IConnection> OpenAsync(string purpose, CancellationToken cancellationToken) =>
        Factory(Address, $"{identity.ServiceName}-{purpose}").CreateConnectionAsync(cancellationToken);

    public static ConnectionFactory Factory(Uri address, string clientName) => new()
    {
        Uri = address,
        ClientProvidedName = clientName,
        AutomaticRecoveryEnabled = false,
        TopologyRecoveryEnabled = false,
        RequestedHeartbeat = TimeSpan.FromSeconds(20),
        RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
    };
}

/// <summary>The name the service goes by on the bus (queue prefixes, the inbox's consumer, the AMQP app id).</summary>
public sealed record MessagingIdentity(string ServiceName);
