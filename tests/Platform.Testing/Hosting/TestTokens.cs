using Platform.ServiceDefaults.Auth;

namespace Platform.Testing;

/// <summary>The test run's signing key and tokens minted with it.</summary>
public static class TestTokens
{
    public static readonly PlatformAuthOptions Auth = new()
    {
        Issuer = "https://platform-tests.local/",
        Audience = "platform-api",
        SigningKey = "test-only-signing-key-" + Guid.NewGuid().ToString("N"),
    };

    /// <summary>Settings that make a host validate these tokens.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Auth:Issuer"] = Auth.Issuer,
        ["Auth:Audience"] = Auth.Audience,
        ["Auth:SigningKey"] = Auth.SigningKey,
    };

    public static string For(string clientId, IEnumerable<string> roles, IEnumerable<string> scopes, TimeSpan? lifetime = null) =>
        PlatformTokens.Create(Auth, clientId, roles, scopes, lifetime ?? TimeSpan.FromHours(1));

    /// <summary>
    /// A portal user in one role with the scopes that role is granted, bound to a township or village
    /// code where the role needs one, or to a pillar for a department officer (the education
    /// bureau's unless another is named).
    /// </summary>
    public static string ForRole(string role, string? township = null, string? village = null, string? pillar = null)
    {
        if (role == PlatformRoles.DepartmentOfficer)
        {
            pillar ??= PlatformScopes.Education;
        }

        var places = new List<KeyValuePair<string, string>>();
        if (township is not null)
        {
            places.Add(new(DataScope.TownshipClaim, township));
        }

        if (village is not null)
        {
            places.Add(new(DataScope.VillageClaim, village));
        }

        if (pillar is not null)
        {
            places.Add(new(DataScope.PillarClaim, pillar));
        }

        return PlatformTokens.Create(
            Auth, "portal", [role], PlatformScopes.ForRole(role, pillar), TimeSpan.FromHours(1), places: places,
            subject: $"{role}-{township ?? village ?? pillar ?? "county"}");
    }

    /// <summary>The county office: reads and writes everything.</summary>
    public static string CountyOffice() => For("county-office", [PlatformRoles.CountyAdmin], PlatformScopes.All);

    /// <summary>A well-formed token signed with another key.</summary>
    public static string WronglySigned() =>
        PlatformTokens.Create(
            new PlatformAuthOptions { Issuer = Auth.Issuer, Audience = Auth.Audience, SigningKey = "another-key-another-key-another-key-42" },
            "intruder",
            [PlatformRoles.CountyAdmin],
            PlatformScopes.All,
            TimeSpan.FromHours(1));

    /// <summary>The county office's token for another API (audience).</summary>
    public static string WrongAudience() =>
        PlatformTokens.Create(
            new PlatformAuthOptions { Issuer = Auth.Issuer, Audience = "another-api", SigningKey = Auth.SigningKey },
            "county-office",
            [PlatformRoles.CountyAdmin],
            PlatformScopes.All,
            TimeSpan.FromHours(1));

    /// <summary>The county office's token, expired ten minutes ago.</summary>
    public static string Expired() =>
        PlatformTokens.Create(
            Auth, "county-office", [PlatformRoles.CountyAdmin], PlatformScopes.All, TimeSpan.FromMinutes(5),
            new FixedClock(DateTimeOffset.UtcNow.AddMinutes(-15)));

    /// <summary>A county administrator's token without any scope.</summary>
    public static string WithoutScopes() => For("county-office", [PlatformRoles.CountyAdmin], []);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
