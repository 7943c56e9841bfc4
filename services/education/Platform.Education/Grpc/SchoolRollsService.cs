using Microsoft.AspNetCore.Authorization;
using Platform.ServiceDefaults.Auth;
using Grpc.Core;
using Platform.Contracts.Grpc.Education.V1;

namespace Platform.Education.Grpc;

/// <summary>The pillar's gRPC API for the education bureau (through the gateway's HTTP/2 endpoint).</summary>
public sealed class SchoolRollsService(SchoolRollImporter importer) : SchoolRolls.SchoolRollsBase
{
    [Authorize(Policy = PlatformPolicies.PillarWrite)]
    public override Task<SchoolRollSummary> ImportSchoolRolls(IAsyncStreamReader<SchoolRollRecord> requestStream, ServerCallContext context) =>
        importer.ImportAsync(requestStream, context.CancellationToken);
}
