using System.Buffers.Binary;
using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Grpc;

/// <summary>
/// A request message that is not valid protobuf (cut short, a string that is not UTF-8, a bad tag) is
/// the caller's error: INVALID_ARGUMENT with a message, not the UNKNOWN "error processing call" gRPC
/// gives for anything its handler did not expect. A stream's messages are read inside the handler, so
/// an interceptor sees the failure; a unary call's one message is read before any interceptor runs, so
/// a middleware reads it first (then the handler reads it again from the buffer).
/// </summary>
public static class UnreadableMessages
{
    public const string Message = "请求消息不是有效的 protobuf 消息（截断、字段类型错误或字符串不是 UTF-8），无法读取";

    /// <summary>Answers a unary gRPC call whose message cannot be read with INVALID_ARGUMENT (trailers only).</summary>
    public static IApplicationBuilder UseUnreadableGrpcMessagesRefused(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { Method: { Type: MethodType.Unary } method }
            && !await IsReadableAsync(context, method))
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = ((int)StatusCode.InvalidArgument).ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["grpc-message"] = Uri.EscapeDataString(Message);
            return;
        }

        await next(context);
    });

    /// <summary>False only for one uncompressed message, within the size limit, that the method's parser refuses.</summary>
    private static async Task<bool> IsReadableAsync(HttpContext context, IMethod method)
    {
        context.Request.EnableBuffering();
        var body = context.Request.Body;
        try
        {
            var header = new byte[5];
            if (await body.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, context.RequestAborted) < header.Length || header[0] != 0)
            {
                return true; // no message, or a compressed one: gRPC itself answers
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
            if (length > ServiceDefaultsExtensions.MaxRequestBodyBytes)
            {
                return true; // over the limit: gRPC answers RESOURCE_EXHAUSTED
            }

            var payload = new byte[length];
            var read = await body.ReadAtLeastAsync(payload, payload.Length, throwOnEndOfStream: false, context.RequestAborted);
            if (read < payload.Length)
            {
                return false; // cut short
            }

            // Method<TRequest, TResponse>: the request type's own protobuf parser.
            var requestType = method.GetType().GetGenericArguments().FirstOrDefault();
            var parser = requestType?.GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as MessageParser;
            parser?.ParseFrom(payload);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
        finally
        {
            body.Position = 0;
        }
    }
}

/// <summary>The streams' half of <see cref="UnreadableMessages"/>: a message that cannot be read ends the call with INVALID_ARGUMENT.</summary>
public sealed class UnreadableStreamMessagesInterceptor : Interceptor
{
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(requestStream, context);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, UnreadableMessages.Message));
        }
    }
}
