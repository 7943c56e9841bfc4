using System.Security.Claims;
using Platform.Gateway.Identity;
using Platform.ServiceDefaults.Auth;

namespace Platform.Testing;

/// <summary>
/// Tokens for tests, from the platform's issuer (<see cref="TestIssuer"/>, client credentials), one
/// client per caller kind. Only the tokens no issuer would give (expired, for another audience, signed
/// with an unknown or a symmetric key) are forged, as an attacker would.
/// </summary>
public static class TestTokens
{
    /// <summary>The county office: reads and writes everything.</summary>
    public static string CountyOffice() =>
        Issue("county-office", new ClientRegistration { Role = PlatformRoles.CountyAdmin, Scopes = [.. PlatformScopes.All] });

    /// <summary>
    /// A caller in one role with the scopes that role is granted, bound to a township or village code
    /// where the role needs one, or to a pillar for a department officer (the education bureau's unless
    /// another is named). Its subject and client id are "{role}-{place}" ("auditor-county").
    /// </summary>
    public static string ForRole(string role, string? township = null, string? village = null, string? pillar = null)
    {
        if (role == PlatformRoles.DepartmentOfficer)
        {
            pillar ??= PlatformScopes.Education;
        }

        return Issue(
            $"{role}-{township ?? village ?? pillar ?? "county"}",
            new ClientRegistration
            {
                Role = role,
                Township = township,
                Village = village,
                Pillar = pillar,
                Scopes = [.. PlatformScopes.ForRole(role, pillar)],
            });
    }

    /// <summary>A county administrator's token without any scope.</summary>
    public static string WithoutScopes() =>
        Issue("county-office-without-scopes", new ClientRegistration { Role = PlatformRoles.CountyAdmin });

    /// <summary>A well-formed county-admin token signed with a key the issuer never published.</summary>
    public static string WronglySigned() => TestKey.Create("intruder-key").Forge("intruder", CountyAdminClaims("intruder"));

    /// <summary>The county office's token for another API (audience), signed with the issuer's key.</summary>
    public static string WrongAudience() =>
        TestKeys.Current.Forge("county-office", CountyAdminClaims("county-office"), audience: "another-api");

    /// <summary>The county office's token, expired ten minutes ago, signed with the issuer's key.</summary>
    public static string Expired() =>
        TestKeys.Current.Forge(
            "county-office", CountyAdminClaims("county-office"), issuedAt: DateTimeOffset.UtcNow.AddMinutes(-15), lifetime: TimeSpan.FromMinutes(5));

    /// <summary>The claims of a county administrator's token with every scope.</summary>
    public static IEnumerable<Claim> CountyAdminClaims(string clientId) =>
    [
        new(PlatformClaims.ClientId, clientId),
        new(PlatformClaims.Role, PlatformRoles.CountyAdmin),
        new(PlatformClaims.Scope, string.Join(' ', PlatformScopes.All)),
    ];

    private static string Issue(string clientId, ClientRegistration registration) =>
        // Off the test's synchronization context: the issuer may have to start first.
        Task.Run(async () => await (await TestIssuer.SharedAsync()).TokenAsync(clientId, registration)).GetAwaiter().GetResult();
}
