using Platform.Industry;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(PlatformScopes.Industry);
builder.AddIndustry();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapDefaultEndpoints();
app.MapIndustry();
app.Run();

namespace Platform.Industry
{
    /// <summary>Marker for WebApplicationFactory in tests.</summary>
    public partial class Program;
}
