using Platform.Households.Consumers;
using Platform.Households.Data;
using Platform.Households.Grpc;
using Platform.Households.Income;
using Platform.Households.Registry;
using Platform.Messaging;
using Platform.ServiceDefaults.Data;

namespace Platform.Households;

public static class Extensions
{
    public const string ServiceName = "households";

    /// <summary>The registry's database, bus, consumers and handlers.</summary>
    public static IHostApplicationBuilder AddHouseholds(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformDatabase<HouseholdsDbContext>("households");
        builder.AddPlatformMessaging<HouseholdsDbContext>(ServiceName, bus =>
        {
            bus.AddConsumer<IncomeRecordedConsumer>();
            bus.AddConsumer<GuaranteeAssessedConsumer>();
        });
        builder.Services.AddScoped<HouseholdCommands>();
        builder.Services.AddScoped<BulkHouseholdImporter>();
        return builder;
    }

    public static WebApplication MapHouseholds(this WebApplication app)
    {
        app.MapHouseholdsApi();
        app.MapIncomeApi();
        app.MapGrpcService<HouseholdRegistryService>();
        return app;
    }
}
