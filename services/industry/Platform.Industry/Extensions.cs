using Microsoft.Extensions.Options;
using Platform.Contracts.Education;
using Platform.Contracts.Households;
using Platform.Contracts.Relocation;
using Platform.Industry.Catalogue;
using Platform.Industry.Consumption;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Industry.Entities;
using Platform.Industry.Exports;
using Platform.Industry.Figures;
using Platform.Industry.Grpc;
using Platform.Industry.Households;
using Platform.Industry.Income;
using Platform.Industry.Jobs;
using Platform.Industry.Links;
using Platform.Industry.Projects;
using Platform.Industry.Reactions;
using Platform.Messaging;
using Platform.Messaging.Households;
using Platform.ServiceDefaults.Data;

namespace Platform.Industry;

public static class Extensions
{
    public const string ServiceName = "industry";

    /// <summary>The industry pillar's database, its replica of the registry's households, the events it reacts to, its catalogue and commands.</summary>
    public static IHostApplicationBuilder AddIndustry(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformDatabase<IndustryDbContext>("industry");
        builder.AddPlatformMessaging<IndustryDbContext>(ServiceName, stream => stream
            .FollowHouseholds<IndustryDbContext, IndustryReactions>()
            .Handle<HouseholdRelocated, HouseholdRelocatedHandler>()
            .Handle<TrainingCompleted, TrainingCompletedHandler>()
            .Handle<MonitoringFlagRaised, MonitoringFlagHandlers>()
            .Handle<MonitoringFlagRemoved, MonitoringFlagHandlers>()
            .PrepareWith<PillarEventBatch>());
        builder.Services.AddOptions<IndustryOptions>().Bind(builder.Configuration.GetSection(IndustryOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IndustryOptions>, IndustryOptionsValidator>();
        builder.Services.AddSingleton(services => IndustryOptionsValidator.Catalogue(services.GetRequiredService<IOptions<IndustryOptions>>()));
        builder.Services.AddScoped<IncomeReports>();
        builder.Services.AddScoped<EntityCommands>();
        builder.Services.AddScoped<LinkLedger>();
        builder.Services.AddScoped<LinkCommands>();
        builder.Services.AddScoped<ProjectLedger>();
        builder.Services.AddScoped<EmploymentLedger>();
        builder.Services.AddScoped<FeedRunner>();
        builder.Services.AddScoped<EntityFeed>();
        builder.Services.AddScoped<LinkFeed>();
        builder.Services.AddScoped<ProjectFeed>();
        builder.Services.AddScoped<EmploymentFeed>();
        return builder;
    }

    public static WebApplication MapIndustry(this WebApplication app)
    {
        app.MapCatalogueApi();
        app.MapEntitiesApi();
        app.MapLinksApi();
        app.MapProjectsApi();
        app.MapEmploymentApi();
        app.MapJobMatchingApi();
        app.MapSalesApi();
        app.MapHouseholdsApi();
        app.MapFiguresApi();
        app.MapIndustryExports();
        app.MapGrpcService<AgricultureFeedsService>();
        app.MapGrpcService<EmploymentFeedsService>();
        return app;
    }
}
