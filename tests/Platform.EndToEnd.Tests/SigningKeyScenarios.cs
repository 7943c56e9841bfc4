using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Tokens are signed with the issuer's asymmetric key, which it publishes (discovery document and
/// key set); services validate with public keys only, so no shared secret can mint a token, and a
/// key that rotates out stops being trusted once the issuer no longer publishes it.
/// </summary>
[Collection(PlatformCollection.Name)]
public class SigningKeyScenarios(PlatformFixture platform)
{
    [Fact]
    public async Task The_issuer_signs_with_an_asymmetric_key_that_its_discovery_document_and_key_set_publish()
    {
        using var anonymous = platform.Gateway.CreateHttpClient(token: null);
        var discovery = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative))).RootElement;
        Assert.Equal(TestKeys.Issuer, discovery.GetProperty("issuer").GetString());
        var keySetAddress = new Uri(discovery.GetProperty("jwks_uri").GetString()!);
        Assert.Equal(new Uri(platform.Gateway.HttpAddress, "/.well-known/jwks"), keySetAddress);

        var keySet = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/.well-known/jwks", UriKind.Relative))).RootElement;
        var key = Assert.Single(keySet.GetProperty("keys").EnumerateArray(), k => k.GetProperty("kid").GetString() == TestKeys.Current.KeyId);
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        // The public half only.
        Assert.False(key.TryGetProperty("d", out _));
        Assert.False(key.TryGetProperty("p", out _));

        var token = new JsonWebToken(await platform.TokenAsync());
        Assert.Contains(token.Alg, new[] { SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256 });
        Assert.Equal(TestKeys.Current.KeyId, token.Kid);
        Assert.Equal(TestKeys.Issuer, token.Issuer);
    }

    [Fact]
    public async Task A_token_signed_with_a_symmetric_or_an_unknown_key_is_refused_by_every_service()
    {
        var claims = TestTokens.CountyAdminClaims("county-office").ToList();
        var forged = new Dictionary<string, string>
        {
            // A shared secret, as every service held one before.
            ["HS256 with a secret"] = TestKey.Sign(Symmetric("a-shared-secret-every-service-used-to-hold-0123456789"), "county-office", claims),
            // The classic confusion: the issuer's public key (which anyone can fetch) as an HMAC secret.
            ["HS256 with the public key"] = TestKey.Sign(Symmetric(TestKeys.Current.PublicPem), "county-office", claims),
            ["RS256 with an unknown key"] = TestKey.Create("intruder").Forge("county-office", claims),
            // Another key that claims the published key's id.
            ["RS256 naming the issuer's key id"] = TestKey.Create(TestKeys.Current.KeyId).Forge("county-office", claims),
        };
        var genuine = await platform.TokenAsync();

        var refusals = new List<string>();
        foreach (var (service, http, grpc) in new[]
        {
            ("gateway", platform.Gateway.HttpAddress, platform.Gateway.GrpcAddress),
            ("households", platform.Households.HttpAddress, platform.Households.GrpcAddress),
        })
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/api/households/figures", genuine));
            Assert.Equal(StatusCode.OK, await GrpcStatusAsync(grpc, genuine));
            foreach (var (kind, token) in forged)
            {
                refusals.Add($"{service} REST, {kind}: {await StatusAsync(http, "/api/households/figures", token)}");
                refusals.Add($"{service} gRPC, {kind}: {await GrpcStatusAsync(grpc, token)}");
            }
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(platform.Education.HttpAddress, "/api/education/figures", genuine));
        foreach (var (kind, token) in forged)
        {
            refusals.Add($"education REST, {kind}: {await StatusAsync(platform.Education.HttpAddress, "/api/education/figures", token)}");
        }

        Assert.All(refusals, refusal => Assert.True(
            refusal.EndsWith(": " + HttpStatusCode.Unauthorized, StringComparison.Ordinal) || refusal.EndsWith(": " + StatusCode.Unauthenticated, StringComparison.Ordinal),
            refusal));
    }

    [Fact]
    public async Task A_rotated_out_key_validates_while_the_issuer_publishes_it_and_is_refused_once_it_is_removed()
    {
        var oldKey = TestKey.Create("rotation-old");
        var newKey = TestKey.Create("rotation-new");
        var beforeRotation = StartIssuer(oldKey);
        // The issuer's address, as the service knows it: the same across the issuer's restarts.
        await using var issuerAddress = TcpProxy.Start("127.0.0.1", beforeRotation.HttpPort);
        var infrastructure = await TestInfrastructure.GetAsync();
        await using var released = new ReleasedAtEnd(infrastructure, await infrastructure.CreateVirtualHostAsync("e2e-rotation"));
        await using var households = released.Host(ServiceHost<Households.Program>.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:households"] = await infrastructure.CreateDatabaseAsync("e2e_rotation"),
            ["ConnectionStrings:rabbitmq"] = released.VirtualHost.ToString(),
            // No key in its configuration: it fetches the issuer's published keys.
            ["Auth:PublicKeys:0:KeyId"] = null,
            ["Auth:PublicKeys:0:Pem"] = null,
            ["Auth:Authority"] = $"http://127.0.0.1:{issuerAddress.Port}/",
            ["Auth:RequireHttpsMetadata"] = "false",
            ["Auth:KeysRefreshInterval"] = "00:00:01",
            ["Auth:KeysMinimumRefreshInterval"] = "00:00:00",
        }));
        async Task<HttpStatusCode> AcceptsAsync(string token) => await StatusAsync(households.HttpAddress, "/api/households/figures", token);

        var oldToken = await PlatformFixture.TokenAsync(beforeRotation);
        Assert.Equal(oldKey.KeyId, new JsonWebToken(oldToken).Kid);
        Assert.Equal(HttpStatusCode.OK, await AcceptsAsync(oldToken));

        // Rotation: the new key signs, the old one is still published.
        var duringRotation = StartIssuer(newKey, oldKey);
        issuerAddress.Retarget("127.0.0.1", duringRotation.HttpPort);
        await beforeRotation.DisposeAsync();
        var newToken = await PlatformFixture.TokenAsync(duringRotation);
        Assert.Equal(newKey.KeyId, new JsonWebToken(newToken).Kid);
        Assert.Equal(HttpStatusCode.OK, await AcceptsAsync(newToken));
        Assert.Equal(HttpStatusCode.OK, await AcceptsAsync(oldToken));

        // The old key is removed: once the service has fetched the keys again, its tokens are refused.
        await using var afterRotation = StartIssuer(newKey);
        issuerAddress.Retarget("127.0.0.1", afterRotation.HttpPort);
        await duringRotation.DisposeAsync();
        await Eventually.AssertAsync(
            async () => await AcceptsAsync(oldToken) == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(15),
            "a token of the removed key is refused");
        Assert.Equal(HttpStatusCode.OK, await AcceptsAsync(newToken));
    }

    /// <summary>A gateway signing with <paramref name="current"/> and publishing <paramref name="older"/> as well.</summary>
    private ServiceHost<Gateway.Program> StartIssuer(TestKey current, params TestKey[] older)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (key, index) in older.Prepend(current).Select((key, index) => (key, index)))
        {
            settings[$"Identity:SigningKeys:{index}:KeyId"] = key.KeyId;
            settings[$"Identity:SigningKeys:{index}:Pem"] = key.PrivatePem;
        }

        return PlatformFixture.StartGateway(platform.Households, settings);
    }

    private static SigningCredentials Symmetric(string secret) =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256);

    private static async Task<HttpStatusCode> StatusAsync(Uri address, string path, string token)
    {
        using var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    private static async Task<StatusCode> GrpcStatusAsync(Uri address, string token)
    {
        using var channel = ServiceHost<Gateway.Program>.CreateGrpcChannel(address, token);
        try
        {
            await new HouseholdRegistry.HouseholdRegistryClient(channel).GetHouseholdAsync(new GetHouseholdRequest { HouseholdNumber = "420325099999000001" });
            return StatusCode.OK;
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.NotFound)
        {
            return StatusCode.OK;
        }
        catch (RpcException error)
        {
            return error.StatusCode;
        }
    }
}
