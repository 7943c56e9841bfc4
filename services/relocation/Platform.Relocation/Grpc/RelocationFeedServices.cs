using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.Contracts.Grpc.Relocation.V1;
using Platform.ServiceDefaults.Auth;

namespace Platform.Relocation.Grpc;

/// <summary>Resettlement sites for the development-and-reform bureau (发改局), through the gateway's HTTP/2 endpoint.</summary>
public sealed class ResettlementSitesService(FeedRunner feeds) : ResettlementSites.ResettlementSitesBase
{
    [Authorize(Policy = PlatformPolicies.PillarFeed)]
    public override Task<FeedSummary> ImportSites(IAsyncStreamReader<SiteRecord> requestStream, ServerCallContext context) =>
        feeds.RunAsync<SiteRecord, SiteFeed>(requestStream, r => r.ClientRef, context);
}

/// <summary>Relocation cases for the development-and-reform bureau (发改局).</summary>
public sealed class RelocationCasesService(FeedRunner feeds) : RelocationCases.RelocationCasesBase
{
    [Authorize(Policy = PlatformPolicies.PillarFeed)]
    public override Task<FeedSummary> ImportCases(IAsyncStreamReader<CaseRecord> requestStream, ServerCallContext context) =>
        feeds.RunAsync<CaseRecord, CaseFeed>(requestStream, r => r.ClientRef, context);
}

/// <summary>Housing safety for the housing and urban-rural development bureau (住建局).</summary>
public sealed class HousingSafetyService(FeedRunner feeds) : HousingSafety.HousingSafetyBase
{
    [Authorize(Policy = PlatformPolicies.PillarFeed)]
    public override Task<FeedSummary> ImportAppraisals(IAsyncStreamReader<AppraisalRecord> requestStream, ServerCallContext context) =>
        feeds.RunAsync<AppraisalRecord, HousingFeeds>(requestStream, r => r.ClientRef, context);

    [Authorize(Policy = PlatformPolicies.PillarFeed)]
    public override Task<FeedSummary> ImportRenovations(IAsyncStreamReader<RenovationRecord> requestStream, ServerCallContext context) =>
        feeds.RunAsync<RenovationRecord, HousingFeeds>(requestStream, r => r.ClientRef, context);

    [Authorize(Policy = PlatformPolicies.PillarFeed)]
    public override Task<FeedSummary> ImportToilets(IAsyncStreamReader<ToiletRecord> requestStream, ServerCallContext context) =>
        feeds.RunAsync<ToiletRecord, HousingFeeds>(requestStream, r => r.ClientRef, context);
}

/// <summary>Drinking water for the water resources bureau (水利局).</summary>
public sealed class DrinkingWaterService(FeedRunner feeds) : DrinkingWater.DrinkingWaterBase
{
    [Authorize(Policy = PlatformPolicies.PillarFeed)]
    public override Task<FeedSummary> ImportWaterProjects(IAsyncStreamReader<WaterProjectRecord> requestStream, ServerCallContext context) =>
        feeds.RunAsync<WaterProjectRecord, WaterFeeds>(requestStream, r => r.ClientRef, context);

    [Authorize(Policy = PlatformPolicies.PillarFeed)]
    public override Task<FeedSummary> ImportWaterTests(IAsyncStreamReader<WaterTestRecord> requestStream, ServerCallContext context) =>
        feeds.RunAsync<WaterTestRecord, WaterFeeds>(requestStream, r => r.ClientRef, context);
}
