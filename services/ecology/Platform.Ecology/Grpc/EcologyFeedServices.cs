using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.Contracts.Grpc.Ecology.V1;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Grpc;

namespace Platform.Ecology.Grpc;

/// <summary>
/// 生态护林员 in bulk for the forestry bureau (through the gateway's HTTP/2 endpoint). Every feed is for county
/// staff and the forestry department only (<see cref="PlatformPolicies.PillarFeed"/>) and matches its people inside
/// the caller's data scope.
/// </summary>
[Authorize(Policy = PlatformPolicies.PillarFeed)]
public sealed class ForestRangersService(RangerFeeds feeds) : ForestRangers.ForestRangersBase
{
    public override Task<FeedSummary> SelectRangers(IAsyncStreamReader<RangerSelectionRecord> requestStream, ServerCallContext context) =>
        feeds.SelectAsync(requestStream, FeedCaller.Of(context), context.CancellationToken);

    public override Task<FeedSummary> RecordPatrols(IAsyncStreamReader<PatrolRecord> requestStream, ServerCallContext context) =>
        feeds.PatrolAsync(requestStream, FeedCaller.Of(context), context.CancellationToken);

    public override Task<FeedSummary> PayRangers(IAsyncStreamReader<RangerPayRecord> requestStream, ServerCallContext context) =>
        feeds.PayAsync(requestStream, FeedCaller.Of(context), context.CancellationToken);
}

/// <summary>生态补偿 in bulk for the forestry bureau.</summary>
[Authorize(Policy = PlatformPolicies.PillarFeed)]
public sealed class EcologicalCompensationService(PaymentFeeds feeds) : EcologicalCompensation.EcologicalCompensationBase
{
    public override Task<FeedSummary> PayCompensation(IAsyncStreamReader<CompensationRecord> requestStream, ServerCallContext context) =>
        feeds.CompensateAsync(requestStream, FeedCaller.Of(context), context.CancellationToken);
}

/// <summary>Households' wages and dividends from projects, in bulk.</summary>
[Authorize(Policy = PlatformPolicies.PillarFeed)]
public sealed class EcologyProjectsService(PaymentFeeds feeds) : EcologyProjects.EcologyProjectsBase
{
    public override Task<FeedSummary> RecordProjectIncomes(IAsyncStreamReader<ProjectIncomeRecord> requestStream, ServerCallContext context) =>
        feeds.ProjectIncomesAsync(requestStream, FeedCaller.Of(context), context.CancellationToken);
}
