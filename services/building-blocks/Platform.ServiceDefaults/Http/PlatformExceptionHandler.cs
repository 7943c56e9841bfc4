using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Turns what escapes an endpoint into problem details: a malformed or oversized body is the
/// caller's error (400/413), an audit log that cannot be written a 503 (nothing was changed), a database
/// that is down, overloaded or timed out a 503 (try again), anything else a 500 that says nothing of the internals.
/// </summary>
internal sealed partial class PlatformExceptionHandler(IProblemDetailsService problems, ILogger<PlatformExceptionHandler> logger)
    : IExceptionHandler
{
    public const string DatabaseBusyTitle = "服务暂时繁忙";

    public const string DatabaseBusyDetail = "数据库暂时无法连接或繁忙，请稍后重试；写请求带 Idempotency-Key 的可原样重发";

    private const string RetryAfterSeconds = "5";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "请求体过大", "请求体超过允许的大小"),
            BadHttpRequestException bad =>
                (bad.StatusCode, "请求格式有误", "请求体不是有效的JSON，或缺少必填字段"),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested =>
                (499, "请求已取消", null),
            Audit.AuditUnavailableException =>
                (StatusCodes.Status503ServiceUnavailable, "审计日志暂不可用", "操作未执行：审计日志暂时无法写入，请稍后重试"),
            _ when Data.DatabaseOutage.Is(exception) =>
                (StatusCodes.Status503ServiceUnavailable, DatabaseBusyTitle, DatabaseBusyDetail),
            _ => (StatusCodes.Status500InternalServerError, "服务器内部错误", "请稍后重试；如仍失败请联系运维并提供 traceId"),
        };

        if (exception is Audit.AuditUnavailableException)
        {
            LogRefusedForAudit(logger, exception.InnerException ?? exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} refused: the audit log cannot be written, so nothing was changed")]
    private static partial void LogRefusedForAudit(ILogger logger, Exception exception, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);
}
