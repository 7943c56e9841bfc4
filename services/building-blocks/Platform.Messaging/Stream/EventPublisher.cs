using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Messaging.Stream;

/// <summary>
/// Publishes to RabbitMQ with publisher confirms, on one channel of the service's publishing connection
/// (reopened when lost). <see cref="PublishAsync"/> completes when the broker has confirmed the message:
/// it is then in every queue bound to its routing key.
/// </summary>
public sealed class EventPublisher(BrokerConnections connections) : IAsyncDisposable
{
    private readonly SemaphoreSlim opening = new(1, 1);
    private IConnection? connection;
    private IChannel? channel;

    /// <exception cref="PublishException">The broker refused this message (a nack or a return): the message's own failure.</exception>
    /// <exception cref="BrokerUnavailableException">No connection, or it broke: nothing is known about the message.</exception>
    public async Task PublishAsync(string exchange, string routingKey, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var open = await ChannelAsync(cancellationToken);
        try
        {
            await open.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, body, cancellationToken);
        }
        catch (PublishException)
        {
            throw;
        }
        catch (Exception ex) when (ex is AlreadyClosedException or OperationInterruptedException or IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            throw new BrokerUnavailableException("The broker connection broke while publishing", ex);
        }
    }

    /// <summary>Declares what publishing needs (the events exchange); safe to call again.</summary>
    public async Task EnsureExchangeAsync(CancellationToken cancellationToken)
    {
        var open = await ChannelAsync(cancellationToken);
        await open.ExchangeDeclareAsync(EventTopology.Exchange, EventTopology.ExchangeType, durable: true, autoDelete: false, cancellationToken: cancellationToken);
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (channel is { IsOpen: true } current)
        {
            return current;
        }

        await opening.WaitAsync(cancellationToken);
        try
        {
            if (channel is { IsOpen: true } opened)
            {
                return opened;
            }

            await CloseAsync();
            try
            {
                connection = await connections.OpenAsync("publisher", cancellationToken);
                // Confirms tracked by the client, without its default throttling: the outbox bounds what is outstanding.
                channel = await connection.CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, outstandingPublisherConfirmationsRateLimiter: null),
                    cancellationToken);
                await channel.ExchangeDeclareAsync(EventTopology.Exchange, EventTopology.ExchangeType, durable: true, autoDelete: false, cancellationToken: cancellationToken);
                return channel;
            }
            catch (Exception ex) when (ex is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException or IOException or System.Net.Sockets.SocketException)
            {
                await CloseAsync();
                throw new BrokerUnavailableException("The broker cannot be reached", ex);
            }
        }
        finally
        {
            opening.Release();
        }
    }

    private async Task CloseAsync()
    {
        var (oldChannel, oldConnection) = (channel, connection);
        (channel, connection) = (null, null);
        try
        {
            if (oldChannel is not null)
            {
                await oldChannel.DisposeAsync();
            }

            if (oldConnection is not null)
            {
                await oldConnection.DisposeAsync();
            }
        }
        catch (Exception ex) when (ex is AlreadyClosedException or OperationInterruptedException or IOException or ObjectDisposedException)
        {
            // A broken connection is closed already.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        opening.Dispose();
    }
}

/// <summary>The broker could not be reached or the connection broke: a failure of the link, not of a message.</summary>
public sealed class BrokerUnavailableException(string message, Exception innerException) : Exception(message, innerException);
