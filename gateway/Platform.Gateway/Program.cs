using Platform.Gateway;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();
app.UseGrpcBodyLimitLift();
app.UsePlatformDefaults();
app.UseRateLimiter();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapDefaultEndpoints();
app.MapDemoTokenEndpoint();
app.MapReverseProxy();
app.Run();

namespace Platform.Gateway
{
    /// <summary>Marker for WebApplicationFactory in tests.</summary>
    public partial class Program;
}
