using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// Mints the platform's signed bearer tokens in the issuer's format: the gateway's portal session
/// (a signed-in user's calls) and the tests. Departmental clients get theirs from /connect/token.
/// <paramref name="subject"/> is the user for a portal session; the client itself otherwise.
/// </summary>
public static class PlatformTokens
{
    private static readonly JsonWebTokenHandler Handler = new();

    public static string Create(
        PlatformAuthOptions options,
        string clientId,
        IEnumerable<string> roles,
        IEnumerable<string> scopes,
        TimeSpan lifetime,
        TimeProvider? clock = null,
        IEnumerable<KeyValuePair<string, string>>? places = null,
        string? subject = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, subject ?? clientId),
            new(PlatformClaims.ClientId, clientId),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        claims.AddRange(roles.Select(r => new Claim(PlatformClaims.Role, r)));
        // Data scope: "township" or "village" code for the roles bound to a place, "pillar" for departments.
        claims.AddRange((places ?? []).Select(c => new Claim(c.Key, c.Value)));
        var scopeList = string.Join(' ', scopes);
        if (scopeList.Length > 0)
        {
            claims.Add(new Claim(PlatformClaims.Scope, scopeList));
        }

        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now.AddSeconds(-5),
            IssuedAt = now,
            Expires = now.Add(lifetime),
            SigningCredentials = new SigningCredentials(options.CreateSecurityKey(), SecurityAlgorithms.HmacSha256),
        });
    }
}
