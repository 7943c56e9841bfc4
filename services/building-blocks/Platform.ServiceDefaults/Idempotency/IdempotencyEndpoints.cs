using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.ServiceDefaults.Auth;

namespace Platform.ServiceDefaults.Idempotency;

public static class IdempotencyEndpoints
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    public const int MaxKeyLength = 100;

    /// <summary>
    /// Honours the Idempotency-Key header on a POST that creates: the first successful answer is
    /// kept per client and key, and a retry gets it again without a second record.
    /// </summary>
    public static RouteHandlerBuilder WithIdempotency<TDbContext>(this RouteHandlerBuilder builder)
        where TDbContext : DbContext, IIdempotencyDbContext =>
        builder.AddEndpointFilter<IdempotencyFilter<TDbContext>>();
}

internal sealed class IdempotencyFilter<TDbContext>(TDbContext db, TimeProvider clock, IOptions<JsonOptions> json, IServiceProviderIsService services)
    : IEndpointFilter
    where TDbContext : DbContext, IIdempotencyDbContext
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[IdempotencyEndpoints.HeaderName].ToString();
        if (key.Length == 0)
        {
            return await next(context);
        }

        if (key.Length > IdempotencyEndpoints.MaxKeyLength)
        {
            return Problem(StatusCodes.Status400BadRequest, $"Idempotency-Key 应为1到{IdempotencyEndpoints.MaxKeyLength}个字符");
        }

        var client = PlatformClaims.Actor(http.User) ?? "anonymous";
        var fingerprint = Fingerprint(context);
        var cancellationToken = http.RequestAborted;
        var existing = await db.IdempotentRequests.AsNoTracking()
            .SingleOrDefaultAsync(r => r.ClientId == client && r.Key == key, cancellationToken);
        if (existing is not null)
        {
            return Replay(existing, fingerprint, http);
        }

        // The key, the write and its answer commit together: a request that fails, or whose service dies halfway,
        // leaves no claim behind (a retry does the work, once), and a retry that comes meanwhile waits on the claim's
        // row until this request ends, then gets its answer. (A claim committed on its own before the work was left
        // "in progress" for a day by a service killed halfway: the fault harness's maybe-writes.)
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claim = new IdempotentRequest { ClientId = client, Key = key, Fingerprint = fingerprint, CreatedAt = clock.GetUtcNow() };
        db.IdempotentRequests.Add(claim);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another request with this key committed first: answer as it was answered.
            await transaction.RollbackAsync(CancellationToken.None);
            db.Entry(claim).State = EntityState.Detached;
            var winner = await db.IdempotentRequests.AsNoTracking().SingleAsync(r => r.ClientId == client && r.Key == key, cancellationToken);
            return Replay(winner, fingerprint, http);
        }

        db.Entry(claim).State = EntityState.Detached;
        // An exception from the handler leaves the transaction uncommitted: disposing it rolls the claim back too.
        var result = await next(context);

        // Handlers return unions (Results<Created<T>, ProblemHttpResult>): look at what is inside.
        var answer = result is INestedHttpResult nested ? nested.Result : result;
        if (answer is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success)
        {
            var body = answer is IValueHttpResult { Value: { } value }
                ? JsonSerializer.Serialize(value, value.GetType(), json.Value.SerializerOptions)
                : null;
            var location = answer.GetType().GetProperty("Location")?.GetValue(answer) as string;
            await db.IdempotentRequests
                .Where(r => r.ClientId == client && r.Key == key)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.StatusCode, success.StatusCode ?? StatusCodes.Status200OK)
                    .SetProperty(r => r.ResponseBody, body)
                    .SetProperty(r => r.Location, location), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            // A refused request changes nothing: the caller may correct it and retry with the same key.
            await transaction.RollbackAsync(CancellationToken.None);
        }

        return result;
    }

    private static IResult Replay(IdempotentRequest stored, string fingerprint, HttpContext http)
    {
        if (stored.Fingerprint != fingerprint)
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, "此 Idempotency-Key 已用于另一个请求；新请求请使用新的 Idempotency-Key");
        }

        if (stored.StatusCode == 0)
        {
            // Only a claim written before keys committed with their work can be seen unanswered.
            return Problem(StatusCodes.Status409Conflict, "相同的请求正在处理，请稍后重试");
        }

        http.Response.Headers[IdempotencyEndpoints.ReplayedHeaderName] = "true";
        if (stored.Location is not null)
        {
            http.Response.Headers.Location = stored.Location;
        }

        return stored.ResponseBody is null
            ? TypedResults.StatusCode(stored.StatusCode)
            : TypedResults.Content(stored.ResponseBody, "application/json; charset=utf-8", Encoding.UTF8, stored.StatusCode);
    }

    /// <summary>Method, route and a hash of what the request carried (route values and body), not of injected services.</summary>
    private string Fingerprint(EndpointFilterInvocationContext context)
    {
        var carried = context.Arguments
            .Where(a => a is not null and not CancellationToken and not ClaimsPrincipal and not HttpContext and not HttpRequest
                        && !services.IsService(a.GetType()))
            .ToList();
        var payload = JsonSerializer.SerializeToUtf8Bytes(carried, json.Value.SerializerOptions);
        var request = context.HttpContext.Request;
        return $"{request.Method} {request.Path} {Convert.ToHexString(SHA256.HashData(payload))}";
    }

    private static ProblemHttpResult Problem(int status, string detail) =>
        TypedResults.Problem(statusCode: status, title: "Idempotency-Key 无法使用", detail: detail);
}
