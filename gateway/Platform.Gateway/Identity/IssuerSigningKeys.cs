using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Auth;

namespace Platform.Gateway.Identity;

/// <summary>
/// The issuer's signing keys ("Identity:SigningKeys", private keys in PEM): the first signs every
/// token; the others are older keys still published in the key set (/.well-known/jwks) so that
/// tokens they signed validate until they expire. Rotation: add the new key first, keep the old one
/// below it for at least a token lifetime plus the services' key refresh interval, then remove it.
/// </summary>
public sealed class IssuerSigningKeys
{
    public IssuerSigningKeys(IOptions<PlatformIdentityOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        All = [.. options.Value.SigningKeys.Select((key, index) =>
        {
            var setting = $"Identity:SigningKeys:{index}";
            return PlatformKeys.LoadPrivate(PlatformKeys.ReadPem(key.Pem, key.PemFile, setting), key.KeyId, setting);
        })];
        if (All.Count == 0)
        {
            throw new InvalidOperationException(
                "Identity:SigningKeys is empty: the issuer needs at least one private key (RSA of 2048 bits or more, or EC P-256) in PEM form.");
        }

        if (All.Select(k => k.KeyId).Distinct(StringComparer.Ordinal).Count() != All.Count)
        {
            throw new InvalidOperationException("Identity:SigningKeys: every key needs its own KeyId.");
        }

        Current = new SigningCredentials(All[0], PlatformKeys.AlgorithmOf(All[0]));
    }

    /// <summary>Every configured key, the current signer first.</summary>
    public IReadOnlyList<AsymmetricSecurityKey> All { get; }

    /// <summary>The key new tokens are signed with.</summary>
    public SigningCredentials Current { get; }

    /// <summary>The public halves, which the gateway itself validates bearer tokens with.</summary>
    public IReadOnlyList<SecurityKey> PublicKeys() => [.. All.Select(Public)];

    private static SecurityKey Public(AsymmetricSecurityKey key) => key switch
    {
        RsaSecurityKey { Rsa: { } rsa } => new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)) { KeyId = key.KeyId },
        ECDsaSecurityKey { ECDsa: { } ec } => new ECDsaSecurityKey(ECDsa.Create(ec.ExportParameters(includePrivateParameters: false))) { KeyId = key.KeyId },
        _ => throw new InvalidOperationException($"Unexpected key type {key.GetType().Name}."),
    };
}

/// <summary>One private signing key of the issuer, inline (Pem) or in a file (PemFile).</summary>
public sealed class SigningKeyOptions
{
    public string? KeyId { get; set; }

    public string? Pem { get; set; }

    public string? PemFile { get; set; }
}

/// <summary>
/// Access tokens the gateway mints itself: for each call a signed-in portal user makes through it
/// (backend for frontend). Same format and key as the tokens /connect/token issues.
/// </summary>
public static class PortalAccessTokens
{
    private static readonly JsonWebTokenHandler Handler = new();

    public static string Create(
        SigningCredentials signing,
        PlatformAuthOptions auth,
        string subject,
        IEnumerable<Claim> claims,
        TimeSpan lifetime,
        TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var identity = new ClaimsIdentity(claims);
        identity.AddClaim(new Claim(JwtRegisteredClaimNames.Sub, subject));
        identity.AddClaim(new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")));
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            Subject = identity,
            NotBefore = now.AddSeconds(-5),
            IssuedAt = now,
            Expires = now.Add(lifetime),
            SigningCredentials = signing,
        });
    }
}
