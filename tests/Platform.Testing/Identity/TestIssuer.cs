using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Platform.Gateway.Identity;

namespace Platform.Testing;

/// <summary>
/// The platform's real token issuer (a gateway host) for the tests of this process that need tokens
/// but host no gateway of their own: tokens come from its /connect/token (client credentials) and
/// are signed with <see cref="TestKeys.Current"/>, which every test service trusts. Each caller kind
/// (a role, bound to its place where the role has one) is a client registered on first use.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    private static readonly Lazy<Task<TestIssuer>> Shared = new(StartAsync);

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> tokens = new(StringComparer.Ordinal);
    private readonly string secret = "test-client-secret-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private TestIssuer(ServiceHost<Gateway.Program> host) => Host = host;

    public ServiceHost<Gateway.Program> Host { get; }

    /// <summary>The issuer of this test process, started on first use.</summary>
    public static Task<TestIssuer> SharedAsync() => Shared.Value;

    /// <summary>A token for <paramref name="clientId"/>, registered with <paramref name="registration"/> (its secret is the issuer's).</summary>
    public Task<string> TokenAsync(string clientId, ClientRegistration registration) =>
        tokens.GetOrAdd(clientId, id => new Lazy<Task<string>>(() => IssueAsync(id, registration))).Value;

    private async Task<string> IssueAsync(string clientId, ClientRegistration registration)
    {
        registration.Secret = secret;
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            if (await applications.FindByClientIdAsync(clientId) is null)
            {
                await applications.CreateAsync(TokenIssuer.Describe(clientId, registration));
            }
        }

        using var http = Host.CreateHttpClient(token: null);
        using var response = await http.PostAsync(
            new Uri(TokenIssuer.TokenPath, UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = secret,
            }));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"The test issuer refused a token to {clientId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var answer = await response.Content.ReadFromJsonAsync<TokenResponse>()
            ?? throw new InvalidOperationException("The test issuer answered without a body.");
        return answer.AccessToken;
    }

    private static async Task<TestIssuer> StartAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:identity"] = await infrastructure.CreateDatabaseAsync("test_issuer"),
            ["Identity:AllowHttp"] = "true",
            // Long enough for any test run: a test holds its token as long as it likes.
            ["Identity:AccessTokenLifetime"] = "12:00:00",
            ["RateLimiting:PermitsPerSecond"] = "10000",
            ["RateLimiting:Burst"] = "10000",
        };
        // It routes nowhere: no health probes of the local start's addresses.
        GatewayProbes.OffForUnroutedClusters(settings);

        return new TestIssuer(ServiceHost<Gateway.Program>.Start(settings));
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken);
}
