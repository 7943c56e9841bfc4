using System.Security.Claims;

namespace Platform.ServiceDefaults.Auth;

/// <summary>The platform's roles (角色), as the "role" claim carries them.</summary>
public static class PlatformRoles
{
    /// <summary>县级管理员: reads and writes everything.</summary>
    public const string CountyAdmin = "county-admin";

    /// <summary>县扶贫办工作人员.</summary>
    public const string CountyOfficer = "county-officer";

    /// <summary>乡镇干部: own township (claim "township").</summary>
    public const string TownshipOfficer = "township-officer";

    /// <summary>村干部、驻村工作队: own village (claim "village").</summary>
    public const string VillageCadre = "village-cadre";

    /// <summary>行业部门: reads the registry, writes only its own pillar (claim "pillar").</summary>
    public const string DepartmentOfficer = "department-officer";

    /// <summary>审计: reads only.</summary>
    public const string Auditor = "auditor";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        CountyAdmin, CountyOfficer, TownshipOfficer, VillageCadre, DepartmentOfficer, Auditor,
    };

    /// <summary>Roles that may change the registry (within their scope).</summary>
    public static readonly IReadOnlySet<string> RegistryWriters = new HashSet<string>(StringComparer.Ordinal)
    {
        CountyAdmin, CountyOfficer, TownshipOfficer, VillageCadre,
    };

    /// <summary>Roles that may write a pillar's records (a dropout case, a visit).</summary>
    public static readonly IReadOnlySet<string> PillarWriters = new HashSet<string>(StringComparer.Ordinal)
    {
        CountyAdmin, CountyOfficer, TownshipOfficer, VillageCadre, DepartmentOfficer,
    };

    /// <summary>
    /// Roles that may see a resident ID number whole, on an explicit request that is audited (within
    /// their data scope): the county's and the township's and village's own staff. Departments and
    /// auditors see masked numbers only.
    /// </summary>
    public static readonly IReadOnlySet<string> PersonalDataReaders = new HashSet<string>(StringComparer.Ordinal)
    {
        CountyAdmin, CountyOfficer, TownshipOfficer, VillageCadre,
    };

    /// <summary>
    /// Roles that may send a pillar's departmental feeds (school rolls, aid grants, training results…):
    /// county staff and departments (a department only its own pillar's). Township and village staff
    /// record what they see one case at a time, never in bulk.
    /// </summary>
    public static readonly IReadOnlySet<string> FeedSenders = new HashSet<string>(StringComparer.Ordinal)
    {
        CountyAdmin, CountyOfficer, DepartmentOfficer,
    };

    /// <summary>Roles that may import the registry in bulk and set up townships and villages.</summary>
    public static readonly IReadOnlySet<string> CountyWriters = new HashSet<string>(StringComparer.Ordinal)
    {
        CountyAdmin, CountyOfficer,
    };
}

public enum ScopeLevel
{
    /// <summary>No known role: nothing is visible.</summary>
    None = 0,
    County = 1,
    Township = 2,
    Village = 3,
}

/// <summary>
/// What part of the county a caller may see (数据范围), from the token's role and place claims.
/// Every service applies it to every query itself: an object outside it does not exist (404).
/// </summary>
public sealed record DataScope(ScopeLevel Level, string? Code)
{
    public const string TownshipClaim = "township";
    public const string VillageClaim = "village";
    public const string PillarClaim = "pillar";

    public static readonly DataScope Nothing = new(ScopeLevel.None, null);

    public static DataScope Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (Has(user, PlatformRoles.CountyAdmin) || Has(user, PlatformRoles.CountyOfficer)
            || Has(user, PlatformRoles.Auditor) || Has(user, PlatformRoles.DepartmentOfficer))
        {
            return new DataScope(ScopeLevel.County, null);
        }

        if (Has(user, PlatformRoles.TownshipOfficer) && user.FindFirstValue(TownshipClaim) is { Length: 9 } township)
        {
            return new DataScope(ScopeLevel.Township, township);
        }

        if (Has(user, PlatformRoles.VillageCadre) && user.FindFirstValue(VillageClaim) is { Length: 12 } village)
        {
            return new DataScope(ScopeLevel.Village, village);
        }

        return Nothing;
    }

    /// <summary>Whether a village (12-digit code) lies inside this scope.</summary>
    public bool Covers(string villageCode) => Level switch
    {
        ScopeLevel.County => true,
        ScopeLevel.Township => villageCode.StartsWith(Code!, StringComparison.Ordinal),
        ScopeLevel.Village => villageCode == Code,
        _ => false,
    };

    private static bool Has(ClaimsPrincipal user, string role) => user.HasClaim(PlatformClaims.Role, role);
}
