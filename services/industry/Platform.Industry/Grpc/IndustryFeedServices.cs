using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.Contracts.Grpc.Industry.V1;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Grpc;

namespace Platform.Industry.Grpc;

/// <summary>
/// The agriculture bureau's feeds (through the gateway's HTTP/2 endpoint): for county staff and the industry pillar's
/// departments only (<see cref="PlatformPolicies.PillarFeed"/>); people matched inside the caller's data scope.
/// </summary>
public sealed class AgricultureFeedsService(EntityFeed entities, LinkFeed links, ProjectFeed projects) : AgricultureFeeds.AgricultureFeedsBase
{
    [Authorize(Policy = PlatformPolicies.PillarFeed)]
    public override Task<FeedSummary> ImportEntities(IAsyncStreamReader<EntityRecord> requestStream, ServerCallContext context) =>
        entities.ImportEntitiesAsync(requestStream, FeedCaller.Of(context), context.CancellationToken);

    [Authorize(Policy = PlatformPolicies.PillarFeed)]
    public override Task<FeedSummary> ImportBases(IAsyncStreamReader<BaseRecord> requestStream, ServerCallContext context) =>
        entities.ImportBasesAsync(requestStream, FeedCaller.Of(context), context.CancellationToken);

    [Authorize(Policy = PlatformPolicies.PillarFeed)]
    public override Task<FeedSummary> ImportLinks(IAsyncStreamReader<LinkRecord> requestStream, ServerCallContext context) =>
        links.ImportLinksAsync(requestStream, FeedCaller.Of(context), context.CancellationToken);

    [Authorize(Policy = PlatformPolicies.PillarFeed)]
    public override Task<FeedSummary> ImportPayments(IAsyncStreamReader<PaymentRecord> requestStream, ServerCallContext context) =>
        links.ImportPaymentsAsync(requestStream, FeedCaller.Of(context), context.CancellationToken);

    [Authorize(Policy = PlatformPolicies.PillarFeed)]
    public override Task<FeedSummary> ImportProjects(IAsyncStreamReader<ProjectRecord> requestStream, ServerCallContext context) =>
        projects.ImportAsync(requestStream, FeedCaller.Of(context), context.CancellationToken);
}

/// <summary>The human-resources bureau's employment feed, under the same rule of callers.</summary>
public sealed class EmploymentFeedsService(EmploymentFeed employment) : EmploymentFeeds.EmploymentFeedsBase
{
    [Authorize(Policy = PlatformPolicies.PillarFeed)]
    public override Task<FeedSummary> ImportEmployment(IAsyncStreamReader<EmploymentRecord> requestStream, ServerCallContext context) =>
        employment.ImportAsync(requestStream, FeedCaller.Of(context), context.CancellationToken);
}
