using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// How the platform's bearer tokens are validated (section "Auth"). The local start ships a
/// demo-only signing key; any real deployment sets its own through configuration or the environment.
/// </summary>
public sealed class PlatformAuthOptions
{
    public const string SectionName = "Auth";

    [Required]
    public string Issuer { get; set; } = "platform";

    [Required]
    public string Audience { get; set; } = "platform-api";

    /// <summary>Symmetric signing key, at least 32 bytes of UTF-8.</summary>
    [Required]
    [MinLength(32)]
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>
    /// An external OpenID Connect provider to trust as well (production: the province's or the
    /// county's identity provider), by its issuer address: its discovery document and signing keys
    /// are fetched from there. Its tokens must carry the platform's audience and claims ("role",
    /// "scope", and "township", "village" or "pillar" where the role needs one).
    /// </summary>
    public string? Authority { get; set; }

    public SymmetricSecurityKey CreateSecurityKey() => new(Encoding.UTF8.GetBytes(SigningKey));
}
