using System.Collections.Immutable;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Gateway.Identity;

/// <summary>
/// The platform's OAuth 2.0 issuer (OpenIddict) at /connect/token: client credentials for the
/// departments' systems, each client granted only the scopes it is registered for. Access tokens are
/// JWTs signed with the platform key (section "Auth") so every service validates them offline.
/// </summary>
public static class TokenIssuer
{
    public const string TokenPath = "/connect/token";

    /// <summary>The issuer's discovery document (OpenID Connect Discovery): names the token endpoint and the key set.</summary>
    public const string DiscoveryPath = "/.well-known/openid-configuration";

    /// <summary>The issuer's published public keys (JWKS), current and still-valid older ones.</summary>
    public const string KeySetPath = "/.well-known/jwks";

    private const string RoleProperty = "role";
    private const string PillarProperty = "pillar";
    private const string TownshipProperty = "township";
    private const string VillageProperty = "village";

    public static IHostApplicationBuilder AddTokenIssuer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PlatformIdentityOptions>()
            .Bind(builder.Configuration.GetSection(PlatformIdentityOptions.SectionName))
            .Validate(o => o.PortalCookieSecurePolicy != CookieSecurePolicy.None, "Identity:PortalCookieSecurePolicy must be SameAsRequest or Always.")
            .Validate(o => o.Clients.Values.All(c => c.Secret.Length >= 16), "Every client secret needs at least 16 characters.")
            .Validate(o => o.Clients.Values.All(c => c.Scopes.All(PlatformScopes.All.Contains)), "A client names a scope the platform does not know.")
            .Validate(o => o.Clients.Values.All(c => PlatformRoles.All.Contains(c.Role)), "A client names an unknown role.")
            .Validate(o => o.Clients.Values.All(c => PlaceFits(c.Role, c.Township, c.Village, c.Pillar)),
                "A client's place does not fit its role: a township-officer needs its 9-digit Township, a village-cadre its 12-digit Village, a department-officer its Pillar.")
            .Validate(o => o.Users.Values.All(u => PlatformRoles.All.Contains(u.Role) && PlaceFits(u.Role, u.Township, u.Village, u.Pillar)),
                "A portal user's role is unknown or its place does not fit it: a township-officer needs its 9-digit Township, a village-cadre its 12-digit Village, a department-officer its Pillar.")
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlatformIdentityOptions>, PlatformIdentityOptionsAnnotations>());
        builder.Services.AddSingleton<IssuerSigningKeys>();
        builder.Services.AddSingleton(services => new LocalIssuerKeys(services.GetRequiredService<IssuerSigningKeys>().PublicKeys()));
        // The issuer's own bookkeeping (clients, users, sessions): its calls are audited when they end.
        builder.AddPlatformDatabase<IdentityStoreDbContext>("identity", auditCommits: false);

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityStoreDbContext>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenPath.TrimStart('/'));
                // Discovery and the published keys: how services (and anyone) get the public keys.
                server.SetConfigurationEndpointUris(DiscoveryPath.TrimStart('/'));
                server.SetJsonWebKeySetEndpointUris(KeySetPath.TrimStart('/'));
                server.AllowClientCredentialsFlow();
                server.RegisterScopes([.. PlatformScopes.All]);
                // Services validate the JWT with the issuer's public keys; nothing to hide inside it.
                server.DisableAccessTokenEncryption();
                // OpenIddict needs an encryption key for tokens it would encrypt (none are issued
                // here): a random symmetric one per start, never published.
                server.AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
                server.UseAspNetCore().EnableTokenEndpointPassthrough();
                // A refused token request is audited under the client id it named.
                server.AddEventHandler<OpenIddictServerEvents.ExtractTokenRequestContext>(handler => handler
                    .UseInlineHandler(context =>
                    {
                        if (context.Request?.ClientId is { Length: > 0 } clientId && context.Transaction.GetHttpRequest() is { } http)
                        {
                            http.HttpContext.NameAccountTried(clientId);
                        }

                        return default;
                    })
                    .SetOrder(int.MaxValue - 100_000)
                    .SetType(OpenIddictServerHandlerType.Custom));
            });

        // Keys, issuer and lifetimes come from configuration when the host starts (tests add theirs late).
        // The first signing key signs (OpenIddict keeps the order of keys of one kind); all are published.
        builder.Services.AddOptions<OpenIddictServerOptions>()
            .Configure<IOptions<PlatformAuthOptions>, IOptions<PlatformIdentityOptions>, IssuerSigningKeys>((server, auth, identity, keys) =>
            {
                server.Issuer = new Uri(auth.Value.Issuer, UriKind.Absolute);
                foreach (var key in keys.All)
                {
                    server.SigningCredentials.Add(new SigningCredentials(key, PlatformKeys.AlgorithmOf(key)));
                }

                server.AccessTokenLifetime = identity.Value.AccessTokenLifetime;
            });
        builder.Services.AddOptions<OpenIddictServerAspNetCoreOptions>()
            .Configure<IOptions<PlatformIdentityOptions>>((aspNet, identity) =>
                aspNet.DisableTransportSecurityRequirement = identity.Value.AllowHttp);

        builder.Services.AddHostedService<IdentitySeeder>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.Replace(ServiceDescriptor.Singleton<IAuthenticationSchemeProvider, IssuerPathsOnlySchemes>());
        return builder;
    }

    /// <summary>Whether a request goes to OpenIddict's endpoints (token, discovery, published keys).</summary>
    public static bool IsIssuerPath(PathString path) => Is(path, TokenPath) || Is(path, DiscoveryPath) || Is(path, KeySetPath);

    // As OpenIddict matches its endpoints: case aside, and with or without a trailing slash.
    private static bool Is(PathString path, string endpoint) =>
        path.StartsWithSegments(endpoint, StringComparison.OrdinalIgnoreCase, out var rest) && (!rest.HasValue || rest.Value == "/");

    public static IEndpointRouteBuilder MapTokenIssuer(this IEndpointRouteBuilder app)
    {
        app.MapPost(TokenPath, IssueAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(GatewayExtensions.PerClientRateLimit)
            .Audited("access-token")
            .WithSummary("获取访问令牌（OAuth 2.0 客户端凭据，RFC 6749 §4.4）");
        return app;
    }

    /// <summary>OpenIddict has authenticated the client and checked its scopes; this builds the token's claims.</summary>
    private static async Task<IResult> IssueAsync(
        HttpContext context, IOpenIddictApplicationManager applications, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request is missing.");
        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
            ?? throw new InvalidOperationException("An authenticated client has no registration.");
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId);
        identity.SetClaim(PlatformClaims.ClientId, request.ClientId);
        identity.SetClaim(Claims.Role, Text(properties, RoleProperty));
        foreach (var (property, claim) in new[] { (PillarProperty, DataScope.PillarClaim), (TownshipProperty, DataScope.TownshipClaim), (VillageProperty, DataScope.VillageClaim) })
        {
            if (Text(properties, property) is { } place)
            {
                identity.SetClaim(claim, place);
            }
        }

        var permitted = (await applications.GetPermissionsAsync(application, cancellationToken))
            .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..])
            .ToImmutableArray();
        // No scope asked for: the client gets everything it is registered for (curl in a minute).
        identity.SetScopes(request.GetScopes() is { IsEmpty: false } asked ? asked : permitted);
        identity.SetResources(context.RequestServices.GetRequiredService<IOptions<PlatformAuthOptions>>().Value.Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);

        loggers.CreateLogger(typeof(TokenIssuer)).LogInformation(
            "Issued an access token to client {ClientId} for scopes {Scopes}", request.ClientId, string.Join(' ', identity.GetScopes()));
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static string? Text(ImmutableDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Whether a role's place claims are as it needs: a township, a village or a pillar, and nothing else.</summary>
    internal static bool PlaceFits(string role, string? township, string? village, string? pillar) => role switch
    {
        PlatformRoles.TownshipOfficer => township is { Length: 9 } && township.All(char.IsAsciiDigit) && village is null && pillar is null,
        PlatformRoles.VillageCadre => village is { Length: 12 } && village.All(char.IsAsciiDigit) && township is null && pillar is null,
        PlatformRoles.DepartmentOfficer => pillar is not null && PlatformScopes.Pillars.Contains(pillar) && township is null && village is null,
        _ => township is null && village is null && pillar is null,
    };

    /// <summary>The OpenIddict registration of a configured client (its role and place as properties).</summary>
    public static OpenIddictApplicationDescriptor Describe(string clientId, ClientRegistration client)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = client.Secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = client.DisplayName.Length > 0 ? client.DisplayName : clientId,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in client.Scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        descriptor.Properties[RoleProperty] = JsonSerializer.SerializeToElement(client.Role);
        foreach (var (property, value) in new[] { (PillarProperty, client.Pillar), (TownshipProperty, client.Township), (VillageProperty, client.Village) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                descriptor.Properties[property] = JsonSerializer.SerializeToElement(value);
            }
        }

        return descriptor;
    }
}
