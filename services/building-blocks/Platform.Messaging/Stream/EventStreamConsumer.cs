using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Telemetry;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Platform.Messaging.Stream;

/// <summary>
/// Reads the service's shards of the event stream. Each shard queue is read by one batch at a time, so a
/// household's events (all in one shard) are applied one after another in publish order, across event
/// types; shards run side by side up to <see cref="EventStreamOptions.MaxParallelBatches"/>. The queues are
/// single-active-consumer: a second instance of the service stands by on each shard and takes over when the
/// first goes, so two instances keep the order too. A batch that fails is retried event by event in order;
/// an event whose handler keeps failing waits (its shard with it) through the retry delays, then goes to
/// the error queue; a database or broker outage is waited out without limit.
/// </summary>
internal sealed partial class EventStreamConsumer<TDbContext> : BackgroundService
    where TDbContext : DbContext, IMessagingDbContext
{
    private static readonly Counter<long> SetAside =
        PlatformTelemetry.MessagingMeter.CreateCounter<long>("platform.events.set_aside", description: "Events moved to the error queue");

    private readonly BrokerConnections connections;
    private readonly EventPublisher publisher;
    private readonly EventBatchApplier<TDbContext> applier;
    private readonly IReadOnlyDictionary<string, EventRegistration> registrations;
    private readonly MessagingIdentity identity;
    private readonly EventStreamOptions options;
    private readonly StreamStatus status;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim parallelBatches;

    public EventStreamConsumer(
        BrokerConnections connections,
        EventPublisher publisher,
        OutboxSignal signal,
        IServiceScopeFactory scopes,
        EventStreamRegistrations registrations,
        MessagingIdentity identity,
        IOptions<EventStreamOptions> options,
        StreamStatus status,
        TimeProvider clock,
        ILogger<EventStreamConsumer<TDbContext>> logger)
    {
        this.connections = connections;
        this.publisher = publisher;
        this.registrations = registrations.ByType;
        this.identity = identity;
        this.options = options.Value;
        this.status = status;
        this.clock = clock;
        this.logger = logger;
        applier = new EventBatchApplier<TDbContext>(scopes, identity, signal, clock, registrations.PreparerTypes);
        parallelBatches = new SemaphoreSlim(Math.Max(1, this.options.MaxParallelBatches));
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        if (options.WaitUntilStarted)
        {
            await started.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeUntilDisconnectedAsync(stoppingToken);
                delay = TimeSpan.Zero;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                delay = delay == TimeSpan.Zero ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxReconnectDelay.Ticks));
                LogDisconnected(logger, ex, identity.ServiceName, delay.TotalMilliseconds);
            }

            status.ConsumerConnected = false;
            try
            {
                await Task.Delay(delay == TimeSpan.Zero ? TimeSpan.FromMilliseconds(250) : delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ConsumeUntilDisconnectedAsync(CancellationToken stoppingToken)
    {
        await using var connection = await connections.OpenAsync("consumer", stoppingToken);
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        connection.ConnectionShutdownAsync += (_, _) =>
        {
            lost.Cancel();
            return Task.CompletedTask;
        };

        await DeclareTopologyAsync(connection, stoppingToken);
        status.ConsumerConnected = true;
        started.TrySetResult();
        LogConsuming(logger, identity.ServiceName, EventTopology.ShardCount, registrations.Count);

        var shards = Enumerable.Range(0, EventTopology.ShardCount).Select(shard => ConsumeShardAsync(connection, shard, lost)).ToList();
        await Task.WhenAll(shards);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task DeclareTopologyAsync(IConnection connection, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(EventTopology.Exchange, EventTopology.ExchangeType, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await DeclareQueueAsync(connection, EventTopology.ErrorQueueName(identity.ServiceName), singleActiveConsumer: false, cancellationToken);
        for (var shard = 0; shard < EventTopology.ShardCount; shard++)
        {
            var queue = EventTopology.QueueName(identity.ServiceName, shard);
            await DeclareQueueAsync(connection, queue, singleActiveConsumer: true, cancellationToken);
            foreach (var eventType in registrations.Keys)
            {
                await channel.QueueBindAsync(queue, EventTopology.Exchange, EventTopology.RoutingKey(shard, eventType), cancellationToken: cancellationToken);
                await channel.QueueBindAsync(queue, EventTopology.Exchange, EventTopology.AddressedRoutingKey(shard, eventType, identity.ServiceName), cancellationToken: cancellationToken);
            }
        }
    }

    /// <summary>
    /// A quorum queue: a cluster replicates it (RabbitMQ 4 no longer replicates classic queues), and all of a node's
    /// quorum queues write one shared log with one fsync per batch instead of each syncing its own files. A classic
    /// queue of an earlier version is replaced when it is empty; one still holding events is read as it is until it is drained.
    /// </summary>
    private async Task DeclareQueueAsync(IConnection connection, string queue, bool singleActiveConsumer, CancellationToken cancellationToken)
    {
        var arguments = new Dictionary<string, object?> { ["x-queue-type"] = "quorum" };
        if (singleActiveConsumer)
        {
            arguments["x-single-active-consumer"] = true;
        }

        try
        {
            await using var declaring = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await declaring.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
            return;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 406)
        {
            // PRECONDITION_FAILED: the queue exists with other arguments (a classic queue of an earlier version).
        }

        await using var migrating = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var existing = await migrating.QueueDeclarePassiveAsync(queue, cancellationToken);
        if (existing.MessageCount > 0)
        {
            LogClassicQueueKept(logger, queue, existing.MessageCount);
            return;
        }

        await migrating.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: true, cancellationToken: cancellationToken);
        await migrating.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
        LogQueueMigrated(logger, queue);
    }

    private async Task ConsumeShardAsync(IConnection connection, int shard, CancellationTokenSource lost)
    {
        var token = lost.Token;
        try
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: token);
            await channel.BasicQosAsync(0, (ushort)Math.Clamp(options.PrefetchPerShard, 1, ushort.MaxValue), global: false, token);
            var deliveries = System.Threading.Channels.Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) =>
            {
                // The body's memory is the client's only until this returns: keep a copy.
                deliveries.Writer.TryWrite(new Delivery(delivery.DeliveryTag, delivery.BasicProperties, delivery.Body.ToArray()));
                return Task.CompletedTask;
            };
            channel.ChannelShutdownAsync += (_, _) =>
            {
                deliveries.Writer.TryComplete();
                lost.Cancel(); // a channel error ends the connection's round: everything reconnects cleanly
                return Task.CompletedTask;
            };
            await channel.BasicConsumeAsync(EventTopology.QueueName(identity.ServiceName, shard), autoAck: false, consumer, token);

            var batch = new List<Delivery>(options.BatchSize);
            while (await deliveries.Reader.WaitToReadAsync(token))
            {
                batch.Clear();
                while (batch.Count < options.BatchSize && deliveries.Reader.TryRead(out var delivery))
                {
                    batch.Add(delivery);
                }

                await ProcessAsync(batch, token);
                await channel.BasicAckAsync(batch[^1].Tag, multiple: true, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The connection is gone or the service stops: unacknowledged deliveries go back to the queue.
        }
        catch (Exception ex) when (ex is AlreadyClosedException or OperationInterruptedException or IOException or ChannelClosedException)
        {
            lost.Cancel();
        }
        catch (Exception ex)
        {
            LogShardFailed(logger, ex, identity.ServiceName, shard);
            lost.Cancel();
        }
    }

    /// <summary>Applies a batch: whole if it can, else event by event in order, setting aside what cannot be applied.</summary>
    private async Task ProcessAsync(List<Delivery> batch, CancellationToken token)
    {
        var readable = new List<ReceivedEvent>(batch.Count);
        foreach (var delivery in batch)
        {
            if (TryRead(delivery, out var received, out var failure))
            {
                readable.Add(received);
                delivery.Event = received;
            }
            else
            {
                await SetAsideAsync(delivery, failure, token);
            }
        }

        if (readable.Count == 0)
        {
            return;
        }

        if (readable.Count > 1)
        {
            try
            {
                await ApplyInSlotAsync(readable, token);
                return;
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                LogBatchFailed(logger, ex, identity.ServiceName, readable.Count);
            }
        }

        foreach (var delivery in batch.Where(d => d.Event is not null))
        {
            await ApplyWithRetriesAsync(delivery, token);
        }
    }

    private async Task ApplyWithRetriesAsync(Delivery delivery, CancellationToken token)
    {
        var received = delivery.Event!;
        var handlerFailures = 0;
        var outageDelay = TimeSpan.Zero;
        while (true)
        {
            try
            {
                await ApplyInSlotAsync([received], token);
                return;
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                TimeSpan wait;
                switch (FailureKinds.Classify(ex))
                {
                    case FailureKind.Permanent:
                        await SetAsideAsync(delivery, ex, token);
                        return;
                    case FailureKind.Handler when handlerFailures >= options.EffectiveRetryDelays.Count:
                        await SetAsideAsync(delivery, ex, token);
                        return;
                    case FailureKind.Handler:
                        wait = options.EffectiveRetryDelays[handlerFailures++];
                        break;
                    default:
                        outageDelay = outageDelay == TimeSpan.Zero ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromTicks(Math.Min(outageDelay.Ticks * 2, options.MaxOutageDelay.Ticks));
                        wait = outageDelay;
                        break;
                }

                LogRetrying(logger, ex, received.Event.GetType().Name, received.MessageId, identity.ServiceName, wait.TotalMilliseconds);
                await Task.Delay(wait, clock, token);
            }
        }
    }

    private async Task ApplyInSlotAsync(IReadOnlyList<ReceivedEvent> events, CancellationToken token)
    {
        await parallelBatches.WaitAsync(token);
        try
        {
            await applier.ApplyAsync(events, token);
        }
        finally
        {
            parallelBatches.Release();
        }
    }

    private bool TryRead(Delivery delivery, out ReceivedEvent received, out Exception failure)
    {
        received = null!;
        failure = null!;
        var properties = delivery.Properties;
        try
        {
            if (!Guid.TryParse(properties.MessageId, out var messageId))
            {
                throw new PermanentEventFailureException("The delivery has no message id: it cannot be applied exactly once");
            }

            var eventType = properties.Type ?? string.Empty;
            if (!registrations.TryGetValue(eventType, out var registration))
            {
                throw new UnknownEventTypeException($"No handler for event type '{eventType}' at {identity.ServiceName}");
            }

            var integrationEvent = (IIntegrationEvent?)JsonSerializer.Deserialize(delivery.Body.Span, registration.EventType, EventWire.Json)
                ?? throw new PermanentEventFailureException("The delivery's body is empty");
            received = new ReceivedEvent(
                delivery.Tag, messageId, integrationEvent, registration,
                EventWire.Header(properties, EventWire.TraceParentHeader), EventWire.Header(properties, EventWire.TraceStateHeader));
            return true;
        }
        catch (Exception ex) when (ex is JsonException or PermanentEventFailureException or UnknownEventTypeException or NotSupportedException)
        {
            failure = ex;
            return false;
        }
    }

    /// <summary>Moves a delivery to the service's error queue, with why; it is acknowledged with its batch once the broker confirmed the copy.</summary>
    private async Task SetAsideAsync(Delivery delivery, Exception reason, CancellationToken token)
    {
        var properties = new BasicProperties(delivery.Properties);
        var headers = properties.Headers is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(properties.Headers);
        var text = $"{reason.GetType().Name}: {reason.Message}";
        headers[EventWire.ErrorReasonHeader] = text.Length > 1000 ? text[..1000] : text;
        headers[EventWire.OriginalQueueHeader] = EventTopology.QueueName(identity.ServiceName, EventTopology.ShardOf(EventWire.Header(delivery.Properties, EventWire.PartitionKeyHeader) ?? string.Empty));
        headers[EventWire.FailedAtHeader] = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        properties.Headers = headers;
        var outage = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await publisher.PublishAsync(string.Empty, EventTopology.ErrorQueueName(identity.ServiceName), properties, delivery.Body, token);
                break;
            }
            catch (Exception ex) when (ex is BrokerUnavailableException or PublishException && !token.IsCancellationRequested)
            {
                await Task.Delay(outage, clock, token);
                outage = TimeSpan.FromTicks(Math.Min(outage.Ticks * 2, options.MaxReconnectDelay.Ticks));
            }
        }

        SetAside.Add(1, new KeyValuePair<string, object?>("consumer", identity.ServiceName));
        LogSetAside(logger, reason, delivery.Properties.Type, delivery.Properties.MessageId, identity.ServiceName);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue} is a classic queue of an earlier version still holding {Count} events: read as it is; it becomes a quorum queue at a start that finds it empty")]
    private static partial void LogClassicQueueKept(ILogger logger, string queue, uint count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue} was an empty classic queue of an earlier version: declared again as a quorum queue")]
    private static partial void LogQueueMigrated(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} consumes {Shards} shards of the event stream ({Types} event types)")]
    private static partial void LogConsuming(ILogger logger, string service, int shards, int types);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} lost the event stream; reconnecting in {DelayMs} ms")]
    private static partial void LogDisconnected(ILogger logger, Exception exception, string service, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Service} stopped reading shard {Shard}; reconnecting")]
    private static partial void LogShardFailed(ILogger logger, Exception exception, string service, int shard);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} could not apply a batch of {Count} events; applying them one by one")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string service, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{EventType} {MessageId} failed at {Service}; retrying in {DelayMs} ms (its shard waits)")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string eventType, Guid messageId, string service, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "{EventType} {MessageId} set aside in the error queue of {Service}")]
    private static partial void LogSetAside(ILogger logger, Exception exception, string? eventType, string? messageId, string service);
}

/// <summary>A delivery off a shard queue: its tag on the shard's channel, its properties, a copy of its body.</summary>
internal sealed record Delivery(ulong Tag, IReadOnlyBasicProperties Properties, ReadOnlyMemory<byte> Body)
{
    public ReceivedEvent? Event { get; set; }
}

/// <summary>The handlers a service registered, by wire type name.</summary>
internal sealed record EventStreamRegistrations(IReadOnlyDictionary<string, EventRegistration> ByType, IReadOnlyList<Type> PreparerTypes);

/// <summary>Whether the service's links to the broker are up, for its readiness check.</summary>
public sealed class StreamStatus
{
    public bool ConsumerConnected { get; set; }

    public bool ConsumesEvents { get; set; }

    public DateTimeOffset? LastPublishFailure { get; set; }
}
