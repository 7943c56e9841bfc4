using Platform.Messaging;
using Platform.Messaging.Households;
using Platform.Relocation.Cases;
using Platform.Relocation.Figures;
using Platform.Relocation.Sites;
using Platform.Relocation.Data;
using Platform.Relocation.Domain;
using Platform.Relocation.Exports;
using Platform.Relocation.Grpc;
using Platform.Relocation.Guarantees;
using Platform.Relocation.Housing;
using Platform.Relocation.Reactions;
using Platform.Relocation.Subsidies;
using Platform.Relocation.Water;
using Platform.ServiceDefaults.Data;

namespace Platform.Relocation;

public static class Extensions
{
    public const string ServiceName = "relocation";

    /// <summary>The relocation pillar's database, its copy of the registry's households and what it does when they change, its writes and feeds.</summary>
    public static IHostApplicationBuilder AddRelocation(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformDatabase<RelocationDbContext>("relocation");
        builder.AddPlatformMessaging<RelocationDbContext>(ServiceName, stream => stream
            .FollowHouseholds<RelocationDbContext, RelocationReactions>()
            .PrepareWith<RelocationBatchPreparer>());
        builder.Services.AddOptions<WaterStandards>().Bind(builder.Configuration.GetSection(WaterStandards.SectionName))
            .Validate(w => w.MinLitresPerPersonPerDay > 0 && w.MaxRoundTripMinutes >= 0 && w.MinGuaranteeRatePercent is > 0 and <= 100, "Relocation:Water: standards out of range")
            .ValidateOnStart();
        builder.Services.AddScoped<SafetyBook>();
        builder.Services.AddScoped<SubsidyLedger>();
        builder.Services.AddScoped<CaseLedger>();
        builder.Services.AddScoped<HousingWrites>();
        builder.Services.AddScoped<WaterWrites>();
        builder.Services.AddScoped<SiteFeed>();
        builder.Services.AddScoped<CaseFeed>();
        builder.Services.AddScoped<HousingFeeds>();
        builder.Services.AddScoped<WaterFeeds>();
        builder.Services.AddSingleton<FeedRunner>();
        return builder;
    }

    public static WebApplication MapRelocation(this WebApplication app)
    {
        app.MapSitesApi();
        app.MapCasesApi();
        app.MapHousingApi();
        app.MapWaterApi();
        app.MapGuaranteesApi();
        app.MapFiguresApi();
        app.MapRelocationExports();
        app.MapGrpcService<ResettlementSitesService>();
        app.MapGrpcService<RelocationCasesService>();
        app.MapGrpcService<HousingSafetyService>();
        app.MapGrpcService<DrinkingWaterService>();
        return app;
    }
}
