using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Data;
using Platform.Testing;

namespace Platform.Messaging.Tests;

/// <summary>
/// The notes service hosted as the real ones are (building blocks, real PostgreSQL and RabbitMQ),
/// with its broker link through a proxy the test can cut.
/// </summary>
public sealed class NotesService : IAsyncDisposable
{
    private readonly IHost host;
    private readonly MeterListener meters = new();
    private long failures;
    private long duplicates;

    private NotesService(IHost host, TcpProxy brokerLink, Uri virtualHost)
    {
        this.host = host;
        VirtualHost = virtualHost;
        BrokerLink = brokerLink;
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name is "platform.outbox.failures" or "platform.inbox.duplicates")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "platform.outbox.failures")
            {
                Interlocked.Add(ref failures, value);
            }
            else
            {
                Interlocked.Add(ref duplicates, value);
            }
        });
        meters.Start();
    }

    public TcpProxy BrokerLink { get; }

    /// <summary>The service's virtual host, reached directly (not through <see cref="BrokerLink"/>).</summary>
    public Uri VirtualHost { get; }

    public long DispatchFailures => Interlocked.Read(ref failures);

    public long DuplicatesSkipped => Interlocked.Read(ref duplicates);

    public IServiceProvider Services => host.Services;

    public static async Task<NotesService> StartAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var database = await infrastructure.CreateDatabaseAsync("notes");
        var vhost = await infrastructure.CreateVirtualHostAsync("notes");
        var brokerLink = TcpProxy.Start(vhost.Host, vhost.Port);
        var proxied = new UriBuilder(vhost) { Port = brokerLink.Port }.Uri;

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:notes"] = database,
            ["ConnectionStrings:rabbitmq"] = proxied.ToString(),
            ["Database:MigrateOnStart"] = "false",
            ["Messaging:Outbox:PollInterval"] = "00:00:00.200",
            ["Messaging:WaitUntilStarted"] = "true",
            ["Messaging:Outbox:PublishTimeout"] = "00:00:02",
            ["Messaging:Outbox:MaxBackoff"] = "00:00:01",
        });
        builder.AddPlatformTelemetry();
        builder.AddPlatformDatabase<NotesDbContext>("notes");
        builder.AddPlatformMessaging<NotesDbContext>("notes", bus =>
            // One message at a time from the queue, so the order the consumer sees is the broker's order.
            bus.AddConsumer<NoteAddedConsumer>().Endpoint(endpoint =>
            {
                endpoint.ConcurrentMessageLimit = 1;
                endpoint.PrefetchCount = 1;
            }));
        var host = builder.Build();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NotesDbContext>().Database.EnsureCreatedAsync();
        }

        await host.StartAsync();
        return new NotesService(host, brokerLink, vhost);
    }

    /// <summary>Adds a note and its event in one unit of work, as a service's handler does.</summary>
    public async Task<Guid> AddNoteAsync(string text, int position = 0, Guid? partition = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
        var note = new Note { Id = Guid.NewGuid(), Text = text };
        db.Notes.Add(note);
        db.AddIntegrationEvent(NewEvent(note.Id, position, partition), TimeProvider.System);
        await db.SaveChangesAsync();
        return note.Id;
    }

    public static NoteAdded NewEvent(Guid noteId, int position = 0, Guid? partition = null) => new()
    {
        EventId = Guid.NewGuid(), HouseholdId = partition ?? Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, NoteId = noteId, Position = position,
    };

    public async Task<T> QueryAsync<T>(Func<NotesDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<NotesDbContext>());
    }

    public Task<int> AppliedCountAsync(Guid noteId) => QueryAsync(db => db.Applied.CountAsync(a => a.NoteId == noteId));

    public Task PublishDirectAsync(NoteAdded message, Guid messageId) =>
        host.Services.GetRequiredService<IBus>().Publish(message, context => context.MessageId = messageId);

    public async ValueTask DisposeAsync()
    {
        meters.Dispose();
        await host.StopAsync();
        host.Dispose();
        await BrokerLink.DisposeAsync();
    }
}
