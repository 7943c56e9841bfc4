using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Platform.ServiceDefaults.Auth;

/// <summary>The area (registry or a pillar) a service owns: its scopes are "{area}.read" and "{area}.write".</summary>
public sealed record ServiceArea(string? Name)
{
    /// <summary>A host that owns no area (the gateway): area policies fail closed there.</summary>
    public static readonly ServiceArea None = new((string?)null);
}

public enum AreaAccess
{
    Read,
    Write,
}

/// <summary>The token must carry the service's own area scope for this kind of access.</summary>
public sealed record AreaScopeRequirement(AreaAccess Access) : IAuthorizationRequirement;

/// <summary>A department officer may write only its own pillar's records ("pillar" claim = the service's area).</summary>
public sealed record OwnPillarRequirement : IAuthorizationRequirement;

public sealed class AreaScopeHandler(ServiceArea area)
    : AuthorizationHandler<AreaScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AreaScopeRequirement requirement)
    {
        if (area.Name is { } name)
        {
            var needed = requirement.Access == AreaAccess.Read ? PlatformScopes.Read(name) : PlatformScopes.Write(name);
            if (PlatformScopes.Of(context.User).Contains(needed, StringComparer.Ordinal))
            {
                context.Succeed(requirement);
            }
        }

        return Task.CompletedTask;
    }
}

public sealed class OwnPillarHandler(ServiceArea area) : AuthorizationHandler<OwnPillarRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnPillarRequirement requirement)
    {
        var user = context.User;
        var isOnlyDepartment = user.HasClaim(PlatformClaims.Role, PlatformRoles.DepartmentOfficer)
            && !PlatformRoles.RegistryWriters.Any(role => user.HasClaim(PlatformClaims.Role, role));
        if (!isOnlyDepartment || (area.Name is { } name && user.FindFirstValue(DataScope.PillarClaim) == name))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
