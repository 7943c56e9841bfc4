using Platform.Households;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
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
