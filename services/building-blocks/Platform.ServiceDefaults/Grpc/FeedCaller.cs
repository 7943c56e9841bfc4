using Grpc.Core;
using Platform.ServiceDefaults.Auth;

namespace Platform.ServiceDefaults.Grpc;

/// <summary>
/// Who sends a departmental feed: the data scope every record is matched in, and the name written on
/// what the feed creates (the signed-in person of a portal session, else the departmental client), the
/// same name the audit log gives the call.
/// </summary>
public sealed record FeedCaller(DataScope Scope, string Actor)
{
    public static FeedCaller Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.GetHttpContext().User;
        return new FeedCaller(DataScope.Of(user), PlatformClaims.Actor(user) ?? "unknown");
    }
}
