using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Identity;

/// <summary>
/// Section "Identity": the issuer's clients and the portal's users and session. The local start
/// configures demo clients and users (demo-only secrets, appsettings.Development.json); a real
/// deployment sets its own through configuration or the environment, never in the repository.
/// </summary>
public sealed class PlatformIdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>Allow plain HTTP to the token endpoint (local start and tests; TLS terminates elsewhere otherwise).</summary>
    public bool AllowHttp { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A signed-in portal user's session; each proxied call carries a token minted for it, valid this long.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan PortalSessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// When the portal's session cookie is marked Secure: "SameAsRequest" (default: over HTTPS, including
    /// HTTPS a known proxy terminated, see ForwardedHeaders:KnownProxies) or "Always".
    /// </summary>
    public Microsoft.AspNetCore.Http.CookieSecurePolicy PortalCookieSecurePolicy { get; set; } = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;

    /// <summary>
    /// How often a portal session is checked against the user's record: a user removed from
    /// configuration, or whose role or place changed, loses the session at the next check.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SessionRevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts per source address per minute, whatever the user name (brute force).</summary>
    [Range(1, 10_000)]
    public int SignInAttemptsPerMinute { get; set; } = 20;

    /// <summary>
    /// The issuer's private signing keys (PEM): the first signs, the others stay published for
    /// validation until removed (see <see cref="IssuerSigningKeys"/>).
    /// </summary>
    public List<SigningKeyOptions> SigningKeys { get; init; } = [];

    /// <summary>Departmental systems (client credentials), by client id; a client no longer here is disabled at the next start.</summary>
    public Dictionary<string, ClientRegistration> Clients { get; init; } = [];

    /// <summary>
    /// Portal users, by user name: created when missing (the password only then), their role, place
    /// and name brought up to date at every start; users no longer here are disabled.
    /// </summary>
    public Dictionary<string, UserRegistration> Users { get; init; } = [];
}

public sealed class ClientRegistration
{
    public string Secret { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    /// <summary>For a department officer: the pillar it writes.</summary>
    public string? Pillar { get; set; }

    /// <summary>For a township's own system (role township-officer): its 9-digit township code.</summary>
    public string? Township { get; set; }

    /// <summary>For a village's own system (role village-cadre): its 12-digit village code.</summary>
    public string? Village { get; set; }

    /// <summary>The scopes the client may ask for; a request without scopes gets all of them.</summary>
    public List<string> Scopes { get; init; } = [];
}

public sealed class UserRegistration
{
    public string Password { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public string? Township { get; set; }

    public string? Village { get; set; }

    public string? Pillar { get; set; }
}

/// <summary>
/// The data annotations of <see cref="PlatformIdentityOptions"/>, checked by generated code rather than by reflection: the
/// reflection <see cref="RangeAttribute"/> over a TimeSpan is not thread-safe (dotnet/runtime#1143).
/// </summary>
[OptionsValidator]
internal sealed partial class PlatformIdentityOptionsAnnotations : IValidateOptions<PlatformIdentityOptions>;
