using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// The operators' port: a Kestrel endpoint named "Management" (the gateway's is 127.0.0.1:8082).
/// Where a host has one, /metrics and the OpenAPI document are served there only; on its other
/// ports (the public ones) they do not exist (404).
/// </summary>
public static class ManagementPort
{
    public const string EndpointName = "Management";

    /// <summary>The port of the "Management" endpoint (Kestrel:Endpoints:Management:Url), if configured.</summary>
    public static int? Of(IConfiguration configuration) => EndpointPort(configuration, EndpointName);

    /// <summary>The port of a named Kestrel endpoint (Kestrel:Endpoints:NAME:Url), if configured.</summary>
    public static int? EndpointPort(IConfiguration configuration, string endpointName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var url = configuration[$"Kestrel:Endpoints:{endpointName}:Url"];
        return url is not null && Uri.TryCreate(url.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var address)
            ? address.Port
            : null;
    }

    /// <summary>The endpoint answers only on the management port (when the host has one).</summary>
    public static TBuilder OnManagementPortOnly<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ManagementOnlyAttribute());

    /// <summary>404 for an endpoint marked <see cref="OnManagementPortOnly"/> reached on another port.</summary>
    internal static IApplicationBuilder UseManagementPortGuard(this IApplicationBuilder app, IConfiguration configuration)
    {
        if (Of(configuration) is not { } port)
        {
            return app;
        }

        return app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ManagementOnlyAttribute>() is not null && context.Connection.LocalPort != port)
            {
                context.SetEndpoint(null);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
    private sealed class ManagementOnlyAttribute : Attribute;
}
