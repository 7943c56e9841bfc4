using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Messaging.Households;
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
    private readonly Dictionary<string, long> counters = new(StringComparer.Ordinal);

    private NotesService(IHost host, TcpProxy brokerLink, Uri virtualHost, string database)
    {
        this.host = host;
        VirtualHost = virtualHost;
        BrokerLink = brokerLink;
        Database = database;
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Platform.Messaging")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (counters)
            {
                counters[instrument.Name] = counters.GetValueOrDefault(instrument.Name) + value;
            }
        });
        meters.Start();
    }

    public TcpProxy BrokerLink { get; }

    /// <summary>The service's virtual host, reached directly (not through <see cref="BrokerLink"/>).</summary>
    public Uri VirtualHost { get; }

    public string Database { get; }

    public long DispatchFailures => Counter("platform.outbox.failures");

    public long DuplicatesSkipped => Counter("platform.inbox.duplicates");

    public long Counter(string name)
    {
        lock (counters)
        {
            return counters.GetValueOrDefault(name);
        }
    }

    public IServiceProvider Services => host.Services;

    public OutboxSignal Signal => host.Services.GetRequiredService<OutboxSignal>();

    /// <summary>A second instance of the same service: its database and virtual host, a broker link of its own.</summary>
    public Task<NotesService> StartAnotherInstanceAsync(IDictionary<string, string?>? settings = null) =>
        StartAsync(settings, shared: (Database, VirtualHost));

    public static async Task<NotesService> StartAsync(
        IDictionary<string, string?>? settings = null, Action<IHostApplicationBuilder>? configure = null, (string Database, Uri VirtualHost)? shared = null, bool existingDatabase = false)
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var database = shared?.Database ?? await infrastructure.CreateDatabaseAsync("notes");
        var vhost = shared?.VirtualHost ?? await infrastructure.CreateVirtualHostAsync("notes");
        var brokerLink = TcpProxy.Start(vhost.Host, vhost.Port);
        var proxied = new UriBuilder(vhost) { Port = brokerLink.Port }.Uri;

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:notes"] = database,
            ["ConnectionStrings:rabbitmq"] = proxied.ToString(),
            ["Database:MigrateOnStart"] = "false",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            ["Messaging:Outbox:PollInterval"] = "00:00:00.200",
            ["Messaging:WaitUntilStarted"] = "true",
            ["Messaging:Outbox:PublishTimeout"] = "00:00:02",
            ["Messaging:Outbox:MaxBackoff"] = "00:00:01",
            ["Messaging:Stream:RetryDelays:0"] = "00:00:00.100",
            ["Messaging:Stream:RetryDelays:1"] = "00:00:00.200",
            ["Messaging:Stream:MaxReconnectDelay"] = "00:00:01",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddPlatformTelemetry();
        builder.AddPlatformDatabase<NotesDbContext>("notes");
        builder.AddPlatformMessaging<NotesDbContext>("notes", stream => stream
            .Handle<NoteAdded, NoteAddedHandler>()
            .Handle<NoteAmended, NoteAmendedHandler>()
            .Handle<NoteRejected, NoteRejectedHandler>()
            .FollowHouseholds<NotesDbContext, RecordingReactions>());
        configure?.Invoke(builder);
        var host = builder.Build();

        if (shared is null && !existingDatabase)
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<NotesDbContext>().Database.EnsureCreatedAsync();
        }

        await host.StartAsync();
        return new NotesService(host, brokerLink, vhost, database);
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

    /// <summary>Adds <paramref name="count"/> notes of as many households and their events in one unit of work (a bulk write).</summary>
    public async Task<IReadOnlyList<Guid>> AddNotesAsync(int count, string text)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
        var ids = new List<Guid>(count);
        for (var i = 0; i < count; i++)
        {
            var note = new Note { Id = Guid.NewGuid(), Text = text };
            db.Notes.Add(note);
            db.AddIntegrationEvent(NewEvent(note.Id), TimeProvider.System);
            ids.Add(note.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    }

    /// <summary>Commits events of any kind in one unit of work, in the given order.</summary>
    public async Task CommitEventsAsync(params Contracts.IIntegrationEvent[] events)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
        foreach (var integrationEvent in events)
        {
            db.AddIntegrationEvent(integrationEvent, TimeProvider.System);
            await db.SaveChangesAsync();
        }
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

    /// <summary>A context on the notes database outside the service (as the service names things: snake_case).</summary>
    public static NotesDbContext Context(string connectionString) =>
        new(new DbContextOptionsBuilder<NotesDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options);

    public Task<int> AppliedCountAsync(Guid noteId) => QueryAsync(db => db.Applied.CountAsync(a => a.NoteId == noteId));

    /// <summary>Publishes straight onto the stream (as another service's outbox would), with the given message id.</summary>
    public async Task PublishDirectAsync(Contracts.IIntegrationEvent message, Guid messageId)
    {
        await using var client = await Stream.EventStreamClient.ConnectAsync(VirtualHost, "notes-tests");
        await client.PublishAsync(message, messageId);
    }

    public async Task StopAsync() => await host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        meters.Dispose();
        await host.StopAsync();
        host.Dispose();
        await BrokerLink.DisposeAsync();
    }
}
