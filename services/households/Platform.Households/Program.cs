using Platform.Households;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(PlatformScopes.Registry);
builder.AddHouseholds();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapDefaultEndpoints();
app.MapHouseholds();
app.Run();

namespace Platform.Households
{
    /// <summary>Marker for WebApplicationFactory in tests.</summary>
    public partial class Program;
}
