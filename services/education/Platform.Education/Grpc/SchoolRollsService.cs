using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.Contracts.Grpc.Education.V1;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Grpc;

namespace Platform.Education.Grpc;

/// <summary>
/// The pillar's gRPC API for the education bureau (through the gateway's HTTP/2 endpoint). Every feed
/// is for county staff and the education department only (<see cref="PlatformPolicies.PillarFeed"/>)
/// and matches its people inside the caller's data scope.
/// </summary>
public sealed class SchoolRollsService(SchoolRollImporter importer) : SchoolRolls.SchoolRollsBase
{
    [Authorize(Policy = PlatformPolicies.PillarFeed)]
    public override Task<SchoolRollSummary> ImportSchoolRolls(IAsyncStreamReader<SchoolRollRecord> requestStream, ServerCallContext context) =>
        importer.ImportAsync(requestStream, FeedCaller.Of(context), dropoutReports: false, context.CancellationToken);

    [Authorize(Policy = PlatformPolicies.PillarFeed)]
    public override Task<SchoolRollSummary> DropoutReports(IAsyncStreamReader<SchoolRollRecord> requestStream, ServerCallContext context) =>
        importer.ImportAsync(requestStream, FeedCaller.Of(context), dropoutReports: true, context.CancellationToken);
}

/// <summary>Student aid in bulk for the education bureau's funding centre.</summary>
public sealed class StudentAidService(AidGrantImporter importer) : StudentAid.StudentAidBase
{
    [Authorize(Policy = PlatformPolicies.PillarFeed)]
    public override Task<AidGrantSummary> ImportAidGrants(IAsyncStreamReader<AidGrantRecord> requestStream, ServerCallContext context) =>
        importer.ImportAsync(requestStream, FeedCaller.Of(context), context.CancellationToken);
}

/// <summary>Skills-training results in bulk for the human-resources bureau.</summary>
public sealed class SkillsTrainingService(TrainingResultImporter importer) : SkillsTraining.SkillsTrainingBase
{
    [Authorize(Policy = PlatformPolicies.PillarFeed)]
    public override Task<TrainingResultSummary> ImportTrainingResults(IAsyncStreamReader<TrainingResultRecord> requestStream, ServerCallContext context) =>
        importer.ImportAsync(requestStream, FeedCaller.Of(context), context.CancellationToken);
}
