using Microsoft.Extensions.Options;
using Platform.Ecology.Compensation;
using Platform.Ecology.Data;
using Platform.Ecology.Domain;
using Platform.Ecology.Exports;
using Platform.Ecology.Figures;
using Platform.Ecology.Grpc;
using Platform.Ecology.Households;
using Platform.Ecology.Projects;
using Platform.Ecology.Rangers;
using Platform.Ecology.Reactions;
using Platform.Messaging;
using Platform.Messaging.Households;
using Platform.ServiceDefaults.Data;

namespace Platform.Ecology;

public static class Extensions
{
    public const string ServiceName = "ecology";

    /// <summary>The ecology pillar's database, its copy of the registry's households and its reactions, options and ledgers.</summary>
    public static IHostApplicationBuilder AddEcology(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformDatabase<EcologyDbContext>("ecology");
        builder.AddPlatformMessaging<EcologyDbContext>(ServiceName, stream => stream.FollowHouseholds<EcologyDbContext, EcologyReactions>());
        builder.Services.AddOptions<RangerOptions>().Bind(builder.Configuration.GetSection(RangerOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RangerOptions>, RangerOptionsValidator>();
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<RangerOptions>>().Value.ToPolicy());
        builder.Services.AddOptions<CompensationOptions>().Bind(builder.Configuration.GetSection(CompensationOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CompensationOptions>, CompensationOptionsValidator>();
        builder.Services.AddSingleton<CompensationCatalogue>();
        builder.Services.AddScoped<RangerLedger>();
        builder.Services.AddScoped<RangerCommands>();
        builder.Services.AddScoped<CompensationLedger>();
        builder.Services.AddScoped<ProjectLedger>();
        builder.Services.AddScoped<RangerFeeds>();
        builder.Services.AddScoped<PaymentFeeds>();
        return builder;
    }

    public static WebApplication MapEcology(this WebApplication app)
    {
        app.MapRangersApi();
        app.MapCompensationApi();
        app.MapProjectsApi();
        app.MapHouseholdsApi();
        app.MapFiguresApi();
        app.MapEcologyExports();
        app.MapGrpcService<ForestRangersService>();
        app.MapGrpcService<EcologicalCompensationService>();
        app.MapGrpcService<EcologyProjectsService>();
        return app;
    }
}
