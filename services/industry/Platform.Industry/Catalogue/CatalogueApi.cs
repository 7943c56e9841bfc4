using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Industry.Domain;
using Platform.ServiceDefaults.Auth;

namespace Platform.Industry.Catalogue;

public sealed record CatalogueDto(IReadOnlyList<IndustryDto> Industries, IReadOnlyList<IndustryModel> Models, IReadOnlyList<SubsidyPolicyDto> SubsidyPolicies);

public sealed record IndustryDto(string Code, string Name, Measure Measure, string Unit, string? Category);

public sealed record SubsidyPolicyDto(string Code, string Name, IReadOnlyList<string> Industries, decimal RatePerUnit, decimal MaxPerHousehold, decimal MinScale, bool CountsTowardExit);

/// <summary>The county's industries, industry models and subsidy policies (configuration "Industry").</summary>
public static class CatalogueApi
{
    public static IEndpointRouteBuilder MapCatalogueApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/industry/catalogue", Get)
            .RequireAuthorization(PlatformPolicies.Read)
            .WithTags("产业目录")
            .WithSummary("本县产业（种植面积或存栏）、产业扶贫模式和产业奖补政策（配置项 Industry）");
        return app;
    }

    internal static Ok<CatalogueDto> Get(IndustryCatalogue catalogue) => TypedResults.Ok(new CatalogueDto(
        catalogue.Industries.Select(i => new IndustryDto(i.Code, i.Name, i.Measure, i.Unit, i.Category)).ToList(),
        catalogue.Models.ToList(),
        catalogue.Policies.Select(p => new SubsidyPolicyDto(
            p.Code, p.Name, p.Industries.Order(StringComparer.Ordinal).ToList(), p.RatePerUnit, p.MaxPerHousehold, p.MinScale, IncomeRules.Of(IncomeSource.ProjectSubsidy).CountsTowardExit)).ToList()));
}
