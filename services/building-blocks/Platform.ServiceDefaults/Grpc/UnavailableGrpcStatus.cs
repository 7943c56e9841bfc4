using Grpc.Core;
using Grpc.Core.Interceptors;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Data;

namespace Platform.ServiceDefaults.Grpc;

/// <summary>
/// A gRPC call that failed for want of the audit log (nothing was changed) or of the database (down, overloaded, a
/// command timed out) ends with Unavailable and says to try again, as REST answers 503; not with a bare Unknown.
/// </summary>
internal sealed class UnavailableGrpcStatus : Interceptor
{
    public const string AuditMessage = "审计日志暂时无法写入，本次调用未作任何更改，请稍后重试";

    public const string DatabaseMessage = "数据库暂时无法连接或繁忙，请稍后重试";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (Unavailable(ex, context) is { } unavailable)
        {
            throw unavailable;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (Unavailable(ex, context) is { } unavailable)
        {
            throw unavailable;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (Unavailable(ex, context) is { } unavailable)
        {
            throw unavailable;
        }
    }

    // Not for a call the caller cancelled, nor for a status a handler chose itself.
    private static RpcException? Unavailable(Exception exception, ServerCallContext context) => exception switch
    {
        RpcException => null,
        OperationCanceledException when context.CancellationToken.IsCancellationRequested => null,
        AuditUnavailableException => new RpcException(new Status(StatusCode.Unavailable, AuditMessage)),
        _ when DatabaseOutage.Is(exception) => new RpcException(new Status(StatusCode.Unavailable, DatabaseMessage)),
        _ => null,
    };
}
