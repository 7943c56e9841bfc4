using Microsoft.Extensions.Options;
using Platform.Contracts.Registry;
using Platform.Households.Common;
using Platform.Households.Campaign;
using Platform.Households.Consumers;
using Platform.Households.Exit;
using Platform.Households.Exports;
using Platform.Households.Figures;
using Platform.Households.Form;
using Platform.Households.Helpers;
using Platform.Households.Inspections;
using Platform.Households.Villages;
using Platform.Households.Monitoring;
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
            .Handle<LargeExpenseReported, LargeExpenseReportedHandler>()
            .Handle<MemberHealthAssessed, MemberHealthAssessedHandler>()
            .PrepareWith<PillarReportBatch>()
            .Handle<Platform.Contracts.Relocation.HouseholdRelocated, RelocationMoves>()
            .PrepareWith<RelocationMoves>());
        builder.Services.AddOptions<RegistryOptions>().Bind(builder.Configuration.GetSection(RegistryOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RegistryOptions>, RegistryOptionsValidation>();
        builder.Services.AddScoped<HouseholdCommands>();
        builder.Services.AddScoped<ExitAssessor>();
        builder.Services.AddScoped<ExitCommands>();
        builder.Services.AddScoped<GuaranteeBook>();
        builder.Services.AddScoped<IncomeLedger>();
        builder.Services.AddScoped<MonitoringSignals>();
        builder.Services.AddScoped<MonitoringCommands>();
        builder.Services.AddScoped<BulkHouseholdImporter>();
        builder.Services.AddScoped<HouseholdAnnouncer>();
        builder.Services.AddScoped<FormCommands>();
        builder.Services.AddScoped<HelperCommands>();
        builder.Services.AddScoped<CampaignHistoryImporter>();
        return builder;
    }

    public static WebApplication MapHouseholds(this WebApplication app)
    {
        app.MapHouseholdsApi();
        app.MapIncomeApi();
        app.MapAnnouncementsApi();
        app.MapExitApi();
        app.MapMonitoringApi();
        app.MapVillageExitApi();
        app.MapInspectionApi();
        app.MapExitFiguresApi();
        app.MapTownshipFiguresApi();
        app.MapRegistryExports();
        app.MapStatisticsApi();
        app.MapFormApi();
        app.MapHelpersApi();
        app.MapGrpcService<HouseholdRegistryService>();
        return app;
    }
}
