namespace Platform.BadInput;

/// <summary>
/// Adds the portal's header (X-Platform-Portal) to every call of a portal session, as the portal's own
/// script does: the gateway refuses unsafe calls on a session without it. A gRPC channel over the
/// session's cookie needs it as much as a REST client.
/// </summary>
public sealed class PortalHeaderHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public const string Header = "X-Platform-Portal";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Add(Header, "1");
        return base.SendAsync(request, cancellationToken);
    }
}
