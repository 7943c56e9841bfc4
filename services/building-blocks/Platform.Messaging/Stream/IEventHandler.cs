using Platform.Contracts;

namespace Platform.Messaging.Stream;

/// <summary>
/// Applies one kind of event to the service's database. Handlers are scoped: within a batch every handler
/// shares the batch's DbContext and transaction, and the stream saves and commits once after the last event,
/// together with the inbox rows and any outbox rows the handlers added. A handler must not save or commit
/// itself, and is called for each event of a household in the order the events were published. Changes to
/// tracked entities are detected once, before the save (automatic detection is off during a batch).
/// </summary>
public interface IEventHandler<in TEvent>
    where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}

/// <summary>
/// Optional: loads in a few set-based queries what a whole batch of events will touch (the households,
/// members and students of every event), so that the handlers then find it tracked instead of querying
/// once per event.
/// </summary>
public interface IEventBatchPreparer
{
    Task PrepareAsync(IReadOnlyList<IIntegrationEvent> events, CancellationToken cancellationToken);
}

/// <summary>
/// Thrown by a handler for an event that no retry can make right (a contract violation by its sender): the
/// stream sets it aside in the service's error queue at once instead of retrying it.
/// </summary>
public class PermanentEventFailureException(string message, Exception? innerException = null) : Exception(message, innerException);
