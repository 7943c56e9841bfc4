using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server.AspNetCore;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// OpenIddict's server handler is asked "is this my endpoint?" only on the issuer's paths, not on every proxied call
/// (it cost about 8% of the gateway's CPU on a household GET). Tokens are still issued: every test here gets one.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class IssuerPathsOnlySchemesTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("/connect/token", true)]
    [InlineData("/CONNECT/token/", true)]
    [InlineData("/.well-known/openid-configuration", true)]
    [InlineData("/.well-known/jwks", true)]
    [InlineData("/api/households/figures", false)]
    [InlineData("/connect/token-like", false)]
    [InlineData("/", false)]
    public async Task OpenIddict_is_a_request_handler_on_the_issuers_paths_only(string path, bool asked)
    {
        await using var scope = platform.Gateway.Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext { Request = { Path = path } };
        try
        {
            var schemes = await scope.ServiceProvider.GetRequiredService<IAuthenticationSchemeProvider>().GetRequestHandlerSchemesAsync();

            Assert.Equal(asked, schemes.Any(scheme => scheme.Name == OpenIddictServerAspNetCoreDefaults.AuthenticationScheme));
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }
}
