using Platform.Gateway;
using Platform.Gateway.Identity;
using Platform.Gateway.Portal;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Http;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();
// Before anything reads the caller's address or scheme: X-Forwarded-* only from known proxies.
app.UsePlatformForwardedHeaders();
app.UseGrpcBodyLimit();
// The portal's static files need no token (its API calls do).
app.UsePortalFiles();
app.UsePlatformDefaults();
app.UsePortalCsrfGuard();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapTokenIssuer();
app.MapPortalSession();
app.MapAuditSearch();
// The services behind audit what they do; the gateway records only the calls it refuses itself.
app.MapReverseProxy().AuditOnlyAccessRefusals();
app.MapPortalFallback();
app.Run();

namespace Platform.Gateway
{
    /// <summary>Marker for WebApplicationFactory in tests.</summary>
    public partial class Program;
}
