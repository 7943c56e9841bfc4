namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// OAuth scopes of the platform's API: "{area}.read" and "{area}.write" per area (the registry and
/// the five pillars), and "audit.read". A token carries the scopes its client or user was granted;
/// a service accepts a call only when the token has its own area's scope for the kind of access.
/// </summary>
public static class PlatformScopes
{
    public const string Registry = "registry";
    public const string Industry = "industry";
    public const string Relocation = "relocation";
    public const string Ecology = "ecology";
    public const string Education = "education";
    public const string Welfare = "welfare";

    public const string AuditRead = "audit.read";

    /// <summary>The registry and the five pillars (五个一批).</summary>
    public static readonly IReadOnlyList<string> Areas = [Registry, Industry, Relocation, Ecology, Education, Welfare];

    /// <summary>The five pillars: a department officer's "pillar" claim is one of these.</summary>
    public static readonly IReadOnlyList<string> Pillars = [Industry, Relocation, Ecology, Education, Welfare];

    /// <summary>Every scope the platform knows.</summary>
    public static readonly IReadOnlyList<string> All = [.. Areas.SelectMany(a => new[] { Read(a), Write(a) }), AuditRead];

    public static string Read(string area) => area + ".read";

    public static string Write(string area) => area + ".write";

    /// <summary>
    /// The scopes a portal user of a role is granted (a departmental client's scopes are configured
    /// per client instead). County staff everything but the audit log; township and village staff
    /// the registry and every pillar (they record visits and cases); a department officer the
    /// registry to read and its own pillar; an auditor every area to read and the audit log.
    /// </summary>
    public static IReadOnlyList<string> ForRole(string role, string? pillar = null) => role switch
    {
        PlatformRoles.CountyAdmin => All,
        PlatformRoles.CountyOfficer or PlatformRoles.TownshipOfficer or PlatformRoles.VillageCadre =>
            [.. Areas.SelectMany(a => new[] { Read(a), Write(a) })],
        PlatformRoles.DepartmentOfficer when pillar is not null && Pillars.Contains(pillar) =>
            [Read(Registry), Read(pillar), Write(pillar)],
        PlatformRoles.Auditor => [.. Areas.Select(Read), AuditRead],
        _ => [],
    };

    /// <summary>The scopes a token carries ("scope" is one space-separated claim, or several claims).</summary>
    public static IEnumerable<string> Of(System.Security.Claims.ClaimsPrincipal user) =>
        user.FindAll(PlatformClaims.Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
