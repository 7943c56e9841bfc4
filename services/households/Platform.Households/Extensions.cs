using Platform.Contracts.Registry;
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
        builder.AddPlatformMessaging<HouseholdsDbContext>(ServiceName, stream => stream
            .Handle<IncomeRecorded, IncomeRecordedHandler>()
            .Handle<GuaranteeAssessed, GuaranteeAssessedHandler>()
            .PrepareWith<PillarReportBatch>());
        builder.Services.AddScoped<HouseholdCommands>();
        builder.Services.AddScoped<BulkHouseholdImporter>();
        builder.Services.AddScoped<HouseholdAnnouncer>();
        return builder;
    }

    public static WebApplication MapHouseholds(this WebApplication app)
    {
        app.MapHouseholdsApi();
        app.MapIncomeApi();
        app.MapAnnouncementsApi();
        app.MapGrpcService<HouseholdRegistryService>();
        return app;
    }
}
