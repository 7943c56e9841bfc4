using Platform.Gateway;
using Platform.Gateway.Identity;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();
app.UseGrpcBodyLimitLift();
// The portal's static files need no token (its API calls do).
app.UseDefaultFiles();
app.UseStaticFiles();
app.UsePortalCsrfGuard();
app.UsePlatformDefaults();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapTokenIssuer();
app.MapPortalSession();
app.MapReverseProxy();
app.Run();

namespace Platform.Gateway
{
    /// <summary>Marker for WebApplicationFactory in tests.</summary>
    public partial class Program;
}
