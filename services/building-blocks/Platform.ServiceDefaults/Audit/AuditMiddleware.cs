using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Audit;

/// <summary>
/// Records every write: REST POST/PUT/PATCH/DELETE and every gRPC call, except endpoints marked
/// <see cref="AuditAsReadAttribute"/> or <see cref="NotAuditedAttribute"/>, health and metrics. A
/// write that commits data is recorded just before its first commit (<see cref="PendingAudit"/>):
/// if the row cannot be written, nothing is committed and the call fails (503, gRPC Unavailable);
/// should the call then end otherwise than in success, a second row records how. A call that
/// commits nothing (refused by authorization or validation, failed) is recorded when it ends, with
/// its final status; if that row cannot be written it is logged and counted (metric
/// platform.audit.write_failures), as nothing was changed.
/// </summary>
internal sealed partial class AuditMiddleware(
    RequestDelegate next,
    IAuditTrail trail,
    TimeProvider clock,
    IOptions<AuditOptions> options,
    ILogger<AuditMiddleware> logger)
{
    private readonly string idRouteValue = options.Value.ResourceIdRouteValue;

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var isGrpc = endpoint?.Metadata.GetMetadata<GrpcMethodMetadata>() is not null;
        if (!IsAuditedWrite(context, endpoint, isGrpc))
        {
            await next(context);
            return;
        }

        // Taken now: the exception handler clears the endpoint and route values when it runs.
        var onlyRefusals = endpoint!.Metadata.GetMetadata<AuditOnlyAccessRefusalsAttribute>() is not null;
        var action = onlyRefusals
            ? context.Request.Method + " " + context.Request.Path.ToString()
            : AuditContext.Action(context, endpoint);
        var resource = AuditContext.Resource(endpoint);
        var resourceId = AuditContext.ResourceId(context, endpoint, idRouteValue);
        var traceId = AuditContext.TraceId(context);
        AuditRecord Record(int status, string outcome)
        {
            var (subject, role, clientId) = AuditContext.Caller(context);
            return new AuditRecord
            {
                At = clock.GetUtcNow(),
                Subject = subject,
                Role = role,
                ClientId = clientId,
                Action = action,
                Resource = resource,
                ResourceId = resourceId,
                OutcomeStatus = status,
                Outcome = outcome,
                SourceAddress = AuditContext.SourceAddress(context),
                TraceId = traceId,
            };
        }

        PendingAudit? pending = null;
        if (!onlyRefusals)
        {
            pending = new PendingAudit(
                (status, cancellationToken) => trail.RecordAsync(Record(status, AuditOutcomes.Succeeded), cancellationToken),
                SuccessStatus(endpoint, isGrpc));
            context.Features.Set(pending);
        }

        int? thrownStatus = null;
        try
        {
            await next(context);
        }
        catch (Exception error)
        {
            thrownStatus = error switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                OperationCanceledException when context.RequestAborted.IsCancellationRequested => 499,
                _ => StatusCodes.Status500InternalServerError,
            };
            throw;
        }
        finally
        {
            var (status, outcome) = isGrpc ? GrpcOutcome(context, thrownStatus) : HttpOutcome(thrownStatus ?? context.Response.StatusCode);
            var recordedAtCommit = pending?.RecordedStatus is not null;
            if (recordedAtCommit ? outcome != AuditOutcomes.Succeeded : !onlyRefusals || (thrownStatus is null && status is 401 or 403 or 429))
            {
                await RecordAsync(Record(status, outcome));
            }
        }
    }

    /// <summary>The success an endpoint declares (its first 2xx response type, REST), or OK (gRPC).</summary>
    private static int SuccessStatus(Endpoint endpoint, bool isGrpc) =>
        isGrpc ? (int)StatusCode.OK
        : endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>()
            .Select(m => m.StatusCode)
            .FirstOrDefault(s => s is >= 200 and < 300, StatusCodes.Status200OK);

    private async Task RecordAsync(AuditRecord record)
    {
        try
        {
            // Not the request's token: an aborted request is recorded all the same.
            await trail.RecordAsync(record, CancellationToken.None);
        }
#pragma warning disable CA1031 // Nothing of this call was committed without its row (a commit writes it first); a lost row of a refusal is logged and counted.
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogWriteFailed(logger, error, record.Action, record.OutcomeStatus);
        }
    }

    private static bool IsAuditedWrite(HttpContext context, Endpoint? endpoint, bool isGrpc)
    {
        if (endpoint is null
            || context.Request.Path.StartsWithSegments("/health")
            || context.Request.Path.StartsWithSegments("/metrics")
            || endpoint.Metadata.GetMetadata<NotAuditedAttribute>() is not null
            || endpoint.Metadata.GetMetadata<AuditAsReadAttribute>() is not null)
        {
            return false;
        }

        return isGrpc || HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method)
            || HttpMethods.IsPatch(context.Request.Method) || HttpMethods.IsDelete(context.Request.Method);
    }

    /// <summary>2xx (and 3xx) succeeded, 4xx refused, 5xx failed.</summary>
    internal static (int Status, string Outcome) HttpOutcome(int status) => (status, status switch
    {
        >= 500 => AuditOutcomes.Failed,
        >= 400 => AuditOutcomes.Refused,
        _ => AuditOutcomes.Succeeded,
    });

    /// <summary>
    /// The grpc-status trailer (or header, for a trailers-only response). Without one the call was
    /// answered before gRPC ran (authentication, authorization, rate limit): its HTTP status is
    /// mapped to the code a client sees, and classed as refused or failed by the HTTP status.
    /// </summary>
    private static (int Status, string Outcome) GrpcOutcome(HttpContext context, int? thrownStatus)
    {
        if (thrownStatus is not null)
        {
            return ((int)StatusCode.Internal, AuditOutcomes.Failed);
        }

        var trailers = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        var text = trailers is not null && trailers.TryGetValue("grpc-status", out var value) && value.Count > 0
            ? value.ToString()
            : context.Response.Headers["grpc-status"].ToString();
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            return (code, (StatusCode)code switch
            {
                StatusCode.OK => AuditOutcomes.Succeeded,
                StatusCode.Unknown or StatusCode.DeadlineExceeded or StatusCode.Unimplemented or StatusCode.Internal
                    or StatusCode.Unavailable or StatusCode.DataLoss => AuditOutcomes.Failed,
                _ => AuditOutcomes.Refused,
            });
        }

        var http = context.Response.StatusCode;
        var mapped = http switch
        {
            StatusCodes.Status401Unauthorized => StatusCode.Unauthenticated,
            StatusCodes.Status403Forbidden => StatusCode.PermissionDenied,
            StatusCodes.Status404NotFound => StatusCode.Unimplemented,
            StatusCodes.Status429TooManyRequests => StatusCode.ResourceExhausted,
            StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout => StatusCode.Unavailable,
            >= 400 and < 500 => StatusCode.Internal,
            _ => StatusCode.Unknown,
        };
        return ((int)mapped, http is >= 400 and < 500 ? AuditOutcomes.Refused : AuditOutcomes.Failed);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry for {Action} (status {Status}) could not be written")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string action, int status);
}
