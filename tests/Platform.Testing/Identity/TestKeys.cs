using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Testing;

/// <summary>
/// The test run's token issuer identity: one RSA key pair per test process (test-only, never
/// written anywhere). Every test gateway signs with its private half; every service is given only
/// its public half, as a real deployment would be.
/// </summary>
public static class TestKeys
{
    public const string Issuer = "https://platform-tests.local/";

    public const string Audience = "platform-api";

    /// <summary>The key every test gateway signs with.</summary>
    public static TestKey Current { get; } = TestKey.Create("test-issuer-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Settings of a service: the issuer, the audience and the issuer's public key.</summary>
    public static IReadOnlyDictionary<string, string?> ServiceSettings { get; } = new Dictionary<string, string?>
    {
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
        ["Auth:PublicKeys:0:KeyId"] = Current.KeyId,
        ["Auth:PublicKeys:0:Pem"] = Current.PublicPem,
    };

    /// <summary>Settings of a gateway (the issuer): the service settings and the private signing key.</summary>
    public static IReadOnlyDictionary<string, string?> IssuerSettings { get; } = new Dictionary<string, string?>(ServiceSettings)
    {
        ["Identity:SigningKeys:0:KeyId"] = Current.KeyId,
        ["Identity:SigningKeys:0:Pem"] = Current.PrivatePem,
    };
}

/// <summary>An RSA key pair for tests, with its key id.</summary>
public sealed class TestKey
{
    private static readonly JsonWebTokenHandler Handler = new();

    private TestKey(string keyId, RSA rsa)
    {
        KeyId = keyId;
        PrivatePem = rsa.ExportPkcs8PrivateKeyPem();
        PublicPem = rsa.ExportSubjectPublicKeyInfoPem();
        Credentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = keyId }, SecurityAlgorithms.RsaSha256);
    }

    public string KeyId { get; }

    public string PrivatePem { get; }

    public string PublicPem { get; }

    public SigningCredentials Credentials { get; }

    public static TestKey Create(string keyId) => new(keyId, RSA.Create(2048));

    /// <summary>
    /// A token signed with this key, built by hand: only for tokens an issuer would never give
    /// (expired, for another audience, signed with a key nobody published) — what an attacker holds.
    /// </summary>
    public string Forge(
        string subject,
        IEnumerable<Claim> claims,
        string issuer = TestKeys.Issuer,
        string audience = TestKeys.Audience,
        DateTimeOffset? issuedAt = null,
        TimeSpan? lifetime = null) => Sign(Credentials, subject, claims, issuer, audience, issuedAt, lifetime);

    /// <summary>A token signed with <paramref name="credentials"/> (e.g. a symmetric key), built by hand.</summary>
    public static string Sign(
        SigningCredentials credentials,
        string subject,
        IEnumerable<Claim> claims,
        string issuer = TestKeys.Issuer,
        string audience = TestKeys.Audience,
        DateTimeOffset? issuedAt = null,
        TimeSpan? lifetime = null)
    {
        var now = (issuedAt ?? DateTimeOffset.UtcNow).UtcDateTime;
        var identity = new ClaimsIdentity(claims);
        identity.AddClaim(new Claim(JwtRegisteredClaimNames.Sub, subject));
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = identity,
            NotBefore = now.AddSeconds(-5),
            IssuedAt = now,
            Expires = now.Add(lifetime ?? TimeSpan.FromHours(1)),
            SigningCredentials = credentials,
        });
    }
}
