using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Gateway;

/// <summary>
/// Remembers bearer tokens the gateway has validated, keyed by the exact token string, until the token's own expiry,
/// so a client's token is parsed and its signature verified once rather than on every call. A hit still needs the key
/// that verified the token to be one of the keys the request validates with (same instance), so a key no longer
/// trusted is not trusted through the cache either. Refused tokens are never remembered; at most
/// <paramref name="maxEntries"/> tokens are (beyond that, tokens are validated as without the cache).
/// </summary>
public sealed class ValidatedTokenCache(TimeProvider clock, int maxEntries = ValidatedTokenCache.DefaultMaxEntries)
{
    /// <summary>Distinct tokens remembered at most by default (tokens live an hour; clients reuse theirs).</summary>
    public const int DefaultMaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Tokens remembered now (expired ones included until they are swept).</summary>
    public int Count => entries.Count;

    /// <summary>A copy of the result remembered for <paramref name="token"/>, if it is still valid and its key still trusted.</summary>
    public TokenValidationResult? Find(string token, TokenValidationParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!entries.TryGetValue(token, out var entry))
        {
            return null;
        }

        if (clock.GetUtcNow() >= entry.Expires)
        {
            entries.TryRemove(KeyValuePair.Create(token, entry));
            return null;
        }

        if (!Trusts(parameters, entry.SigningKey))
        {
            return null;
        }

        // Each request gets identities of its own: later steps may add claims to the principal.
        return new TokenValidationResult
        {
            IsValid = true,
            ClaimsIdentity = Copy(entry.Identity),
            SecurityToken = entry.Token,
            TokenType = entry.TokenType,
            Issuer = entry.Issuer,
        };
    }

    /// <summary>Remembers a successful validation until the token expires (never a refused or expiry-less one).</summary>
    public void Remember(string token, TokenValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.IsValid || result.ClaimsIdentity is not { } identity || result.SecurityToken is not { SigningKey: { } key } securityToken
            || securityToken.ValidTo == DateTime.MinValue)
        {
            return;
        }

        var expires = new DateTimeOffset(DateTime.SpecifyKind(securityToken.ValidTo, DateTimeKind.Utc));
        if (entries.Count >= maxEntries)
        {
            Sweep();
            if (entries.Count >= maxEntries)
            {
                return;
            }
        }

        entries[token] = new Entry(Copy(identity), securityToken, key, result.TokenType, result.Issuer, expires);
    }

    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (token, entry) in entries)
        {
            if (now >= entry.Expires)
            {
                entries.TryRemove(KeyValuePair.Create(token, entry));
            }
        }
    }

    private static bool Trusts(TokenValidationParameters parameters, SecurityKey key)
    {
        if (ReferenceEquals(parameters.IssuerSigningKey, key))
        {
            return true;
        }

        foreach (var trusted in parameters.IssuerSigningKeys ?? [])
        {
            if (ReferenceEquals(trusted, key))
            {
                return true;
            }
        }

        return false;
    }

    private static ClaimsIdentity Copy(ClaimsIdentity identity) =>
        identity is CaseSensitiveClaimsIdentity ? new CaseSensitiveClaimsIdentity(identity) : new ClaimsIdentity(identity);

    private sealed record Entry(ClaimsIdentity Identity, SecurityToken Token, SecurityKey SigningKey, string? TokenType, string? Issuer, DateTimeOffset Expires);
}

/// <summary>A token handler that asks <see cref="ValidatedTokenCache"/> first and validates with <paramref name="inner"/> otherwise.</summary>
public sealed class CachingTokenHandler(TokenHandler inner, ValidatedTokenCache cache) : TokenHandler
{
    public override int MaximumTokenSizeInBytes
    {
        get => inner.MaximumTokenSizeInBytes;
        set => inner.MaximumTokenSizeInBytes = value;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (token is { Length: > 0 } && cache.Find(token, validationParameters) is { } remembered)
        {
            return remembered;
        }

        var result = await inner.ValidateTokenAsync(token, validationParameters);
        if (token is { Length: > 0 })
        {
            cache.Remember(token, result);
        }

        return result;
    }

    public override Task<TokenValidationResult> ValidateTokenAsync(SecurityToken token, TokenValidationParameters validationParameters) =>
        inner.ValidateTokenAsync(token, validationParameters);

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);
}
