using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Platform.Gateway.Identity;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Grpc;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Http;

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
        // A client's token is verified once, not on every call it makes (see ValidatedTokenCache).
        builder.Services.AddSingleton(services => new ValidatedTokenCache(services.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<ValidatedTokenCache>((jwt, cache) =>
            {
                var handlers = jwt.TokenHandlers.Select(handler => handler is CachingTokenHandler ? handler : new CachingTokenHandler(handler, cache)).ToList();
                jwt.TokenHandlers.Clear();
                foreach (var handler in handlers)
                {
                    jwt.TokenHandlers.Add(handler);
                }
            });

        builder.Services.AddOptions<RateLimitSettings>().Bind(builder.Configuration.GetSection("RateLimiting"));
        builder.Services.AddOptions<GatewaySettings>().Bind(builder.Configuration.GetSection("Gateway")).ValidateDataAnnotations().ValidateOnStart();
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
    /// gRPC streams (a county's bulk import) are larger than a REST body: on the gRPC endpoint (the
    /// Kestrel endpoint "Grpc", HTTP/2) a gRPC call may send up to "Gateway:MaxGrpcRequestBodyBytes";
    /// a request anywhere else keeps the REST limit, whatever content type it claims. The proxy lifts
    /// the server's limit for anything that claims to be gRPC, so the bound is counted here, on the
    /// body the proxy reads.
    /// </summary>
    public static IApplicationBuilder UseGrpcBodyLimit(this IApplicationBuilder app)
    {
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        var grpcPort = ManagementPort.EndpointPort(configuration, GrpcEndpointName);
        return app.Use(async (context, next) =>
        {
            if (GrpcRefusals.IsGrpc(context.Request))
            {
                var limit = grpcPort is { } port && context.Connection.LocalPort == port
                    ? context.RequestServices.GetRequiredService<IOptions<GatewaySettings>>().Value.MaxGrpcRequestBodyBytes
                    : ServiceDefaultsExtensions.MaxRequestBodyBytes;
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                {
                    feature.MaxRequestBodySize = limit;
                }

                context.Request.Body = new BoundedRequestBody(context.Request.Body, limit);
            }

            await next(context);
        });
    }

    /// <summary>The Kestrel endpoint departmental systems call over gRPC (HTTP/2).</summary>
    public const string GrpcEndpointName = "Grpc";
}

/// <summary>Section "Gateway".</summary>
public sealed class GatewaySettings
{
    /// <summary>Largest gRPC request stream on the gRPC endpoint (default 128 MiB; the full demo county is far below).</summary>
    [System.ComponentModel.DataAnnotations.Range(1024, 4L * 1024 * 1024 * 1024)]
    public long MaxGrpcRequestBodyBytes { get; set; } = 128L * 1024 * 1024;
}

/// <summary>Section "RateLimiting": requests per second per client, and the burst allowed.</summary>
public sealed class RateLimitSettings
{
    public int PermitsPerSecond { get; set; } = 100;

    public int Burst { get; set; } = 200;
}

/// <summary>A request body that fails with 413 once more than <c>limit</c> bytes have been read.</summary>
internal sealed class BoundedRequestBody(Stream inner, long limit) : Stream
{
    private long read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int bytes)
    {
        read += bytes;
        if (read > limit)
        {
            throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        return bytes;
    }
}
