using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Platform.Gateway.Identity;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Grpc;

namespace Platform.Gateway;

public static class GatewayExtensions
{
    /// <summary>Name of the authorization policy every proxied route names explicitly.</summary>
    public const string AuthenticatedPolicy = "authenticated";

    /// <summary>Name of the rate-limit policy every proxied route names explicitly.</summary>
    public const string PerClientRateLimit = "per-client";

    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms(PortalSession.AddPortalTokenTransform);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthenticatedPolicy, policy => policy.RequireAuthenticatedUser());

        builder.Services.AddOptions<RateLimitSettings>().Bind(builder.Configuration.GetSection("RateLimiting"));
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                if (GrpcRefusals.IsGrpc(context.HttpContext.Request))
                {
                    await GrpcRefusals.WriteAsync(context.HttpContext.Response, Grpc.Core.StatusCode.ResourceExhausted, GrpcRefusals.TooManyRequests);
                    return;
                }

                await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "请求过于频繁", detail: "请稍后再试")
                    .ExecuteAsync(context.HttpContext);
            };
            // Each user or client (else the caller's address) has its own bucket.
            options.AddPolicy(PerClientRateLimit, context => RateLimitPartition.GetTokenBucketLimiter(
                PlatformClaims.Actor(context.User) ?? context.Connection.RemoteIpAddress?.ToString() ?? "anonymous",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = context.RequestServices.GetRequiredService<IOptions<RateLimitSettings>>().Value.Burst,
                    TokensPerPeriod = context.RequestServices.GetRequiredService<IOptions<RateLimitSettings>>().Value.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        });
        builder.AddAuditOwner();
        builder.AddTokenIssuer();
        builder.AddPortalSession();
        return builder;
    }

    /// <summary>
    /// gRPC streams (a county's bulk import) are far larger than a REST body: lift the body limit for
    /// them at the gateway; the service bounds each message instead.
    /// </summary>
    public static IApplicationBuilder UseGrpcBodyLimitLift(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        await next(context);
    });
}

/// <summary>Section "RateLimiting": requests per second per client, and the burst allowed.</summary>
public sealed class RateLimitSettings
{
    public int PermitsPerSecond { get; set; } = 100;

    public int Burst { get; set; } = 200;
}
