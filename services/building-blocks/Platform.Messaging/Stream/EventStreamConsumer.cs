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
/// single-active-consumer, so a shard is read by one instance at a time whatever the number of instances.
/// Instances divide the shards: each subscribes at once to its own (shard % InstanceCount == InstanceIndex),
/// marks itself present (an exclusive queue that lives as long as its connection) and only after
/// <see cref="EventStreamOptions.TakeOverDelay"/> stands by on the others, so it takes over an owner's shards
/// when the owner goes and hands each back (at a batch boundary) once it sees the owner present again. A batch that fails is retried event by event in order;
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
        if (this.options.InstanceCount < 1 || this.options.InstanceIndex < 0 || this.options.InstanceIndex >= this.options.InstanceCount || this.options.TakeOverDelay <= TimeSpan.Zero)
        {
            throw new OptionsValidationException(EventStreamOptions.SectionName, typeof(EventStreamOptions), [
                $"{EventStreamOptions.SectionName}: InstanceCount must be at least 1, InstanceIndex from 0 to InstanceCount - 1 and TakeOverDelay positive " +
                $"(InstanceIndex {this.options.InstanceIndex}, InstanceCount {this.options.InstanceCount}, TakeOverDelay {this.options.TakeOverDelay})"]);
        }
    }

    private int OwnerOf(int shard) => shard % options.InstanceCount;

    /// <summary>The instance's consumer tag on every shard: which instance reads which shard shows in the broker's consumer list.</summary>
    private string ConsumerTag => $"{identity.ServiceName}-instance-{options.InstanceIndex}";

    /// <summary>An exclusive queue that exists while an instance is connected and subscribed to its own shards.</summary>
    private string PresenceQueue(int instance) => $"{identity.ServiceName}-instance-{instance}-present";

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
        await using var connection = await connections.OpenAsync(options.InstanceCount == 1 ? "consumer" : $"consumer-{options.InstanceIndex}", stoppingToken);
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        connection.ConnectionShutdownAsync += (_, _) =>
        {
            lost.Cancel();
            return Task.CompletedTask;
        };

        await DeclareTopologyAsync(connection, stoppingToken);
        status.ConsumerConnected = true;
        started.TrySetResult();
        LogConsuming(logger, identity.ServiceName, options.InstanceIndex, options.InstanceCount, EventTopology.ShardCount, registrations.Count);

        var subscriptions = new List<TaskCompletionSource>();
        var shards = new List<Task>();
        for (var shard = 0; shard < EventTopology.ShardCount; shard++)
        {
            if (OwnerOf(shard) == options.InstanceIndex)
            {
                var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                subscriptions.Add(subscribed);
                shards.Add(ConsumeShardAsync(connection, shard, lost, subscribed));
            }
        }

        if (options.InstanceCount > 1)
        {
            // Present only once subscribed to every own shard: another instance then hands them over to a waiting consumer.
            await Task.WhenAny(Task.WhenAll(subscriptions.Select(s => s.Task)), Task.Delay(Timeout.Infinite, lost.Token));
            if (!lost.IsCancellationRequested)
            {
                await DeclarePresenceAsync(connection, lost.Token);
                shards.AddRange(Enumerable.Range(0, EventTopology.ShardCount)
                    .Where(shard => OwnerOf(shard) != options.InstanceIndex)
                    .Select(shard => StandByAsync(connection, shard, lost)));
            }
        }

        await Task.WhenAll(shards);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task DeclarePresenceAsync(IConnection connection, CancellationToken token)
    {
        try
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: token);
            await channel.QueueDeclareAsync(PresenceQueue(options.InstanceIndex), durable: false, exclusive: true, autoDelete: true, cancellationToken: token);
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 405)
        {
            // RESOURCE_LOCKED: another instance runs with the same index. Still correct (one active consumer per shard), not divided.
            LogIndexTaken(logger, identity.ServiceName, options.InstanceIndex);
        }
    }

    /// <summary>Whether the owner of a shard is connected and subscribed to its shards (its presence queue exists).</summary>
    private async Task<bool> IsPresentAsync(IConnection connection, int instance, CancellationToken token)
    {
        try
        {
            await using var probe = await connection.CreateChannelAsync(cancellationToken: token);
            await probe.QueueDeclarePassiveAsync(PresenceQueue(instance), token);
            return true;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode is 405 or 404)
        {
            // 405 RESOURCE_LOCKED: it exists, exclusive to the owner's connection; 404: the owner is away.
            return ex.ShutdownReason.ReplyCode == 405;
        }
    }

    /// <summary>
    /// Reads another instance's shard while its owner is away: subscribes after the take-over delay (the broker makes it
    /// the active consumer only if nobody else is), hands the shard back when it finds the owner present, and subscribes
    /// again behind the owner to stand by.
    /// </summary>
    private async Task StandByAsync(IConnection connection, int shard, CancellationTokenSource lost)
    {
        try
        {
            await Task.Delay(options.TakeOverDelay, clock, lost.Token);
            while (!lost.IsCancellationRequested)
            {
                await ConsumeShardAsync(connection, shard, lost, subscribed: null, owner: OwnerOf(shard));
            }
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            // The connection's round ends.
        }
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

    /// <summary>
    /// Subscribes to a shard and applies its batches until the connection's round ends, or, for another instance's shard
    /// (<paramref name="owner"/>), until its owner is found present after a batch: then the channel closes, and the
    /// deliveries it held but did not apply go back in place to the owner's waiting consumer.
    /// </summary>
    private async Task ConsumeShardAsync(IConnection connection, int shard, CancellationTokenSource lost, TaskCompletionSource? subscribed, int? owner = null)
    {
        var token = lost.Token;
        var handingBack = false;
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
                if (!handingBack)
                {
                    lost.Cancel(); // a channel error ends the connection's round: everything reconnects cleanly
                }

                return Task.CompletedTask;
            };
            await channel.BasicConsumeAsync(EventTopology.QueueName(identity.ServiceName, shard), autoAck: false, ConsumerTag, consumer, token);
            subscribed?.TrySetResult();
            var nextOwnerCheck = clock.GetUtcNow();

            var batch = new List<Delivery>(options.BatchSize);
            while (await deliveries.Reader.WaitToReadAsync(token))
            {
                batch.Clear();
                while (batch.Count < options.BatchSize && deliveries.Reader.TryRead(out var delivery))
                {
                    AddEvents(batch, delivery);
                }

                await ProcessAsync(batch, token);
                await channel.BasicAckAsync(batch[^1].Tag, multiple: true, token);
                if (owner is { } ownerIndex && clock.GetUtcNow() >= nextOwnerCheck)
                {
                    nextOwnerCheck = clock.GetUtcNow() + options.TakeOverDelay;
                    if (await IsPresentAsync(connection, ownerIndex, token))
                    {
                        LogHandingBack(logger, identity.ServiceName, shard, ownerIndex);
                        handingBack = true;
                        return;
                    }
                }
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

    /// <summary>
    /// A delivery's events: itself, or each event of a pack as if it had come alone (same delivery tag, its own id,
    /// partition key and trace context), so that the inbox, the retries and the error queue treat every event alike.
    /// A pack that cannot be read stays whole and is set aside as it is.
    /// </summary>
    private static void AddEvents(List<Delivery> batch, Delivery delivery)
    {
        if (delivery.Properties.ContentType != EventWire.PackContentType)
        {
            batch.Add(delivery);
            return;
        }

        try
        {
            foreach (var (properties, body) in EventWire.ReadPack(delivery.Properties, delivery.Body))
            {
                batch.Add(new Delivery(delivery.Tag, properties, body));
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            batch.Add(delivery);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} instance {Index} of {Count} consumes {Shards} shards of the event stream ({Types} event types)")]
    private static partial void LogConsuming(ILogger logger, string service, int index, int count, int shards, int types);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} hands shard {Shard} back to instance {Owner}")]
    private static partial void LogHandingBack(ILogger logger, string service, int shard, int owner);

    [LoggerMessage(Level = LogLevel.Error, Message = "Another instance of {Service} runs with index {Index}: the shards are read safely but not divided; give each instance its own Messaging:Stream:InstanceIndex")]
    private static partial void LogIndexTaken(ILogger logger, string service, int index);

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
