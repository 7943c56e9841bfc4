using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Server.AspNetCore;

namespace Platform.Gateway.Identity;

/// <summary>
/// The authentication schemes, with OpenIddict's server scheme offered as a request handler only on the issuer's own
/// paths (token, discovery, key set). ASP.NET Core's authentication middleware asks every request-handler scheme, on every
/// request, whether the request is its endpoint; for OpenIddict that meant building its transaction and running its
/// endpoint inference on each proxied call, about 8% of the gateway's CPU on a household GET. Everything else about
/// the schemes (the default scheme that authenticates the caller) is unchanged.
/// </summary>
internal sealed class IssuerPathsOnlySchemes(IOptions<AuthenticationOptions> options, IHttpContextAccessor http) : AuthenticationSchemeProvider(options)
{
    public override async Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
    {
        var schemes = await base.GetRequestHandlerSchemesAsync();
        return http.HttpContext is { } context && !TokenIssuer.IsIssuerPath(context.Request.Path)
            ? schemes.Where(scheme => scheme.Name != OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
            : schemes;
    }
}
