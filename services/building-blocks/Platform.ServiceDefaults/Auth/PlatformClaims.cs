namespace Platform.ServiceDefaults.Auth;

/// <summary>Claim types the platform's tokens carry.</summary>
public static class PlatformClaims
{
    public const string ClientId = "client_id";

    public const string Role = "role";

    public const string Scope = "scope";
}
