using Platform.Ecology;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(PlatformScopes.Ecology);
builder.AddEcology();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapDefaultEndpoints();
app.MapEcology();
app.Run();

namespace Platform.Ecology
{
    /// <summary>Marker for WebApplicationFactory in tests.</summary>
    public partial class Program;
}
