using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.Contracts.Grpc.Welfare.V1;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Grpc;

namespace Platform.Welfare.Grpc;

/// <summary>
/// The pillar's gRPC feeds (through the gateway's HTTP/2 endpoint): for county staff and the welfare departments only
/// (<see cref="PlatformPolicies.PillarFeed"/>: civil affairs, medical insurance, health, the disabled persons'
/// federation, the insurer), every person matched in the caller's data scope.
/// </summary>
[Authorize(Policy = PlatformPolicies.PillarFeed)]
public sealed class SocialAssistanceService(FeedRunner runner) : SocialAssistance.SocialAssistanceBase
{
    public override Task<FeedSummary> ImportMeansChecks(IAsyncStreamReader<MeansCheckRecord> requestStream, ServerCallContext context)
    {
        var caller = FeedCaller.Of(context);
        return runner.RunAsync("means-checks", requestStream, r => r.ClientRef, (services, batch, ct) => AssistanceFeeds.MeansChecksAsync(services, batch, caller, ct), context.CancellationToken);
    }

    public override Task<FeedSummary> ImportEnrolments(IAsyncStreamReader<AssistanceEnrolmentRecord> requestStream, ServerCallContext context)
    {
        var caller = FeedCaller.Of(context);
        return runner.RunAsync("assistance-enrolments", requestStream, r => r.ClientRef, (services, batch, ct) => AssistanceFeeds.EnrolmentsAsync(services, batch, caller, ct), context.CancellationToken);
    }
}

[Authorize(Policy = PlatformPolicies.PillarFeed)]
public sealed class MedicalInsuranceService(FeedRunner runner) : MedicalInsurance.MedicalInsuranceBase
{
    public override Task<FeedSummary> ImportInsuranceEnrolments(IAsyncStreamReader<InsuranceEnrolmentRecord> requestStream, ServerCallContext context)
    {
        var caller = FeedCaller.Of(context);
        return runner.RunAsync("insurance-enrolments", requestStream, r => r.ClientRef, (services, batch, ct) => MedicalFeeds.EnrolmentsAsync(services, batch, caller, ct), context.CancellationToken);
    }

    public override Task<FeedSummary> ImportClaims(IAsyncStreamReader<ClaimRecord> requestStream, ServerCallContext context)
    {
        var caller = FeedCaller.Of(context);
        return runner.RunAsync("claims", requestStream, r => r.ClientRef, (services, batch, ct) => MedicalFeeds.ClaimsAsync(services, batch, caller, ct), context.CancellationToken);
    }
}

[Authorize(Policy = PlatformPolicies.PillarFeed)]
public sealed class HealthRecordsService(FeedRunner runner) : HealthRecords.HealthRecordsBase
{
    public override Task<FeedSummary> ImportChronicCertificates(IAsyncStreamReader<ChronicCertificateRecord> requestStream, ServerCallContext context)
    {
        var caller = FeedCaller.Of(context);
        return runner.RunAsync("chronic-certificates", requestStream, r => r.ClientRef, (services, batch, ct) => HealthFeeds.CertificatesAsync(services, batch, caller, ct), context.CancellationToken);
    }
}

[Authorize(Policy = PlatformPolicies.PillarFeed)]
public sealed class DisabilityAssessmentsService(FeedRunner runner) : DisabilityAssessments.DisabilityAssessmentsBase
{
    public override Task<FeedSummary> ImportDisabilityAssessments(IAsyncStreamReader<DisabilityAssessmentRecord> requestStream, ServerCallContext context)
    {
        var caller = FeedCaller.Of(context);
        return runner.RunAsync("disability-assessments", requestStream, r => r.ClientRef, (services, batch, ct) => HealthFeeds.DisabilitiesAsync(services, batch, caller, ct), context.CancellationToken);
    }
}

[Authorize(Policy = PlatformPolicies.PillarFeed)]
public sealed class ProtectionInsuranceService(FeedRunner runner) : ProtectionInsurance.ProtectionInsuranceBase
{
    public override Task<FeedSummary> ImportPayouts(IAsyncStreamReader<ProtectionPayoutRecord> requestStream, ServerCallContext context)
    {
        var caller = FeedCaller.Of(context);
        return runner.RunAsync("protection-payouts", requestStream, r => r.ClientRef, (services, batch, ct) => ProtectionFeeds.PayoutsAsync(services, batch, caller, ct), context.CancellationToken);
    }
}
