using System.Collections.Concurrent;
using System.Text.Json;

namespace Platform.EndToEnd.Tests.Portal;

/// <summary>
/// The portal's test classes share one county and one browser, and run one after another, beside the other test
/// collections of this assembly (they wait on conditions, not on time; the dashboard's load time, which would measure
/// the neighbours, is measured apart: <see cref="PortalLoadTimeCollection"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}

/// <summary>What the API answers a signed-in user (the portal's own session, as a browser holds it): the figures the pages must show.</summary>
public sealed class PortalApi(PortalFixture portal)
{
    private readonly ConcurrentDictionary<string, Task<HttpClient>> clients = new();

    public async Task<JsonElement> GetAsync(string user, string path)
    {
        var http = await clients.GetOrAdd(user, u => PortalUser.SignInAsync(portal.Gateway, u));
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{user} GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public async Task<HttpClient> ClientAsync(string user) => await clients.GetOrAdd(user, u => PortalUser.SignInAsync(portal.Gateway, u));
}
