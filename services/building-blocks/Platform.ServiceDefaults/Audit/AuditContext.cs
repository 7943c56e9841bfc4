using System.Diagnostics;
using System.Security.Claims;
using System.Text;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Platform.ServiceDefaults.Auth;

namespace Platform.ServiceDefaults.Audit;

/// <summary>Who is calling and from where, and what the endpoint is, as the audit log names them.</summary>
internal static class AuditContext
{
    /// <summary>The account a call without a valid token tried, named by the endpoint that knows it.</summary>
    internal sealed record AccountTried(string Name);

    /// <summary>
    /// The token's subject, roles and client; without a (valid) token, the account the call tried
    /// (a refused sign-in's user name, a refused token request's client id), else "anonymous".
    /// </summary>
    public static (string Subject, string Role, string ClientId) Caller(HttpContext context)
    {
        var user = context.User;
        if (user?.Identity?.IsAuthenticated != true)
        {
            return (context.Features.Get<AccountTried>()?.Name ?? AuditOutcomes.Anonymous, "", "");
        }

        var subject = user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "";
        var roles = string.Join(',', user.FindAll(PlatformClaims.Role).Select(c => c.Value));
        var clientId = user.FindFirst(PlatformClaims.ClientId)?.Value ?? "";
        return (subject, roles, clientId);
    }

    /// <summary>
    /// The caller's address: the peer, or the address a configured known proxy forwarded
    /// (X-Forwarded-For, applied by the forwarded-headers middleware; see ForwardedHeadersSettings).
    /// </summary>
    public static string SourceAddress(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        if (peer is not null && peer.IsIPv4MappedToIPv6)
        {
            peer = peer.MapToIPv4();
        }

        return peer?.ToString() ?? "";
    }

    public static string TraceId(HttpContext context) =>
        Activity.Current is { } activity ? activity.TraceId.ToHexString() : context.TraceIdentifier;

    /// <summary>"POST /api/households/{id}/members" (constraints left out), or the gRPC method's full name.</summary>
    public static string Action(HttpContext context, Endpoint? endpoint)
    {
        if (endpoint?.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc)
        {
            return grpc.Method.FullName;
        }

        var pattern = endpoint is RouteEndpoint route ? Pattern(route.RoutePattern) : context.Request.Path.ToString();
        return context.Request.Method + " " + pattern;
    }

    /// <summary>The resource: the endpoint's <see cref="AuditedAttribute"/>, else the first segment after /api/, else the gRPC service.</summary>
    public static string Resource(Endpoint? endpoint)
    {
        if (endpoint?.Metadata.GetMetadata<AuditedAttribute>() is { } audited)
        {
            return audited.Resource;
        }

        if (endpoint?.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc)
        {
            return grpc.Method.ServiceName;
        }

        if (endpoint is RouteEndpoint route)
        {
            var literals = route.RoutePattern.PathSegments
                .Select(s => s.Parts is [RoutePatternLiteralPart literal] ? literal.Content : null)
                .ToList();
            var api = literals.FindIndex(s => string.Equals(s, "api", StringComparison.OrdinalIgnoreCase));
            if (api >= 0 && api + 1 < literals.Count && literals[api + 1] is { } first)
            {
                return first;
            }
        }

        return "unknown";
    }

    public static string? ResourceId(HttpContext context, Endpoint? endpoint, string defaultRouteValue)
    {
        var name = endpoint?.Metadata.GetMetadata<AuditedAttribute>()?.IdRouteValue ?? defaultRouteValue;
        return context.Request.RouteValues.TryGetValue(name, out var value) && value?.ToString() is { Length: > 0 } id ? id : null;
    }

    private static string Pattern(RoutePattern pattern)
    {
        var text = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            text.Append('/');
            foreach (var part in segment.Parts)
            {
                text.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart { IsCatchAll: true } parameter => "{**" + parameter.Name + "}",
                    RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
                    _ => "",
                });
            }
        }

        return text.Length == 0 ? "/" : text.ToString();
    }
}
