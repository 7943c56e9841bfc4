using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.Testing;

/// <summary>The few calls of the RabbitMQ management HTTP API the tests (and the fault harness) need.</summary>
public sealed class RabbitMqManagement : IDisposable
{
    private readonly HttpClient http;

    public RabbitMqManagement(Uri managementUri, string user, string password)
    {
        http = new HttpClient { BaseAddress = managementUri, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }

    public async Task CreateVirtualHostAsync(string vhost, string user)
    {
        using (var created = await http.PutAsJsonAsync($"api/vhosts/{Escape(vhost)}", new { }))
        {
            await EnsureSuccessAsync(created, $"create vhost {vhost}");
        }

        var permissions = new { configure = ".*", write = ".*", read = ".*" };
        using var granted = await http.PutAsJsonAsync($"api/permissions/{Escape(vhost)}/{Escape(user)}", permissions);
        await EnsureSuccessAsync(granted, $"grant {user} permissions on vhost {vhost}");
    }

    /// <summary>Deletes a vhost with its exchanges and queues; one already gone is fine.</summary>
    public async Task DeleteVirtualHostAsync(string vhost)
    {
        using var deleted = await http.DeleteAsync(new Uri($"api/vhosts/{Escape(vhost)}", UriKind.Relative));
        if (deleted.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(deleted, $"delete vhost {vhost}");
        }
    }

    /// <summary>Messages ready plus unacknowledged; 0 if the queue does not exist.</summary>
    public async Task<long> CountMessagesAsync(string vhost, string queue)
    {
        using var response = await http.GetAsync(new Uri($"api/queues/{Escape(vhost)}/{Escape(queue)}", UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return 0;
        }

        await EnsureSuccessAsync(response, $"read queue {queue} in vhost {vhost}");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        // Right after a declare the statistics are not there yet: no "messages" means none counted.
        return document.RootElement.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Number
            ? messages.GetInt64()
            : 0;
    }

    /// <summary>Messages (ready plus unacknowledged) in every queue of the vhost, by queue name.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountAllMessagesAsync(string vhost)
    {
        using var response = await http.GetAsync(new Uri($"api/queues/{Escape(vhost)}?columns=name,messages", UriKind.Relative));
        await EnsureSuccessAsync(response, $"list the queues of vhost {vhost}");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.EnumerateArray().ToDictionary(
            queue => queue.GetProperty("name").GetString()!,
            queue => queue.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Number ? messages.GetInt64() : 0);
    }

    /// <summary>Messages published into the vhost so far, by every publisher (the broker's statistics; 0 before any).</summary>
    public async Task<long> CountPublishedAsync(string vhost)
    {
        using var response = await http.GetAsync(new Uri($"api/vhosts/{Escape(vhost)}", UriKind.Relative));
        await EnsureSuccessAsync(response, $"read vhost {vhost}");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.TryGetProperty("message_stats", out var stats) && stats.TryGetProperty("publish", out var published) && published.ValueKind == JsonValueKind.Number
            ? published.GetInt64()
            : 0;
    }

    public void Dispose() => http.Dispose();

    /// <summary>A vhost or queue name as one path segment ("/" becomes %2F).</summary>
    public static string Escape(string name) => Uri.EscapeDataString(name);

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new HttpRequestException(
                $"RabbitMQ management API: could not {what}: {(int)response.StatusCode} {response.ReasonPhrase} {body}",
                inner: null,
                response.StatusCode);
        }
    }
}
