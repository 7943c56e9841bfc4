using Microsoft.Extensions.Options;
using Platform.Contracts.Registry;
using Platform.Messaging;
using Platform.Messaging.Households;
using Platform.ServiceDefaults.Data;
using Platform.Welfare.Assistance;
using Platform.Welfare.Claims;
using Platform.Welfare.Common;
using Platform.Welfare.Data;
using Platform.Welfare.Exports;
using Platform.Welfare.Figures;
using Platform.Welfare.Grpc;
using Platform.Welfare.Health;
using Platform.Welfare.Households;
using Platform.Welfare.Insurance;
using Platform.Welfare.Protection;
using Platform.Welfare.Reactions;

namespace Platform.Welfare;

public static class Extensions
{
    public const string ServiceName = "welfare";

    /// <summary>The welfare pillar's database, its copy of the registry's households, the income it follows, its rules and ledgers.</summary>
    public static IHostApplicationBuilder AddWelfare(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformDatabase<WelfareDbContext>(ServiceName);
        builder.AddPlatformMessaging<WelfareDbContext>(ServiceName, stream => stream
            .FollowHouseholds<WelfareDbContext, WelfareReactions>()
            .Handle<IncomeRecorded, IncomeRecordedHandler>()
            .PrepareWith<IncomeBatch>());
        builder.Services.AddOptions<WelfareOptions>().Bind(builder.Configuration.GetSection(WelfareOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WelfareOptions>, WelfareOptionsValidator>();
        builder.Services.AddSingleton<WelfarePolicies>();
        builder.Services.AddScoped<HouseholdSituations>();
        builder.Services.AddScoped<AssistanceLedger>();
        builder.Services.AddScoped<AssistanceCommands>();
        builder.Services.AddScoped<InsuranceLedger>();
        builder.Services.AddScoped<MedicalGuaranteeBook>();
        builder.Services.AddScoped<ClaimLedger>();
        builder.Services.AddScoped<ClaimPatients>();
        builder.Services.AddScoped<HealthLedger>();
        builder.Services.AddScoped<ProtectionLedger>();
        builder.Services.AddSingleton<FeedRunner>();
        return builder;
    }

    public static WebApplication MapWelfare(this WebApplication app)
    {
        app.MapHouseholdsApi();
        app.MapAssistanceApi();
        app.MapInsuranceApi();
        app.MapClaimsApi();
        app.MapHealthApi();
        app.MapProtectionApi();
        app.MapFiguresApi();
        app.MapWelfareExports();
        app.MapGrpcService<SocialAssistanceService>();
        app.MapGrpcService<MedicalInsuranceService>();
        app.MapGrpcService<HealthRecordsService>();
        app.MapGrpcService<DisabilityAssessmentsService>();
        app.MapGrpcService<ProtectionInsuranceService>();
        return app;
    }
}
