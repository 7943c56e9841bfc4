using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// The platform's token keys: RSA (at least 2048 bits, RS256) or EC P-256 (ES256), read from PEM.
/// The issuer signs with private keys; everyone else holds public ones only.
/// </summary>
public static class PlatformKeys
{
    /// <summary>The algorithms a platform token may be signed with: asymmetric only, so no shared secret can mint one.</summary>
    public static readonly IReadOnlyList<string> Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512, SecurityAlgorithms.RsaSsaPssSha256,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384,
    ];

    /// <summary>The PEM of a key given inline or in a file; <paramref name="setting"/> names it in errors.</summary>
    public static string ReadPem(string? pem, string? pemFile, string setting)
    {
        if (!string.IsNullOrWhiteSpace(pem))
        {
            return pem;
        }

        if (string.IsNullOrWhiteSpace(pemFile))
        {
            throw new InvalidOperationException($"{setting}: give the key as Pem or PemFile.");
        }

        if (!File.Exists(pemFile))
        {
            throw new InvalidOperationException($"{setting}: the key file '{pemFile}' does not exist.");
        }

        return File.ReadAllText(pemFile);
    }

    /// <summary>A public key for validation. A private key is refused: a service must never hold one.</summary>
    public static AsymmetricSecurityKey LoadPublic(string pem, string? keyId, string setting)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{setting} holds a private key: give only the issuer's public key (-----BEGIN PUBLIC KEY-----).");
        }

        return Load(pem, keyId, setting);
    }

    /// <summary>A private key for signing (the issuer's).</summary>
    public static AsymmetricSecurityKey LoadPrivate(string pem, string? keyId, string setting)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = Load(pem, keyId, setting);
        if (key.PrivateKeyStatus == PrivateKeyStatus.DoesNotExist)
        {
            throw new InvalidOperationException($"{setting} holds no private key: the issuer signs with it.");
        }

        return key;
    }

    /// <summary>The algorithm the key signs with: RS256 for RSA, ES256 for P-256.</summary>
    public static string AlgorithmOf(SecurityKey key) => key switch
    {
        ECDsaSecurityKey => SecurityAlgorithms.EcdsaSha256,
        _ => SecurityAlgorithms.RsaSha256,
    };

    private static AsymmetricSecurityKey Load(string pem, string? keyId, string setting)
    {
        if (string.IsNullOrWhiteSpace(keyId))
        {
            throw new InvalidOperationException($"{setting}: a KeyId is needed (tokens name their key by it).");
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            if (rsa.KeySize < 2048)
            {
                throw new InvalidOperationException($"{setting}: an RSA key needs at least 2048 bits.");
            }

            return new RsaSecurityKey(rsa) { KeyId = keyId };
        }
        catch (Exception error) when (error is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
        }

        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            if (ec.KeySize != 256)
            {
                throw new InvalidOperationException($"{setting}: an EC key must be on the P-256 curve (ES256).");
            }

            return new ECDsaSecurityKey(ec) { KeyId = keyId };
        }
        catch (Exception error) when (error is ArgumentException or CryptographicException)
        {
            ec.Dispose();
            throw new InvalidOperationException($"{setting} is not an RSA or EC key in PEM form.", error);
        }
    }
}
