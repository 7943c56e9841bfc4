using Platform.Relocation;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(PlatformScopes.Relocation);
builder.AddRelocation();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapDefaultEndpoints();
app.MapRelocation();
app.Run();

namespace Platform.Relocation
{
    /// <summary>Marker for WebApplicationFactory in tests.</summary>
    public partial class Program;
}
