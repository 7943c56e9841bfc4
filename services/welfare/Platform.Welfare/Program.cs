using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.Welfare;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(PlatformScopes.Welfare);
builder.AddWelfare();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapDefaultEndpoints();
app.MapWelfare();
app.Run();

namespace Platform.Welfare
{
    /// <summary>Marker for WebApplicationFactory in tests.</summary>
    public partial class Program;
}
