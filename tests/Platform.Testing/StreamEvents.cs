using Platform.Contracts;
using Platform.Messaging.Stream;

namespace Platform.Testing;

/// <summary>Puts events on a test's event stream as another service's outbox would.</summary>
public static class StreamEvents
{
    /// <summary>Publishes each event in turn (confirmed by the broker), with its event id as the message id unless one is given.</summary>
    public static async Task PublishAsync(Uri virtualHost, params IIntegrationEvent[] events)
    {
        await using var client = await EventStreamClient.ConnectAsync(virtualHost, "platform-tests");
        foreach (var integrationEvent in events)
        {
            await client.PublishAsync(integrationEvent);
        }
    }

    /// <summary>Publishes one event under a message id of the test's choosing (a redelivery, or a distinct copy).</summary>
    public static async Task PublishAsync(Uri virtualHost, IIntegrationEvent integrationEvent, Guid messageId)
    {
        await using var client = await EventStreamClient.ConnectAsync(virtualHost, "platform-tests");
        await client.PublishAsync(integrationEvent, messageId);
    }
}
