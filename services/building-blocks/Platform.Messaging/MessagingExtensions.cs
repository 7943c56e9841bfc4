using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Platform.Messaging.Outbox;
using Platform.Messaging.Stream;
using Platform.ServiceDefaults.Data;

namespace Platform.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// The service's part of the event stream over RabbitMQ (connection string "rabbitmq"): its outbox
    /// dispatcher for <typeparamref name="TDbContext"/>, the handlers of the events it consumes (applied in
    /// order per household, in batches, once each), pruning of its inbox and outbox, and a readiness check.
    /// Nothing here calls anything but the configured broker and database.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformMessaging<TDbContext>(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<EventStreamBuilder>? consume = null)
        where TDbContext : DbContext, IMessagingDbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new MessagingIdentity(serviceName));
        services.AddSingleton<BrokerConnections>();
        services.AddSingleton<EventPublisher>();
        services.AddSingleton<StreamStatus>();
        services.AddOptions<OutboxOptions>().Bind(builder.Configuration.GetSection("Messaging:Outbox"));
        services.AddOptions<MessagingRetentionOptions>().Bind(builder.Configuration.GetSection("Messaging:Retention"));
        services.AddOptions<EventStreamOptions>()
            .Bind(builder.Configuration.GetSection(EventStreamOptions.SectionName))
            // Kept from before the stream had a section of its own: hosts that must not publish before every queue is bound.
            .PostConfigure<IConfiguration>((stream, configuration) => stream.WaitUntilStarted |= configuration.GetValue("Messaging:WaitUntilStarted", false));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<BatchCommit>();
        services.AddSingleton<IInterceptor, OutboxSignalInterceptor>();
        services.AddHostedService<OutboxDispatcher<TDbContext>>();
        services.AddHostedService<MessagingRetention<TDbContext>>();

        var stream = new EventStreamBuilder(services);
        consume?.Invoke(stream);
        services.AddSingleton(new EventStreamRegistrations(stream.Registrations, stream.PreparerTypes));
        if (stream.Registrations.Count > 0)
        {
            services.AddHostedService<EventStreamConsumer<TDbContext>>();
        }

        services.AddHealthChecks().AddCheck<EventStreamHealthCheck>("event-stream", tags: [HealthTags.Ready]);
        return builder;
    }
}

/// <summary>
/// Degraded (not unhealthy) while the broker is out of reach: the service still takes writes, and its outbox
/// holds their events until the broker is back, so the gateway must keep routing to it.
/// </summary>
internal sealed class EventStreamHealthCheck(StreamStatus status, EventStreamRegistrations registrations) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (registrations.ByType.Count > 0 && !status.ConsumerConnected)
        {
            return Task.FromResult(HealthCheckResult.Degraded("事件流未连接：正在重连消息代理"));
        }

        if (status.LastPublishFailure is not null)
        {
            return Task.FromResult(HealthCheckResult.Degraded("发件箱暂时无法发布：事件已保存，恢复后发送"));
        }

        return Task.FromResult(HealthCheckResult.Healthy());
    }
}
