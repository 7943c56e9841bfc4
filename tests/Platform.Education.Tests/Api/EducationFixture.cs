using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Registry;
using Platform.Testing;

namespace Platform.Education.Tests.Api;

/// <summary>
/// The education pillar as it runs: real Kestrel (REST and h2c gRPC), its own PostgreSQL database
/// and RabbitMQ virtual host, and an observer standing for the registry — its own queue on the same
/// vhost, bound to the guarantee assessments the pillar publishes.
/// </summary>
public sealed class EducationFixture : IAsyncLifetime
{
    private IBusControl? observer;

    public ServiceHost<Program> Host { get; private set; } = null!;

    public TestInfrastructure Infrastructure { get; private set; } = null!;

    public Uri VirtualHost { get; private set; } = null!;

    public ConcurrentQueue<GuaranteeAssessed> Assessments { get; } = new();

    public async Task InitializeAsync()
    {
        Infrastructure = await TestInfrastructure.GetAsync();
        var database = await Infrastructure.CreateDatabaseAsync("education");
        VirtualHost = await Infrastructure.CreateVirtualHostAsync("education");
        Host = ServiceHost<Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:education"] = database,
            ["ConnectionStrings:rabbitmq"] = VirtualHost.ToString(),
        });

        observer = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(VirtualHost);
            rabbit.ReceiveEndpoint("education-tests-registry-guarantee-assessed", endpoint => endpoint.Handler<GuaranteeAssessed>(context =>
            {
                Assessments.Enqueue(context.Message);
                return Task.CompletedTask;
            }));
        });
        await observer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (observer is not null)
        {
            await observer.StopAsync();
        }

        await Host.DisposeAsync();
    }

    /// <summary>Publishes a registry event on the pillar's bus, with the event id as the message id (as the outbox does).</summary>
    public Task PublishAsync<T>(T message)
        where T : class, Contracts.IIntegrationEvent =>
        Host.Services.GetRequiredService<IBus>().Publish(message, context => context.MessageId = message.EventId);

    /// <summary>Waits for the pillar's assessment of a household's compulsory-education guarantee.</summary>
    public Task<GuaranteeAssessed> AssessmentAsync(Guid householdId, bool met) =>
        Eventually.ReturnsAsync(
            () => Task.FromResult(Assessments.FirstOrDefault(a => a.HouseholdId == householdId && a.Met == met)),
            TimeSpan.FromSeconds(30),
            $"the registry receives the guarantee of {householdId} assessed {(met ? "met" : "not met")}");
}
