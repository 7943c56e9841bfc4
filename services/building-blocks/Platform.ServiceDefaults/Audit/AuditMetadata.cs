using Microsoft.AspNetCore.Builder;

namespace Platform.ServiceDefaults.Audit;

/// <summary>
/// Names what an endpoint changes for the audit log: on a gRPC service class or method as
/// <c>[Audited("household")]</c>, on a REST endpoint or group with <c>.Audited("household")</c>.
/// Without it the resource is the first path segment after /api/ (REST) or the gRPC service name.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true, AllowMultiple = false)]
public sealed class AuditedAttribute(string resource) : Attribute
{
    public string Resource { get; } = resource;

    /// <summary>The route value that holds the resource's id (default "Audit:ResourceIdRouteValue", i.e. "id").</summary>
    public string? IdRouteValue { get; init; }
}

/// <summary>
/// Marks a POST/PUT/PATCH/DELETE endpoint or a gRPC method that only reads (a lookup, a query by
/// body): the audit middleware does not record it as a write. An unmasked read records itself with
/// <see cref="AuditTrailExtensions.RecordRevealAsync"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true, AllowMultiple = false)]
public sealed class AuditAsReadAttribute : Attribute;

/// <summary>
/// Leaves an endpoint out of the audit log entirely, e.g. the gateway's proxied routes, whose
/// writes the service behind records itself.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true, AllowMultiple = false)]
public sealed class NotAuditedAttribute : Attribute;

/// <summary>
/// Records only the refusals this host answers itself: 401, 403 and 429 (authentication, route
/// policy, rate limit), with the request's path as the action. For the gateway's proxied routes:
/// the service behind records everything that reaches it; what the gateway turns away it records.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true, AllowMultiple = false)]
public sealed class AuditOnlyAccessRefusalsAttribute : Attribute;

public static class AuditEndpointConventions
{
    /// <summary>The endpoint (or every endpoint of the group) changes <paramref name="resource"/>.</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string resource, string? idRouteValue = null)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resource);
        return builder.WithMetadata(new AuditedAttribute(resource) { IdRouteValue = idRouteValue });
    }

    /// <summary>The endpoint only reads although its method is POST/PUT/PATCH/DELETE: not recorded as a write.</summary>
    public static TBuilder AuditAsRead<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditAsReadAttribute());

    /// <summary>Only 401/403/429 answers are recorded (the gateway's proxied routes: see <see cref="AuditOnlyAccessRefusalsAttribute"/>).</summary>
    public static TBuilder AuditOnlyAccessRefusals<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditOnlyAccessRefusalsAttribute());

    /// <summary>The endpoint is not recorded at all (another host records it).</summary>
    public static TBuilder NotAudited<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new NotAuditedAttribute());
}
