using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
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

        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<PlatformAuthOptions>()
            .Bind(builder.Configuration.GetSection(PlatformAuthOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlatformAuthOptions>, PlatformAuthOptionsAnnotations>());
        builder.Services.AddSingleton<IValidateOptions<PlatformAuthOptions>, PlatformAuthOptionsValidator>();
        builder.Services.AddHttpClient(IssuerKeysClient);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<PlatformAuthOptions>, IServiceProvider>((jwt, platform, services) =>
            {
                var auth = platform.Value;
                if (KeyErrors(auth) is { } error)
                {
                    throw new InvalidOperationException(error);
                }

                jwt.MapInboundClaims = false;
                if (auth.DiscoveryAddress() is { } discovery)
                {
                    var requireHttps = auth.RequireHttpsMetadata ?? !development;
                    var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(IssuerKeysClient);
                    jwt.ConfigurationManager = new IssuerKeySet(
                        discovery,
                        new HttpDocumentRetriever(http) { RequireHttps = requireHttps },
                        auth.KeysRefreshInterval,
                        auth.KeysMinimumRefreshInterval,
                        services.GetService<TimeProvider>() ?? TimeProvider.System,
                        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IssuerKeySet)));
                }

                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Issuer,
                    ValidAudience = auth.Audience,
                    IssuerSigningKeys = [.. ConfiguredKeys(auth), .. services.GetServices<LocalIssuerKeys>().SelectMany(k => k.Keys)],
                    // Asymmetric algorithms only: a token signed with any shared secret is refused.
                    ValidAlgorithms = PlatformKeys.Algorithms,
                    ValidateIssuerSigningKey = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = PlatformClaims.ClientId,
                    RoleClaimType = PlatformClaims.Role,
                };
            });

        // A gRPC caller refused by authorization gets a gRPC status (Unauthenticated, PermissionDenied).
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, Grpc.GrpcAwareAuthorizationResultHandler>();
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

    private const string IssuerKeysClient = "platform-issuer-keys";

    private static IEnumerable<SecurityKey> ConfiguredKeys(PlatformAuthOptions auth) =>
        auth.PublicKeys.Select((key, index) =>
        {
            var setting = $"Auth:PublicKeys:{index}";
            return PlatformKeys.LoadPublic(PlatformKeys.ReadPem(key.Pem, key.PemFile, setting), key.KeyId, setting);
        });

    private static string? KeyErrors(PlatformAuthOptions auth)
    {
        try
        {
            _ = ConfiguredKeys(auth).ToList();
            return null;
        }
        catch (InvalidOperationException error)
        {
            return error.Message;
        }
    }

    /// <summary>Refuses a start that could not validate tokens, or that holds a symmetric or private key.</summary>
    private sealed class PlatformAuthOptionsValidator(IServiceProvider services, IHostEnvironment environment) : IValidateOptions<PlatformAuthOptions>
    {
        public ValidateOptionsResult Validate(string? name, PlatformAuthOptions options)
        {
            if (!string.IsNullOrEmpty(options.SigningKey))
            {
                return ValidateOptionsResult.Fail(
                    "Auth:SigningKey is no longer used: tokens are signed with the issuer's private key and validated with its public keys " +
                    "(Auth:Authority, or Auth:PublicKeys). Remove the symmetric key from this host's configuration.");
            }

            if (!options.FetchesKeys && options.PublicKeys.Count == 0 && !services.GetServices<LocalIssuerKeys>().Any())
            {
                return ValidateOptionsResult.Fail(
                    "No way to validate tokens: set Auth:Authority (the issuer's address, whose published keys are fetched) or Auth:PublicKeys.");
            }

            if (options.DiscoveryAddress() is { } discovery && discovery.Scheme != Uri.UriSchemeHttps
                && (options.RequireHttpsMetadata ?? !environment.IsDevelopment()))
            {
                return ValidateOptionsResult.Fail(
                    $"Auth:Authority must be an https address outside Development ({discovery.GetLeftPart(UriPartial.Authority)}), " +
                    "or set Auth:RequireHttpsMetadata to false where the issuer is reached over a trusted network.");
            }

            return KeyErrors(options) is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
        }
    }
}

/// <summary>
/// Keys the host trusts because it holds them itself: the issuer (the gateway) validates its own
/// tokens with the public half of its signing keys, without fetching its own key set.
/// </summary>
public sealed class LocalIssuerKeys(IReadOnlyList<SecurityKey> keys)
{
    public IReadOnlyList<SecurityKey> Keys { get; } = keys;
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
