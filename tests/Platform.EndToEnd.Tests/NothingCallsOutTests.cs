using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Net.Http.Json;
using Platform.Contracts.People;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// A government system calls nothing it was not configured to call: from start to a registration that
/// crosses the event stream, the registry, education and the gateway resolve no name and open no
/// connection but to the loopback servers they were given (no usage telemetry, no update checks).
/// </summary>
public sealed class NothingCallsOutTests
{
    [Fact]
    public async Task From_start_to_a_registration_every_lookup_and_connection_stays_on_loopback()
    {
        using var network = new NetworkListener();
        var infrastructure = await TestInfrastructure.GetAsync();
        var vhost = await infrastructure.CreateVirtualHostAsync("nothing_out");
        await using var released = new ReleasedAtEnd(infrastructure, vhost);
        await using var households = released.Host(ServiceHost<Households.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("nothing_out_households"),
            ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
        }));
        await using var education = released.Host(ServiceHost<Education.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:education"] = await infrastructure.CreateDatabaseAsync("nothing_out_education"),
            ["ConnectionStrings:rabbitmq"] = vhost.ToString(),
        }));
        await using var gateway = PlatformFixture.StartGateway(households, new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:education:Destinations:primary:Address"] = education.HttpAddress.ToString(),
        });

        using var http = gateway.CreateHttpClient(TestTokens.CountyOffice());
        using var channel = households.CreateGrpcChannel(TestTokens.CountyOffice());
        var villages = new Platform.Contracts.Grpc.Households.V1.ImportVillagesRequest
        {
            Townships = { new Platform.Contracts.Grpc.Households.V1.TownshipRecord { Code = "420325001", Name = "城关镇" } },
            Villages = { new Platform.Contracts.Grpc.Households.V1.VillageRecord { Code = "420325001001", Name = "东城村", TownshipCode = "420325001", RuralPopulation = 900 } },
        };
        await new Platform.Contracts.Grpc.Households.V1.HouseholdRegistry.HouseholdRegistryClient(channel).ImportVillagesAsync(villages);
        using var registered = await http.PostAsJsonAsync("/api/households", new
        {
            householdNumber = "OUT" + Guid.NewGuid().ToString("N")[..8], villageCode = "420325001001", status = "poor", mainCause = "illness", registeredYear = 2016,
            members = new[] { new { idNumber = ResidentIdNumber.Create("420325", new DateOnly(1970, 1, 2), 333).Value, name = "黄忠", relation = "户主" } },
        });
        registered.EnsureSuccessStatusCode();
        Assert.Equal(0, await StreamDrain.WaitAsync(infrastructure, vhost, TimeSpan.FromSeconds(60)));

        Assert.NotEmpty(network.Connections); // the listener saw the platform's own connections
        Assert.All(network.Names, name => Assert.True(IsLoopback(name), $"resolved {name}"));
        Assert.All(network.Connections, address => Assert.True(IsLoopbackSocketAddress(address), $"connected to {address}"));
        Assert.All(network.HttpHosts, host => Assert.True(IsLoopback(host), $"HTTP request to {host}"));
    }

    private static bool IsLoopback(string name) =>
        name is "localhost" or "127.0.0.1" or "::1" or "[::1]" || name.StartsWith("127.", StringComparison.Ordinal);

    // The sockets event source writes addresses as "InterNetwork:16:{port,port,127,0,0,1,...}" or
    // "InterNetworkV6:28:{port,port,flow×4,address×16,scope×4}" (the bytes after the address family).
    private static bool IsLoopbackSocketAddress(string address)
    {
        var open = address.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            return false;
        }

        var bytes = address[(open + 1)..].TrimEnd('}').Split(',').Select(b => byte.Parse(b.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (address.StartsWith("InterNetworkV6", StringComparison.Ordinal))
        {
            // ::1, or ::ffff:127.x.x.x
            var ip = bytes.Skip(6).Take(16).ToArray();
            return ip.Take(15).All(b => b == 0) && ip[15] == 1 || (ip.Take(10).All(b => b == 0) && ip[10] == 0xff && ip[11] == 0xff && ip[12] == 127);
        }

        return address.StartsWith("InterNetwork", StringComparison.Ordinal) && bytes.Length > 2 && bytes[2] == 127;
    }

    /// <summary>Name lookups, socket connects and HTTP requests of the whole process, from the runtime's own event sources.</summary>
    private sealed class NetworkListener : EventListener
    {
        public ConcurrentBag<string> Names { get; } = [];

        public ConcurrentBag<string> Connections { get; } = [];

        public ConcurrentBag<string> HttpHosts { get; } = [];

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name is "System.Net.NameResolution" or "System.Net.Sockets" or "System.Net.Http")
            {
                EnableEvents(eventSource, EventLevel.Informational);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            var payload = eventData.PayloadNames?.Zip(eventData.Payload ?? []).ToDictionary(p => p.First, p => p.Second) ?? [];
            switch (eventData.EventSource.Name, eventData.EventName)
            {
                case ("System.Net.NameResolution", "ResolutionStart") when payload.TryGetValue("hostNameOrAddress", out var name):
                    Names.Add(name?.ToString() ?? string.Empty);
                    break;
                case ("System.Net.Sockets", "ConnectStart") when payload.TryGetValue("address", out var address):
                    Connections.Add(address?.ToString() ?? string.Empty);
                    break;
                case ("System.Net.Http", "RequestStart") when payload.TryGetValue("host", out var host):
                    HttpHosts.Add(host?.ToString() ?? string.Empty);
                    break;
            }
        }
    }
}
