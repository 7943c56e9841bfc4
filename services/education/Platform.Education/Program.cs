using Platform.Education;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(PlatformScopes.Education);
builder.AddEducation();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapDefaultEndpoints();
app.MapEducation();
app.Run();

namespace Platform.Education
{
    /// <summary>Marker for WebApplicationFactory in tests.</summary>
    public partial class Program;
}
