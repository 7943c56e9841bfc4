using Platform.Education.Exports;
using Platform.Contracts.Households;
using Platform.Education.Aid;
using Platform.Education.Consumers;
using Platform.Education.Data;
using Platform.Education.Dropouts;
using Platform.Education.Facilities;
using Platform.Education.Figures;
using Platform.Education.Grpc;
using Platform.Education.Students;
using Platform.Education.Training;
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
        builder.AddPlatformMessaging<EducationDbContext>(ServiceName, stream => stream
            .Handle<HouseholdRegistered, HouseholdRegisteredHandler>()
            .Handle<HouseholdAnnounced, HouseholdAnnouncedHandler>()
            .Handle<HouseholdMemberAdded, HouseholdMemberAddedHandler>()
            .Handle<HouseholdMemberRemoved, HouseholdMemberRemovedHandler>()
            .Handle<HouseholdStatusChanged, HouseholdStatusChangedHandler>()
            .Handle<HouseholdMoved, HouseholdMovedHandler>()
            .PrepareWith<HouseholdBatchPreparer>());
        builder.Services.AddScoped<HouseholdBatch>();
        builder.Services.AddScoped<HouseholdFollowing>();
        builder.Services.AddOptions<AidOptions>().Bind(builder.Configuration.GetSection(AidOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<AidOptions>, AidOptionsValidator>();
        builder.Services.AddSingleton<AidCatalogue>();
        builder.Services.AddScoped<DropoutLedger>();
        builder.Services.AddScoped<DropoutCommands>();
        builder.Services.AddScoped<SchoolRollImporter>();
        builder.Services.AddScoped<AidLedger>();
        builder.Services.AddScoped<AidCommands>();
        builder.Services.AddScoped<AidGrantImporter>();
        builder.Services.AddScoped<TrainingLedger>();
        builder.Services.AddScoped<TrainingCommands>();
        builder.Services.AddScoped<TrainingResultImporter>();
        return builder;
    }

    public static WebApplication MapEducation(this WebApplication app)
    {
        app.MapStudentsApi();
        app.MapDropoutsApi();
        app.MapAidApi();
        app.MapTrainingApi();
        app.MapFacilitiesApi();
        app.MapFiguresApi();
        app.MapEducationExports();
        app.MapGrpcService<SchoolRollsService>();
        app.MapGrpcService<StudentAidService>();
        app.MapGrpcService<SkillsTrainingService>();
        return app;
    }
}
