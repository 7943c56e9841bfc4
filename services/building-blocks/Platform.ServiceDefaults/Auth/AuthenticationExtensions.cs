using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

public static class AuthenticationExtensions
{
    /// <summary>
    /// JWT bearer validation of the platform's tokens, and a fallback policy that requires an
    /// authenticated caller on every endpoint that does not say otherwise. <paramref name="area"/>
    /// is the area the service owns (<see cref="PlatformScopes.Areas"/>): its policies require that
    /// area's scopes, besides a role that may do the thing.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder, string? area = null)
    {
        if (area is not null)
        {
            if (!PlatformScopes.Areas.Contains(area, StringComparer.Ordinal))
            {
                throw new ArgumentException($"Unknown area '{area}'.", nameof(area));
            }

            builder.Services.AddSingleton(new ServiceArea(area));
        }

        builder.Services.AddOptions<PlatformAuthOptions>()
            .Bind(builder.Configuration.GetSection(PlatformAuthOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<PlatformAuthOptions>>((jwt, platform) =>
            {
                var auth = platform.Value;
                jwt.MapInboundClaims = false;
                if (!string.IsNullOrEmpty(auth.Authority))
                {
                    // Its issuer and keys are added to the platform's own (JwtBearerHandler merges them).
                    jwt.Authority = auth.Authority;
                }

                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Issuer,
                    ValidAudience = auth.Audience,
                    IssuerSigningKey = auth.CreateSecurityKey(),
                    ValidateIssuerSigningKey = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = PlatformClaims.ClientId,
                    RoleClaimType = PlatformClaims.Role,
                };
            });

        builder.Services.TryAddSingleton(ServiceArea.None);
        builder.Services.AddSingleton<IAuthorizationHandler, AreaScopeHandler>();
        builder.Services.AddSingleton<IAuthorizationHandler, OwnPillarHandler>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PlatformPolicies.Read, policy => policy
                .RequireRole(PlatformRoles.All).AddRequirements(new AreaScopeRequirement(AreaAccess.Read)))
            .AddPolicy(PlatformPolicies.RegistryWrite, policy => policy
                .RequireRole(PlatformRoles.RegistryWriters).AddRequirements(new AreaScopeRequirement(AreaAccess.Write)))
            .AddPolicy(PlatformPolicies.CountyWrite, policy => policy
                .RequireRole(PlatformRoles.CountyWriters).AddRequirements(new AreaScopeRequirement(AreaAccess.Write)))
            .AddPolicy(PlatformPolicies.PillarWrite, policy => policy
                .RequireRole(PlatformRoles.PillarWriters)
                .AddRequirements(new AreaScopeRequirement(AreaAccess.Write), new OwnPillarRequirement()))
            .AddPolicy(PlatformPolicies.PillarFeed, policy => policy
                .RequireRole(PlatformRoles.FeedSenders)
                .AddRequirements(new AreaScopeRequirement(AreaAccess.Write), new OwnPillarRequirement()))
            .AddPolicy(PlatformPolicies.PersonalData, policy => policy
                .RequireRole(PlatformRoles.PersonalDataReaders).AddRequirements(new AreaScopeRequirement(AreaAccess.Read)))
            .AddPolicy(PlatformPolicies.AuditRead, policy => policy
                .RequireRole(PlatformRoles.CountyAdmin, PlatformRoles.Auditor)
                .RequireAssertion(context => PlatformScopes.Of(context.User).Contains(PlatformScopes.AuditRead, StringComparer.Ordinal)));
        return builder;
    }
}

/// <summary>Authorization policies by role; data scope is applied per object by each service.</summary>
public static class PlatformPolicies
{
    /// <summary>Any platform role.</summary>
    public const string Read = "platform-read";

    /// <summary>Roles that change the registry within their scope.</summary>
    public const string RegistryWrite = "registry-write";

    /// <summary>A pillar's own records: county staff, township and village staff, the pillar's department.</summary>
    public const string PillarWrite = "pillar-write";

    /// <summary>
    /// A pillar's departmental feeds (bulk gRPC streams): county staff and the pillar's own department
    /// (its clients and officers); township and village staff are refused.
    /// </summary>
    public const string PillarFeed = "pillar-feed";

    /// <summary>County-level writes: the registry's bulk imports, townships and villages.</summary>
    public const string CountyWrite = "county-write";

    /// <summary>Personal data seen whole (an ID number), on an explicit, audited request: the staff who serve the household.</summary>
    public const string PersonalData = "personal-data";

    /// <summary>The audit log (审计日志): auditors and the county administrator.</summary>
    public const string AuditRead = "audit-read";
}
