using Platform.Education.Consumers;
using Platform.Education.Data;
using Platform.Education.Dropouts;
using Platform.Education.Grpc;
using Platform.Education.Students;
using Platform.Messaging;
using Platform.ServiceDefaults.Data;

namespace Platform.Education;

public static class Extensions
{
    public const string ServiceName = "education";

    /// <summary>The education pillar's database, bus, consumers of the registry's events and handlers.</summary>
    public static IHostApplicationBuilder AddEducation(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformDatabase<EducationDbContext>("education");
        builder.AddPlatformMessaging<EducationDbContext>(ServiceName, bus =>
        {
            bus.AddConsumer<HouseholdRegisteredConsumer>();
            bus.AddConsumer<HouseholdMemberAddedConsumer>();
            bus.AddConsumer<HouseholdMemberRemovedConsumer>();
        });
        builder.Services.AddScoped<DropoutLedger>();
        builder.Services.AddScoped<DropoutCommands>();
        builder.Services.AddScoped<SchoolRollImporter>();
        return builder;
    }

    public static WebApplication MapEducation(this WebApplication app)
    {
        app.MapStudentsApi();
        app.MapDropoutsApi();
        app.MapGrpcService<SchoolRollsService>();
        return app;
    }
}
