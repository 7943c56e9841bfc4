namespace Platform.Contracts;

/// <summary>
/// What every integration event carries: its own id (the message id on the bus, so a redelivery is
/// recognised), the household it concerns, and when it happened.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    Guid HouseholdId { get; }

    DateTimeOffset OccurredAt { get; }
}
