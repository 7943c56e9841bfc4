using Google.Protobuf.WellKnownTypes;

using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.ServiceDefaults.Http;

/// <summary>Why a command was refused: decides the HTTP status and the gRPC status code alike.</summary>
public enum Refusal
{
    Invalid,
    NotFound,
    Conflict,

    /// <summary>Outside the caller's role or data scope.</summary>
    Forbidden,
}

/// <summary>A command's result: done (with its value), or refused with per-field errors and nothing written.</summary>
public sealed record Outcome<T>(T? Value, Refusal? Refusal, IReadOnlyDictionary<string, string[]>? Errors)
    where T : class
{
    public static Outcome<T> Done(T value) => new(value, null, null);

    public static Outcome<T> Refused(Refusal refusal, Dictionary<string, string[]> errors) => new(null, refusal, errors);

    public static Outcome<T> Refused(Refusal refusal, string field, string message) =>
        new(null, refusal, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The refusal as RFC 9457 problem details with per-field errors (400, 404 or 409).</summary>
    public ProblemHttpResult ToProblem()
    {
        var (status, title) = Refusal switch
        {
            Http.Refusal.NotFound => (StatusCodes.Status404NotFound, "未找到"),
            Http.Refusal.Conflict => (StatusCodes.Status409Conflict, "与现有数据冲突"),
            Http.Refusal.Forbidden => (StatusCodes.Status403Forbidden, "超出权限或数据范围"),
            _ => (StatusCodes.Status400BadRequest, "请求参数有误"),
        };
        var errors = Errors?.ToDictionary(e => e.Key, e => e.Value) ?? [];
        return TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = status,
            Title = title,
            Detail = string.Join("；", errors.SelectMany(e => e.Value)),
        });
    }

    /// <summary>The refusal as a gRPC status: InvalidArgument, NotFound or AlreadyExists, naming the fields.</summary>
    public RpcException ToRpcException()
    {
        var code = Refusal switch
        {
            Http.Refusal.NotFound => StatusCode.NotFound,
            Http.Refusal.Conflict => StatusCode.AlreadyExists,
            Http.Refusal.Forbidden => StatusCode.PermissionDenied,
            _ => StatusCode.InvalidArgument,
        };
        var errors = Errors ?? new Dictionary<string, string[]>();
        var message = string.Join("；", errors.Select(e => $"{e.Key}: {string.Join("，", e.Value)}"));
        var badRequest = new Google.Rpc.BadRequest();
        badRequest.FieldViolations.AddRange(errors.SelectMany(e => e.Value.Select(v =>
            new Google.Rpc.BadRequest.Types.FieldViolation { Field = e.Key, Description = v })));
        // google.rpc.Status with BadRequest field violations, as the gRPC error model asks.
        return new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(badRequest) } }.ToRpcException();
    }
}
