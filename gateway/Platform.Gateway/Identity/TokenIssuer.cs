using System.Collections.Immutable;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore;
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

    private const string RoleProperty = "role";
    private const string PillarProperty = "pillar";

    public static IHostApplicationBuilder AddTokenIssuer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PlatformIdentityOptions>()
            .Bind(builder.Configuration.GetSection(PlatformIdentityOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.Clients.Values.All(c => c.Secret.Length >= 16), "Every client secret needs at least 16 characters.")
            .Validate(o => o.Clients.Values.All(c => c.Scopes.All(PlatformScopes.All.Contains)), "A client names a scope the platform does not know.")
            .Validate(o => o.Clients.Values.All(c => PlatformRoles.All.Contains(c.Role)), "A client names an unknown role.")
            .ValidateOnStart();
        builder.AddPlatformDatabase<IdentityStoreDbContext>("identity");

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityStoreDbContext>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenPath.TrimStart('/'));
                server.AllowClientCredentialsFlow();
                server.RegisterScopes([.. PlatformScopes.All]);
                // Services validate the JWT offline with the platform key; nothing to hide inside it.
                server.DisableAccessTokenEncryption();
                // OpenIddict insists on one asymmetric key (identity tokens, never issued here); access
                // tokens are signed with the platform's symmetric key, which OpenIddict prefers for them.
                server.AddEphemeralSigningKey();
                server.UseAspNetCore().EnableTokenEndpointPassthrough();
            });

        // Keys, issuer and lifetimes come from configuration when the host starts (tests add theirs late).
        builder.Services.AddOptions<OpenIddictServerOptions>()
            .Configure<IOptions<PlatformAuthOptions>, IOptions<PlatformIdentityOptions>>((server, auth, identity) =>
            {
                server.Issuer = new Uri(auth.Value.Issuer, UriKind.Absolute);
                server.SigningCredentials.Add(new SigningCredentials(auth.Value.CreateSecurityKey(), SecurityAlgorithms.HmacSha256));
                // Required by OpenIddict for its own (unused here) encrypted tokens; derived from the platform key.
                var encryptionKey = SHA256.HashData(Encoding.UTF8.GetBytes("encryption:" + auth.Value.SigningKey));
                server.EncryptionCredentials.Add(new EncryptingCredentials(
                    new SymmetricSecurityKey(encryptionKey), SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
                server.AccessTokenLifetime = identity.Value.AccessTokenLifetime;
            });
        builder.Services.AddOptions<OpenIddictServerAspNetCoreOptions>()
            .Configure<IOptions<PlatformIdentityOptions>>((aspNet, identity) =>
                aspNet.DisableTransportSecurityRequirement = identity.Value.AllowHttp);

        builder.Services.AddHostedService<IdentitySeeder>();
        return builder;
    }

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
        if (Text(properties, PillarProperty) is { } pillar)
        {
            identity.SetClaim(DataScope.PillarClaim, pillar);
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

    internal static OpenIddictApplicationDescriptor Describe(string clientId, ClientRegistration client)
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
        if (client.Pillar is not null)
        {
            descriptor.Properties[PillarProperty] = JsonSerializer.SerializeToElement(client.Pillar);
        }

        return descriptor;
    }
}
