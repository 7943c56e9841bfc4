using Platform.ServiceDefaults.Auth;

namespace Platform.Testing;

/// <summary>The test run's signing key and tokens minted with it.</summary>
public static class TestTokens
{
    public static readonly PlatformAuthOptions Auth = new()
    {
        Issuer = "platform-tests",
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

    /// <summary>A caller in one role, bound to a township or village code where the role needs one.</summary>
    public static string ForRole(string role, string? township = null, string? village = null)
    {
        var places = new List<KeyValuePair<string, string>>();
        if (township is not null)
        {
            places.Add(new(DataScope.TownshipClaim, township));
        }

        if (village is not null)
        {
            places.Add(new(DataScope.VillageClaim, village));
        }

        return PlatformTokens.Create(Auth, $"{role}-{township ?? village ?? "county"}", [role], [], TimeSpan.FromHours(1), places: places);
    }

    /// <summary>The county office: reads and writes everything.</summary>
    public static string CountyOffice() =>
        For("county-office", ["county-admin"], ["households", "industry", "relocation", "ecology", "education", "welfare"]);

    /// <summary>A well-formed token signed with another key.</summary>
    public static string WronglySigned() =>
        PlatformTokens.Create(
            new PlatformAuthOptions { Issuer = Auth.Issuer, Audience = Auth.Audience, SigningKey = "another-key-another-key-another-key-42" },
            "intruder",
            ["county-admin"],
            [],
            TimeSpan.FromHours(1));
}
