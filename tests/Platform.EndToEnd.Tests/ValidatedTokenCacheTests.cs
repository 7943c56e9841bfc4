using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Gateway;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>The gateway verifies a client's token once and remembers it until it expires, never beyond what validation allows.</summary>
public class ValidatedTokenCacheTests
{
    private static readonly TestKey Issuer = TestKey.Create("cache-test-issuer");

    private readonly ManualClock clock = new(DateTimeOffset.UtcNow);
    private readonly CountingHandler verifier = new();

    [Fact]
    public async Task A_token_is_verified_once_and_then_remembered_until_it_expires()
    {
        var handler = new CachingTokenHandler(verifier, new ValidatedTokenCache(clock));
        var token = Issuer.Forge("county-office", TestTokens.CountyAdminClaims("county-office"), lifetime: TimeSpan.FromMinutes(5));

        var first = await handler.ValidateTokenAsync(token, Parameters(Issuer));
        var second = await handler.ValidateTokenAsync(token, Parameters(Issuer));

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, verifier.Calls);
        Assert.Equal(PlatformRoles.CountyAdmin, second.ClaimsIdentity.FindFirst(PlatformClaims.Role)?.Value);
        Assert.Equal("county-office", second.ClaimsIdentity.FindFirst(PlatformClaims.ClientId)?.Value);
        Assert.Same(first.SecurityToken, second.SecurityToken);

        // Past the token's own expiry the cache has nothing: the token is validated again.
        clock.Advance(TimeSpan.FromMinutes(6));
        await handler.ValidateTokenAsync(token, Parameters(Issuer));
        Assert.Equal(2, verifier.Calls);
    }

    [Fact]
    public async Task A_refused_token_is_never_remembered()
    {
        var handler = new CachingTokenHandler(verifier, new ValidatedTokenCache(clock));
        var forged = TestKey.Create("intruder").Forge("intruder", TestTokens.CountyAdminClaims("intruder"));

        Assert.False((await handler.ValidateTokenAsync(forged, Parameters(Issuer))).IsValid);
        Assert.False((await handler.ValidateTokenAsync(forged, Parameters(Issuer))).IsValid);
        Assert.Equal(2, verifier.Calls);
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_its_key_is_no_longer_trusted()
    {
        var handler = new CachingTokenHandler(verifier, new ValidatedTokenCache(clock));
        var token = Issuer.Forge("county-office", TestTokens.CountyAdminClaims("county-office"));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(Issuer))).IsValid);

        var rotated = await handler.ValidateTokenAsync(token, Parameters(TestKey.Create("next-issuer-key")));

        Assert.False(rotated.IsValid);
        Assert.Equal(2, verifier.Calls);
    }

    [Fact]
    public async Task Each_request_gets_an_identity_of_its_own()
    {
        var handler = new CachingTokenHandler(verifier, new ValidatedTokenCache(clock));
        var token = Issuer.Forge("county-office", TestTokens.CountyAdminClaims("county-office"));
        var first = await handler.ValidateTokenAsync(token, Parameters(Issuer));

        first.ClaimsIdentity.AddClaim(new Claim(PlatformClaims.Role, PlatformRoles.Auditor));
        var second = await handler.ValidateTokenAsync(token, Parameters(Issuer));

        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Single(second.ClaimsIdentity.FindAll(PlatformClaims.Role));
        Assert.Equal(1, verifier.Calls);
    }

    [Fact]
    public async Task The_cache_holds_a_bounded_number_of_tokens()
    {
        var cache = new ValidatedTokenCache(clock, maxEntries: 2);
        var handler = new CachingTokenHandler(verifier, cache);
        var tokens = Enumerable.Range(0, 3).Select(i => Issuer.Forge($"client-{i}", TestTokens.CountyAdminClaims($"client-{i}"), lifetime: TimeSpan.FromMinutes(5 + i))).ToList();
        foreach (var token in tokens)
        {
            Assert.True((await handler.ValidateTokenAsync(token, Parameters(Issuer))).IsValid);
        }

        Assert.Equal(2, cache.Count);

        // The third was validated but not remembered; once the first expires, room is made for it.
        Assert.True((await handler.ValidateTokenAsync(tokens[2], Parameters(Issuer))).IsValid);
        Assert.Equal(4, verifier.Calls);
        clock.Advance(TimeSpan.FromMinutes(5.5));
        await handler.ValidateTokenAsync(tokens[2], Parameters(Issuer));
        await handler.ValidateTokenAsync(tokens[2], Parameters(Issuer));
        Assert.Equal(5, verifier.Calls);
    }

    private static TokenValidationParameters Parameters(TestKey trusted) => new()
    {
        ValidIssuer = TestKeys.Issuer,
        ValidAudience = TestKeys.Audience,
        IssuerSigningKeys = [trusted.Credentials.Key],
        ValidAlgorithms = PlatformKeys.Algorithms,
        ValidateIssuerSigningKey = true,
    };

    /// <summary>The library's JWT handler, counting the validations it does.</summary>
    private sealed class CountingHandler : TokenHandler
    {
        private readonly JsonWebTokenHandler inner = new() { MapInboundClaims = false };
        private int calls;

        public int Calls => calls;

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Interlocked.Increment(ref calls);
            return inner.ValidateTokenAsync(token, validationParameters);
        }
    }
}
