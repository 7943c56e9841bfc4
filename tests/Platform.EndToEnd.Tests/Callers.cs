using System.Net;
using Grpc.Net.Client;
using Platform.DemoCounty.Cli;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The platform's callers as they really reach it, with credentials from the gateway's issuer only: a
/// portal user signed in to a session (the cookie, for REST and for gRPC alike), a departmental client
/// with a client-credentials token. "client:education-bureau" names a client, anything else a portal user.
/// </summary>
public sealed class Callers(ServiceHost<Gateway.Program> gateway)
{
    public const string ClientPrefix = "client:";

    /// <summary>Every portal user and client of the test gateways (<see cref="PlatformFixture"/>), one per role and place.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "admin", "officer", "township", "village", "education", "auditor",
        ClientPrefix + "county-office", ClientPrefix + "education-bureau", ClientPrefix + "industry-bureau",
    ];

    public static bool IsClient(string caller) => caller.StartsWith(ClientPrefix, StringComparison.Ordinal);

    /// <summary>A REST client: the session of a signed-in portal user, or a client's bearer token.</summary>
    public async Task<HttpClient> RestAsync(string caller) => IsClient(caller)
        ? gateway.CreateHttpClient(await ClientTokenAsync(caller[ClientPrefix.Length..]))
        : await PortalUser.SignInAsync(gateway, caller);

    /// <summary>
    /// A gRPC channel to the gateway's HTTP/2 port: a client's bearer token, or a portal user's session
    /// cookie with the portal's header (what a signed-in browser session could send).
    /// </summary>
    public async Task<GrpcChannel> GrpcAsync(string caller)
    {
        if (IsClient(caller))
        {
            return ServiceHost<Gateway.Program>.CreateGrpcChannel(gateway.GrpcAddress, await ClientTokenAsync(caller[ClientPrefix.Length..]));
        }

        var cookies = new CookieContainer();
        using (var session = await PortalUser.SignInAsync(gateway, caller, cookies))
        {
        }

        return GrpcChannel.ForAddress(gateway.GrpcAddress, new GrpcChannelOptions
        {
            HttpHandler = new PortalHeader(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true }),
        });
    }

    public async Task<string> ClientTokenAsync(string clientId)
    {
        using var http = gateway.CreateHttpClient(token: null);
        var secret = clientId == "county-office" ? PlatformFixture.DemoClientSecret : clientId + "-e2e-secret";
        return await GatewayClient.GetClientCredentialsTokenAsync(http, new Uri(gateway.HttpAddress, "/connect/token"), clientId, secret, CancellationToken.None);
    }

    private sealed class PortalHeader(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Platform-Portal", "1");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
