using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Auth;

namespace Platform.Gateway;

/// <summary>
/// Section "DemoClients": clients of the local start and the tests (client credentials). Off unless
/// enabled; the identity issue replaces this with a real issuer. Demo-only secrets, never production.
/// </summary>
public sealed class DemoClientsOptions
{
    public const string SectionName = "DemoClients";

    public bool Enabled { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public Dictionary<string, DemoClient> Clients { get; init; } = [];
}

public sealed class DemoClient
{
    public string Secret { get; set; } = string.Empty;

    public List<string> Roles { get; init; } = [];

    public List<string> Scopes { get; init; } = [];
}

/// <summary>POST /connect/token with grant_type=client_credentials (RFC 6749 §4.4), for demo clients.</summary>
public static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapDemoTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connect/token", IssueAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(GatewayExtensions.PerClientRateLimit)
            .WithSummary("获取访问令牌（客户端凭据，仅本地演示环境）");
        return app;
    }

    private static async Task<IResult> IssueAsync(HttpRequest request, IOptions<DemoClientsOptions> demo, IOptions<PlatformAuthOptions> auth)
    {
        if (!demo.Value.Enabled)
        {
            return TypedResults.NotFound();
        }

        if (!request.HasFormContentType)
        {
            return OAuthError("invalid_request", "请以 application/x-www-form-urlencoded 提交 grant_type、client_id 和 client_secret");
        }

        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "client_credentials")
        {
            return OAuthError("unsupported_grant_type", "仅支持 client_credentials");
        }

        var clientId = form["client_id"].ToString();
        if (!demo.Value.Clients.TryGetValue(clientId, out var client)
            || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(client.Secret), System.Text.Encoding.UTF8.GetBytes(form["client_secret"].ToString())))
        {
            return OAuthError("invalid_client", "客户端标识或密钥错误", StatusCodes.Status401Unauthorized);
        }

        var lifetime = demo.Value.TokenLifetime;
        var token = PlatformTokens.Create(auth.Value, clientId, client.Roles, client.Scopes, lifetime);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", (int)lifetime.TotalSeconds));
    }

    private static IResult OAuthError(string error, string description, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Json(new OAuthErrorResponse(error, description), statusCode: status);

    private sealed record TokenResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);

    private sealed record OAuthErrorResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
        [property: System.Text.Json.Serialization.JsonPropertyName("error_description")] string ErrorDescription);
}
