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

    /// <summary>
    /// The caller's way in, REST and gRPC (to the gateway's HTTP/2 port): a client's bearer token, or one
    /// portal session (one sign-in) whose cookie and portal header go with both, as a browser session's would.
    /// </summary>
    public async Task<Session> OpenAsync(string caller)
    {
        if (IsClient(caller))
        {
            var token = await ClientTokenAsync(caller[ClientPrefix.Length..]);
            return new Session(gateway.CreateHttpClient(token), () => ServiceHost<Gateway.Program>.CreateGrpcChannel(gateway.GrpcAddress, token));
        }

        var cookies = new CookieContainer();
        var rest = await PortalUser.SignInAsync(gateway, caller, cookies: cookies);
        return new Session(rest, () => GrpcChannel.ForAddress(gateway.GrpcAddress, new GrpcChannelOptions
        {
            HttpHandler = new Platform.BadInput.PortalHeaderHandler(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true }),
        }));
    }

    public async Task<string> ClientTokenAsync(string clientId)
    {
        using var http = gateway.CreateHttpClient(token: null);
        var secret = clientId == "county-office" ? PlatformFixture.DemoClientSecret : clientId + "-e2e-secret";
        return await GatewayClient.GetClientCredentialsTokenAsync(http, new Uri(gateway.HttpAddress, "/connect/token"), clientId, secret, CancellationToken.None);
    }

    public sealed class Session(HttpClient rest, Func<GrpcChannel> newGrpcChannel) : IDisposable
    {
        public HttpClient Rest { get; } = rest;

        public GrpcChannel Grpc { get; } = newGrpcChannel();

        /// <summary>Another gRPC connection with the same credentials.</summary>
        public Func<GrpcChannel> NewGrpcChannel { get; } = newGrpcChannel;

        public void Dispose()
        {
            Rest.Dispose();
            Grpc.Dispose();
        }
    }
}
