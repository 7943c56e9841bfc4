using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Platform.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.Messaging.Stream;

/// <summary>
/// A client of the event stream outside the services: publishes events as an outbox would (tests standing
/// in for another service, the bench, operators) and taps the stream (an exclusive queue of its own, bound
/// to the event types it names in every shard) to see what the services publish.
/// </summary>
public sealed class EventStreamClient : IAsyncDisposable
{
    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly string appId;

    private EventStreamClient(IConnection connection, IChannel channel, string appId)
    {
        this.connection = connection;
        this.channel = channel;
        this.appId = appId;
    }

    public static async Task<EventStreamClient> ConnectAsync(Uri rabbitMq, string clientName = "platform-client", CancellationToken cancellationToken = default)
    {
        var connection = await BrokerConnections.Factory(rabbitMq, clientName).CreateConnectionAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, outstandingPublisherConfirmationsRateLimiter: null),
            cancellationToken);
        await channel.ExchangeDeclareAsync(EventTopology.Exchange, EventTopology.ExchangeType, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        return new EventStreamClient(connection, channel, clientName);
    }

    /// <summary>Publishes an event where its partition's shard of every subscriber gets it, confirmed by the broker.</summary>
    /// <param name="messageId">The message id (default: the event id, as the outbox does); another id makes a distinct delivery of the same event.</param>
    public async Task PublishAsync(IIntegrationEvent integrationEvent, Guid? messageId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var type = integrationEvent.GetType();
        var eventType = EventTypes.NameOf(type);
        var shard = EventTopology.ShardOf(integrationEvent.PartitionKey);
        var routingKey = (integrationEvent as IAddressedEvent)?.Audience is { } audience
            ? EventTopology.AddressedRoutingKey(shard, eventType, audience)
            : EventTopology.RoutingKey(shard, eventType);
        var properties = EventWire.Properties(messageId ?? integrationEvent.EventId, eventType, integrationEvent.PartitionKey, System.Diagnostics.Activity.Current?.Id, null, null, appId);
        var body = JsonSerializer.SerializeToUtf8Bytes(integrationEvent, type, EventWire.Json);
        await channel.BasicPublishAsync(EventTopology.Exchange, routingKey, mandatory: false, properties, body, cancellationToken);
    }

    /// <summary>Starts receiving every event of the given types that is published from now on.</summary>
    public async Task<EventTap> TapAsync(IEnumerable<Type> eventTypes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventTypes);
        var types = eventTypes.ToDictionary(EventTypes.NameOf);
        var tapChannel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var queue = (await tapChannel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken)).QueueName;
        foreach (var name in types.Keys)
        {
            for (var shard = 0; shard < EventTopology.ShardCount; shard++)
            {
                await tapChannel.QueueBindAsync(queue, EventTopology.Exchange, EventTopology.RoutingKey(shard, name), cancellationToken: cancellationToken);
            }
        }

        var tap = new EventTap(tapChannel, types);
        var consumer = new AsyncEventingBasicConsumer(tapChannel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            tap.Add(delivery);
            return Task.CompletedTask;
        };
        await tapChannel.BasicConsumeAsync(queue, autoAck: true, consumer, cancellationToken);
        return tap;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}

/// <summary>Events seen on the stream since the tap was opened, in the order they arrived.</summary>
public sealed class EventTap : IAsyncDisposable
{
    private readonly IChannel channel;
    private readonly IReadOnlyDictionary<string, Type> types;
    private readonly ConcurrentQueue<TappedEvent> received = new();

    internal EventTap(IChannel channel, IReadOnlyDictionary<string, Type> types)
    {
        this.channel = channel;
        this.types = types;
    }

    public IReadOnlyList<TappedEvent> Received => received.ToList();

    public IReadOnlyList<T> Of<T>()
        where T : IIntegrationEvent => received.Select(e => e.Event).OfType<T>().ToList();

    internal void Add(BasicDeliverEventArgs delivery)
    {
        var name = delivery.BasicProperties.Type ?? string.Empty;
        if (!types.TryGetValue(name, out var type))
        {
            return;
        }

        if (delivery.BasicProperties.ContentType == EventWire.PackContentType)
        {
            foreach (var (properties, body) in EventWire.ReadPack(delivery.BasicProperties, delivery.Body))
            {
                Add(type, properties, delivery.RoutingKey, body);
            }

            return;
        }

        Add(type, delivery.BasicProperties, delivery.RoutingKey, delivery.Body);
    }

    private void Add(Type type, IReadOnlyBasicProperties properties, string routingKey, ReadOnlyMemory<byte> body)
    {
        var integrationEvent = (IIntegrationEvent)JsonSerializer.Deserialize(body.Span, type, EventWire.Json)!;
        received.Enqueue(new TappedEvent(
            integrationEvent,
            Guid.TryParse(properties.MessageId, out var id) ? id : Guid.Empty,
            routingKey,
            EventWire.Header(properties, EventWire.TraceParentHeader),
            properties.Headers?.TryGetValue(EventWire.SequenceHeader, out var sequence) == true && sequence is long number ? number : null,
            Encoding.UTF8.GetString(body.Span)));
    }

    public async ValueTask DisposeAsync() => await channel.DisposeAsync();
}

/// <summary>One event as the tap saw it: the event, its message id, routing key, trace parent, outbox sequence and raw body.</summary>
public sealed record TappedEvent(IIntegrationEvent Event, Guid MessageId, string RoutingKey, string? TraceParent, long? Sequence, string Body);
