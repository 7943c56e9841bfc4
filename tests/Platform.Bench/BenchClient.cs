using System.Security.Cryptography;
using Platform.DemoCounty.Cli;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;
using GatewayProgram = Platform.Gateway.Program;

namespace Platform.Bench;

/// <summary>The bench's departmental client: registered at the bench's gateway, its token from /connect/token.</summary>
internal static class BenchClient
{
    private const string Id = "bench-county-office";

    private static readonly string Secret = "bench-only-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>Gateway settings that register the client (county administrator, every scope).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Identity:AllowHttp", "true"),
        new($"Identity:Clients:{Id}:Secret", Secret),
        new($"Identity:Clients:{Id}:Role", PlatformRoles.CountyAdmin),
        .. PlatformScopes.All.Select((scope, index) => new KeyValuePair<string, string?>($"Identity:Clients:{Id}:Scopes:{index}", scope)),
    ];

    public static Task<string> TokenAsync(ServiceHost<GatewayProgram> gateway) => TokenAsync(gateway.HttpAddress);

    /// <summary>A token from the gateway at <paramref name="gatewayHttp"/>, wherever it runs.</summary>
    public static async Task<string> TokenAsync(Uri gatewayHttp)
    {
        using var http = new HttpClient { BaseAddress = gatewayHttp, Timeout = TimeSpan.FromSeconds(60) };
        return await GatewayClient.GetClientCredentialsTokenAsync(http, new Uri(gatewayHttp, "/connect/token"), Id, Secret, CancellationToken.None);
    }
}
