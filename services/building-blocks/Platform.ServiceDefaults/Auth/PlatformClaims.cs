namespace Platform.ServiceDefaults.Auth;

/// <summary>Claim types the platform's tokens carry.</summary>
public static class PlatformClaims
{
    public const string ClientId = "client_id";

    public const string Role = "role";

    public const string Scope = "scope";

    public const string Subject = "sub";

    /// <summary>
    /// Who acts, for records, idempotency keys and rate limits: the signed-in person of a portal
    /// session, else the departmental client; null for an anonymous caller.
    /// </summary>
    public static string? Actor(System.Security.Claims.ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(Subject)?.Value ?? user.FindFirst(ClientId)?.Value;
    }
}
