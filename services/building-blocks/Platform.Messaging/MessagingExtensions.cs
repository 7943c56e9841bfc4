using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.Messaging.Outbox;

namespace Platform.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ (connection string "rabbitmq", an amqp:// URI) with the platform's
    /// conventions — a queue per consumer named "{service}-{consumer}", short in-process retries, then
    /// the consumer's _error queue — and the service's outbox dispatcher for <typeparamref name="TDbContext"/>.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformMessaging<TDbContext>(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configureConsumers = null)
        where TDbContext : DbContext, IMessagingDbContext
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<OutboxOptions>().Bind(builder.Configuration.GetSection("Messaging:Outbox"));
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<IInterceptor, OutboxSignalInterceptor>();
        builder.Services.AddHostedService<OutboxDispatcher<TDbContext>>();

        // By default a service starts even while the broker is down (the outbox holds its events).
        // Hosts that must not publish before every queue is bound (tests) set "Messaging:WaitUntilStarted".
        builder.Services.AddOptions<MassTransitHostOptions>().Configure<IConfiguration>((host, configuration) =>
        {
            host.WaitUntilStarted = configuration.GetValue("Messaging:WaitUntilStarted", false);
            host.StartTimeout = TimeSpan.FromSeconds(30);
            host.StopTimeout = TimeSpan.FromSeconds(15);
        });

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName + "-", includeNamespace: false));
            configureConsumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                // Read when the bus is built, so a host may supply it after Program has run.
                var rabbitUri = context.GetRequiredService<IConfiguration>().GetConnectionString("rabbitmq")
                    ?? throw new InvalidOperationException("Connection string 'rabbitmq' is not configured.");
                rabbit.Host(new Uri(rabbitUri), host => host.PublisherConfirmation = true);
                rabbit.UseMessageRetry(retry => retry.Intervals(100, 500, 1000, 2000));
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
