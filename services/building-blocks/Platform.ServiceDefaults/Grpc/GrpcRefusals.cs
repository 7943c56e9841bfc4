using System.Globalization;
using System.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Grpc;

/// <summary>
/// Refusals a host answers before any gRPC service runs (authentication, authorization, rate
/// limits), told to a gRPC caller the way a gRPC server tells them: HTTP 200, content type
/// application/grpc, and grpc-status with a grpc-message in a trailers-only response, so a client
/// sees Unauthenticated or PermissionDenied with the reason, not "Bad gRPC response. HTTP status 401".
/// </summary>
public static class GrpcRefusals
{
    public const string Unauthenticated = "未认证：请在 authorization 元数据中提供有效的访问令牌（Bearer）";

    public const string PermissionDenied = "无权执行此操作";

    public const string TooManyRequests = "请求过于频繁，请稍后再试";

    /// <summary>A gRPC call: content type application/grpc (with or without a suffix such as +proto).</summary>
    public static bool IsGrpc(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ContentType is { } type
            && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase)
            && (type.Length == "application/grpc".Length || type["application/grpc".Length] is '+' or ';');
    }

    /// <summary>Answers with <paramref name="status"/> and <paramref name="message"/> as a trailers-only gRPC response.</summary>
    public static Task WriteAsync(HttpResponse response, StatusCode status, string message)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)status).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(message);
        return Task.CompletedTask;
    }

    /// <summary>grpc-message is percent-encoded UTF-8: printable ASCII but '%' stays as it is.</summary>
    private static string PercentEncode(string message)
    {
        var text = new StringBuilder(message.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}

/// <summary>Authorization's challenge (401) and forbid (403) as gRPC statuses for gRPC calls; everything else as usual.</summary>
internal sealed class GrpcAwareAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (GrpcRefusals.IsGrpc(context.Request))
        {
            if (authorizeResult.Challenged)
            {
                return GrpcRefusals.WriteAsync(context.Response, StatusCode.Unauthenticated, GrpcRefusals.Unauthenticated);
            }

            if (authorizeResult.Forbidden)
            {
                // A call without a (valid) token is unauthenticated even where the policy merely forbids.
                return context.User.Identity?.IsAuthenticated == true
                    ? GrpcRefusals.WriteAsync(context.Response, StatusCode.PermissionDenied, GrpcRefusals.PermissionDenied)
                    : GrpcRefusals.WriteAsync(context.Response, StatusCode.Unauthenticated, GrpcRefusals.Unauthenticated);
            }
        }

        return fallback.HandleAsync(next, context, policy, authorizeResult);
    }
}
