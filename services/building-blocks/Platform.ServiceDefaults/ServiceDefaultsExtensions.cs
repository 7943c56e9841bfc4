using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    private static readonly Dictionary<int, string> ChineseTitles = new()
    {
        [StatusCodes.Status400BadRequest] = "请求有误",
        [StatusCodes.Status401Unauthorized] = "未认证：请登录或提供有效的访问令牌",
        [StatusCodes.Status403Forbidden] = "无权执行此操作",
        [StatusCodes.Status404NotFound] = "未找到",
        [StatusCodes.Status405MethodNotAllowed] = "不支持此请求方法",
        [StatusCodes.Status409Conflict] = "与现有数据冲突",
        [StatusCodes.Status413PayloadTooLarge] = "请求内容过大",
        [StatusCodes.Status415UnsupportedMediaType] = "不支持的内容类型",
        [StatusCodes.Status429TooManyRequests] = "请求过于频繁",
        [StatusCodes.Status500InternalServerError] = "服务器内部错误",
        [StatusCodes.Status502BadGateway] = "后端服务不可用",
        [StatusCodes.Status503ServiceUnavailable] = "服务暂不可用",
    };

    /// <summary>Largest REST request body; gRPC streams are bounded per message instead.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>The largest single gRPC message a service reads (a record padded by a newer client still fits; a record is far smaller).</summary>
    public const int MaxGrpcMessageBytes = 4 * 1024 * 1024;

    /// <summary>
    /// OpenTelemetry (traces, metrics, logs with the trace id), health checks, problem details,
    /// bearer authentication with an authenticated-by-default policy, the audit log (connection
    /// string "audit", the writer role), OpenAPI, request size limits.
    /// </summary>
    /// <param name="area">The area a service owns (registry or a pillar, see <see cref="PlatformScopes"/>); none for the gateway.</param>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string? area = null)
    {
        // First of the host's start-up work: no demo secret, key or user outside Development.
        builder.Services.AddHostedService<DemoValueGuard>();
        builder.AddPlatformTelemetry();
        builder.AddPlatformForwardedHeaders();
        builder.AddPlatformAuthentication(area);
        builder.AddPlatformAudit();

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            // The framework's own answers (401, 403, 404…) come with English reason phrases: county
            // staff read Chinese.
            if (context.ProblemDetails.Status is { } status
                && (context.ProblemDetails.Title is null || context.ProblemDetails.Title == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status))
                && ChineseTitles.TryGetValue(status, out var title))
            {
                context.ProblemDetails.Title = title;
            }

            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString()
                ?? context.HttpContext.TraceIdentifier;
        });
        builder.Services.AddExceptionHandler<PlatformExceptionHandler>();
        // Enumerations travel as kebab-case codes ("not-working-age"), the same as over gRPC.
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [HealthTags.Live]);
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.AddOptions<ImportLimits>().Bind(builder.Configuration.GetSection(ImportLimits.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.EnableDetailedErrors = false;
            // One message is bounded (RESOURCE_EXHAUSTED beyond); a stream may hold many, up to the gateway's bound.
            grpc.MaxReceiveMessageSize = MaxGrpcMessageBytes;
            grpc.Interceptors.Add<UnreadableStreamMessagesInterceptor>();
            grpc.Interceptors.Add<ImportRecordLimit>();
            grpc.Interceptors.Add<UnavailableGrpcStatus>();
        });
        return builder;
    }

    public static IHostApplicationBuilder AddPlatformTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        // Console logs carry the trace and span ids of the request or message being handled.
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        var otel = builder.Services.AddOpenTelemetry()
            // The orchestrator's name for the service (OTEL_SERVICE_NAME) wins over the assembly's.
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(PlatformTelemetry.SourcePrefix + "*")
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, "Yarp.ReverseProxy", PlatformTelemetry.SourcePrefix + "*")
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics"))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// The audit log of every write (outermost, so it sees the final status of refused and failed
    /// calls), problem details for every error, authentication and authorization.
    /// </summary>
    public static WebApplication UsePlatformDefaults(this WebApplication app)
    {
        app.UsePlatformForwardedHeaders();
        app.UseManagementPortGuard(app.Configuration);
        app.UsePlatformAudit();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseUnreadableGrpcMessagesRefused();
        return app;
    }

    /// <summary>
    /// /health/live and /health/ready (no token needed), /metrics for Prometheus, and the OpenAPI
    /// document at /openapi/v1.json; where the host has a management port ("Management" Kestrel
    /// endpoint, the gateway), the last two only there.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthTags.Live) })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => !check.Tags.Contains(HealthTags.Live) || check.Tags.Contains(HealthTags.Ready) })
            .AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous().OnManagementPortOnly();
        app.MapOpenApi().AllowAnonymous().OnManagementPortOnly();
        return app;
    }
}
