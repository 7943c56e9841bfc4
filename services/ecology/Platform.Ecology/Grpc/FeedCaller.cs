using Grpc.Core;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Grpc;

namespace Platform.Ecology.Grpc;

/// <summary>
/// Who sends a feed: the data scope every record is matched in, and the name written on what it creates.
/// Feeds are for county roles and the pillar's department: township and village staff are refused.
/// (Interim: the building blocks' FeedCaller and the PillarFeed policy take this place once on main.)
/// </summary>
public sealed record FeedCaller(DataScope Scope, string Actor)
{
    public static FeedCaller Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.GetHttpContext().User;
        var scope = DataScope.Of(user);
        if (scope.Level != ScopeLevel.County)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, GrpcRefusals.PermissionDenied));
        }

        return new FeedCaller(scope, PlatformClaims.Actor(user) ?? "unknown");
    }
}
