using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Contracts;

namespace Platform.Messaging.Stream;

/// <summary>What a service consumes from the event stream: one handler per event type, and an optional batch preparer.</summary>
public sealed class EventStreamBuilder
{
    private readonly IServiceCollection services;
    private readonly Dictionary<string, EventRegistration> registrations = new(StringComparer.Ordinal);

    internal EventStreamBuilder(IServiceCollection services)
    {
        this.services = services;
        services.TryAddScoped<Platform.ServiceDefaults.Data.NewRows>(); // a batch's untracked new rows (see NewRows)
    }

    private readonly List<Type> preparerTypes = [];

    internal IReadOnlyList<Type> PreparerTypes => preparerTypes;

    internal IReadOnlyDictionary<string, EventRegistration> Registrations => registrations;

    public EventStreamBuilder Handle<TEvent, THandler>()
        where TEvent : class, IIntegrationEvent
        where THandler : class, IEventHandler<TEvent>
    {
        var name = EventTypes.NameOf(typeof(TEvent));
        if (registrations.ContainsKey(name))
        {
            throw new InvalidOperationException($"{name} has a handler already: one handler per event type keeps the order of its effects plain.");
        }

        services.TryAddScoped<THandler>();
        registrations[name] = new EventRegistration(
            typeof(TEvent),
            (provider, integrationEvent, cancellationToken) => provider.GetRequiredService<THandler>().HandleAsync((TEvent)integrationEvent, cancellationToken));
        return this;
    }

    /// <summary>Adds a preparer; several run in the order they were added, before the batch's first handler.</summary>
    public EventStreamBuilder PrepareWith<TPreparer>()
        where TPreparer : class, IEventBatchPreparer
    {
        services.TryAddScoped<TPreparer>();
        if (!preparerTypes.Contains(typeof(TPreparer)))
        {
            preparerTypes.Add(typeof(TPreparer));
        }

        return this;
    }

    /// <summary>Services for extensions of the builder (registrations that come with a set of handlers).</summary>
    public IServiceCollection Services => services;
}

internal sealed record EventRegistration(Type EventType, Func<IServiceProvider, IIntegrationEvent, CancellationToken, Task> Handle);

/// <summary>Event type names on the wire: the CLR full name, which a published type must keep forever.</summary>
public static class EventTypes
{
    public static string NameOf(Type eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        return eventType.FullName ?? throw new ArgumentException("An event type needs a full name", nameof(eventType));
    }

    /// <summary>The wire name of an outbox row's type ("Full.Name, Assembly" → "Full.Name").</summary>
    public static string WireNameOfStored(string storedType)
    {
        ArgumentNullException.ThrowIfNull(storedType);
        var comma = storedType.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? storedType : storedType[..comma];
    }
}
