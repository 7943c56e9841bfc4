using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

public static class AuthenticationExtensions
{
    /// <summary>
    /// JWT bearer validation of the platform's tokens, and a fallback policy that requires an
    /// authenticated caller on every endpoint that does not say otherwise.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
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

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PlatformPolicies.Read, policy => policy.RequireRole(PlatformRoles.All))
            .AddPolicy(PlatformPolicies.RegistryWrite, policy => policy.RequireRole(PlatformRoles.RegistryWriters))
            .AddPolicy(PlatformPolicies.CountyWrite, policy => policy.RequireRole(PlatformRoles.CountyWriters))
            .AddPolicy(PlatformPolicies.PillarWrite, policy => policy.RequireRole(PlatformRoles.PillarWriters));
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

    /// <summary>County-level writes: bulk imports, townships and villages.</summary>
    public const string CountyWrite = "county-write";
}
