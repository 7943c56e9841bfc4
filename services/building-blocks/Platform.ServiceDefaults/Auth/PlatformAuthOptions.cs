using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// How the platform's bearer tokens are validated (section "Auth"). Tokens are signed by the issuer
/// (the gateway, or an external OpenID Connect provider) with an asymmetric key; a service holds only
/// public keys: it fetches the issuer's published keys (JWKS) from <see cref="Authority"/> and
/// refreshes them, and/or is given <see cref="PublicKeys"/> in configuration. A symmetric key
/// ("Auth:SigningKey", the platform's former shared secret) is refused at start.
/// </summary>
public sealed class PlatformAuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The "iss" every token must carry: the issuer's address, e.g. "https://platform.county.gov.cn/".</summary>
    [Required]
    public string Issuer { get; set; } = string.Empty;

    [Required]
    public string Audience { get; set; } = "platform-api";

    /// <summary>
    /// The issuer's base address, where its discovery document (/.well-known/openid-configuration)
    /// and signing keys (jwks_uri) are fetched: the gateway (e.g. "http://127.0.0.1:8080/" behind it)
    /// or an external OpenID Connect provider. Its tokens must carry the platform's audience and
    /// claims ("role", "scope", and "township", "village" or "pillar" where the role needs one).
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The discovery document's address when it is not under <see cref="Authority"/>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Fetch the discovery document only over HTTPS; default: yes, except in Development.</summary>
    public bool? RequireHttpsMetadata { get; set; }

    /// <summary>How often the issuer's keys are fetched again, so a key the issuer stops publishing is no longer trusted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan KeysRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A token signed with a key not seen yet makes the keys fetched again at once, but at most this often.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan KeysMinimumRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The issuer's public keys, given directly instead of (or as well as) fetched from <see cref="Authority"/>.</summary>
    public List<PublicKeyOptions> PublicKeys { get; init; } = [];

    /// <summary>No longer used: a symmetric key lets whoever reads it mint tokens. A configured one stops the start.</summary>
    public string? SigningKey { get; set; }

    public bool FetchesKeys => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(MetadataAddress);

    /// <summary>The discovery document's address: <see cref="MetadataAddress"/>, else under <see cref="Authority"/>.</summary>
    public Uri? DiscoveryAddress() =>
        !string.IsNullOrWhiteSpace(MetadataAddress) ? new Uri(MetadataAddress, UriKind.Absolute)
        : !string.IsNullOrWhiteSpace(Authority) ? new Uri(new Uri(Authority.TrimEnd('/') + "/", UriKind.Absolute), ".well-known/openid-configuration")
        : null;
}

/// <summary>One public key of the issuer (PEM, "-----BEGIN PUBLIC KEY-----"), inline or in a file.</summary>
public sealed class PublicKeyOptions
{
    /// <summary>The key id ("kid") the issuer's tokens name it by.</summary>
    public string? KeyId { get; set; }

    public string? Pem { get; set; }

    public string? PemFile { get; set; }
}

/// <summary>
/// The data annotations of <see cref="PlatformAuthOptions"/>, checked by generated code rather than by reflection: the
/// reflection <see cref="RangeAttribute"/> over a TimeSpan is not thread-safe (dotnet/runtime#1143) and failed a start
/// now and then when two hosts of one process validated at once.
/// </summary>
[OptionsValidator]
internal sealed partial class PlatformAuthOptionsAnnotations : IValidateOptions<PlatformAuthOptions>;
