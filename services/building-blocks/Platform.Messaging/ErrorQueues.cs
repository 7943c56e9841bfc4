using RabbitMQ.Client;

namespace Platform.Messaging;

/// <summary>
/// Messages a consumer could not handle after its retries wait in the queue's "_error" queue
/// (MassTransit moves them there with the reason in their headers). Once the cause is fixed, an
/// operator sends them back to be handled; the inbox still makes each count once.
/// </summary>
public static class ErrorQueues
{
    public const string Suffix = "_error";

    /// <summary>Messages waiting in <paramref name="queue"/>'s error queue (0 when there is none).</summary>
    public static async Task<uint> CountAsync(Uri rabbitMq, string queue, CancellationToken cancellationToken = default)
    {
        await using var connection = await Connect(rabbitMq, cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue + Suffix, cancellationToken)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Moves up to <paramref name="max"/> messages from the error queue back to <paramref name="queue"/>
    /// (through its exchange of the same name, as MassTransit binds it), one at a time: each is taken
    /// off the error queue only once the broker has confirmed it back. Returns how many were moved.
    /// </summary>
    public static async Task<int> RequeueAsync(Uri rabbitMq, string queue, int max = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        await using var connection = await Connect(rabbitMq, cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        var moved = 0;
        while (moved < max && await channel.BasicGetAsync(queue + Suffix, autoAck: false, cancellationToken) is { } message)
        {
            var properties = new BasicProperties(message.BasicProperties);
            // The fault's headers describe the failed attempt, not the message.
            foreach (var fault in properties.Headers?.Keys.Where(k => k.StartsWith("MT-Fault", StringComparison.Ordinal) || k == "MT-Reason").ToList() ?? [])
            {
                properties.Headers!.Remove(fault);
            }

            await channel.BasicPublishAsync(queue, string.Empty, mandatory: true, properties, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        return moved;
    }

    private static Task<IConnection> Connect(Uri rabbitMq, CancellationToken cancellationToken) =>
        new ConnectionFactory { Uri = rabbitMq, ClientProvidedName = "platform-error-queues" }.CreateConnectionAsync(cancellationToken);
}
