using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Platform.Gateway.Identity;

/// <summary>
/// The portal's sign-in as a backend for frontend: the browser holds only an HttpOnly, SameSite=Strict
/// session cookie; the gateway turns it into a short-lived bearer token on each call it proxies, so no
/// token ever reaches the page's script. Passwords are checked by ASP.NET Core Identity with lock-out
/// after repeated failures, and sign-in attempts are rate limited per source address.
/// </summary>
public static partial class PortalSession
{
    public const string Scheme = "portal";
    public const string CookieName = "platform.portal";

    /// <summary>Header the portal's script sends on every call: a cross-site form cannot, so a forged request fails.</summary>
    public const string CsrfHeader = "X-Platform-Portal";

    private const string BearerOrPortal = "bearer-or-portal";
    private const string SignInLimit = "portal-sign-in";
    private const string DisplayNameClaim = "name";

    public static IHostApplicationBuilder AddPortalSession(this IHostApplicationBuilder builder)
    {
        builder.Services.AddIdentityCore<PlatformUser>()
            .AddEntityFrameworkStores<IdentityStoreDbContext>();
        builder.Services.AddSingleton<UnknownUserPasswordCheck>();
        builder.Services.AddOptions<IdentityOptions>().Configure<IOptions<PlatformIdentityOptions>>((identity, platform) =>
        {
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = platform.Value.MaxFailedSignIns;
            identity.Lockout.DefaultLockoutTimeSpan = platform.Value.LockoutDuration;
            identity.Password.RequiredLength = 10;
        });

        // A call with a bearer token is a system's; one without is the portal's session, if any.
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = BearerOrPortal;
                options.DefaultAuthenticateScheme = BearerOrPortal;
                options.DefaultChallengeScheme = BearerOrPortal;
                options.DefaultForbidScheme = BearerOrPortal;
            })
            .AddPolicyScheme(BearerOrPortal, "Bearer token or portal session", policy => policy.ForwardDefaultSelector =
                context => context.Request.Headers.Authorization.Count > 0 ? JwtBearerDefaults.AuthenticationScheme : Scheme)
            .AddCookie(Scheme, cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.SlidingExpiration = true;
                // The session lives on the server; the user's record is checked again now and then.
                cookie.Events.OnValidatePrincipal = PortalSessionValidation.ValidateAsync;
                // An API answers 401/403, it does not redirect to a login page.
                cookie.Events.OnRedirectToLogin = context => Answer(context.Response, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => Answer(context.Response, StatusCodes.Status403Forbidden);
            });
        builder.Services.AddSingleton<PortalSessionStore>();
        builder.Services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<IOptions<PlatformIdentityOptions>, PortalSessionStore>(
            (cookie, platform, sessions) =>
            {
                cookie.SessionStore = sessions;
                cookie.ExpireTimeSpan = platform.Value.PortalSessionLifetime;
                cookie.Cookie.SecurePolicy = platform.Value.PortalCookieSecurePolicy;
            });

        builder.Services.AddRateLimiter(options => options.AddPolicy(SignInLimit, context =>
            RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<PlatformIdentityOptions>>().Value.SignInAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })));
        return builder;
    }

    private static Task Answer(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    public static IEndpointRouteBuilder MapPortalSession(this IEndpointRouteBuilder app)
    {
        var portal = app.MapGroup("/portal").WithTags("门户登录").Audited("portal-session");
        portal.MapPost("/sign-in", SignInAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(SignInLimit)
            .WithSummary("门户登录（用户名、密码；连续失败将锁定账户）");
        portal.MapPost("/sign-out", (Delegate)SignOutAsync).WithSummary("退出登录");
        portal.MapGet("/me", Me).WithSummary("当前登录用户");
        return app;
    }

    /// <summary>
    /// Unsafe calls on a portal session must carry <see cref="CsrfHeader"/>: the cookie is
    /// SameSite=Strict already, and a custom header is what a cross-site form can never add.
    /// </summary>
    public static IApplicationBuilder UsePortalCsrfGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && request.Headers.Authorization.Count == 0 && request.Cookies.ContainsKey(CookieName)
            && !request.Headers.ContainsKey(CsrfHeader))
        {
            await TypedResults.Problem(
                    statusCode: StatusCodes.Status403Forbidden, title: "缺少门户请求标头", detail: $"门户会话发起的修改请求须带 {CsrfHeader} 标头")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    /// <summary>A portal session's proxied call carries a bearer token for the signed-in user, minted here.</summary>
    public static void AddPortalTokenTransform(TransformBuilderContext transforms) => transforms.AddRequestTransform(context =>
    {
        var user = context.HttpContext.User;
        // The session first: reading Headers.Authorization parses a system's whole bearer token on every call.
        if (user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == Scheme)
            && context.ProxyRequest.Headers.Authorization is null)
        {
            var services = context.HttpContext.RequestServices;
            var claims = user.Claims
                .Where(c => c.Type is PlatformClaims.Role or DataScope.TownshipClaim or DataScope.VillageClaim or DataScope.PillarClaim)
                .Select(c => new Claim(c.Type, c.Value))
                .Append(new Claim(PlatformClaims.ClientId, Scheme))
                .Append(new Claim(PlatformClaims.Scope, string.Join(' ', PlatformScopes.Of(user))));
            var token = PortalAccessTokens.Create(
                services.GetRequiredService<IssuerSigningKeys>().Current,
                services.GetRequiredService<IOptions<PlatformAuthOptions>>().Value,
                subject: user.FindFirstValue(PlatformClaims.Subject) ?? Scheme,
                claims,
                lifetime: TimeSpan.FromMinutes(5),
                services.GetRequiredService<TimeProvider>());
            context.ProxyRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return ValueTask.CompletedTask;
    });

    private static async Task<IResult> SignInAsync(
        SignInRequest request, HttpContext context, UserManager<PlatformUser> users, UnknownUserPasswordCheck unknownUsers, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(PortalSession));
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password)
            || request.UserName.Length > 64 || request.Password.Length > 128)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["userName"] = ["请输入用户名和密码"] }, title: "登录信息不完整");
        }

        var source = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        // A refused sign-in is audited under the account it tried, not as "anonymous".
        context.NameAccountTried(request.UserName);
        var user = await users.FindByNameAsync(request.UserName.Trim());
        if (user is null || user.DisabledAt is not null)
        {
            // As slow as a wrong password: the time of the answer must not tell which names exist.
            unknownUsers.Verify(request.Password);
            LogUnknownUser(logger, source);
            return WrongCredentials();
        }

        if (await users.IsLockedOutAsync(user))
        {
            LogLockedOut(logger, user.UserName!, source);
            return Locked(await users.GetLockoutEndDateAsync(user));
        }

        if (!await users.CheckPasswordAsync(user, request.Password))
        {
            await users.AccessFailedAsync(user);
            if (await users.IsLockedOutAsync(user))
            {
                LogLockedOut(logger, user.UserName!, source);
                return Locked(await users.GetLockoutEndDateAsync(user));
            }

            LogWrongPassword(logger, user.UserName!, source);
            return WrongCredentials();
        }

        await users.ResetAccessFailedCountAsync(user);
        var identity = new ClaimsIdentity(Scheme, DisplayNameClaim, PlatformClaims.Role);
        identity.AddClaim(new Claim("sub", user.UserName!));
        identity.AddClaim(new Claim(PortalSessionClaims.UserId, user.Id));
        identity.AddClaim(new Claim(PortalSessionClaims.SecurityStamp, await users.GetSecurityStampAsync(user)));
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        identity.AddClaim(new Claim(PlatformClaims.Role, user.Role));
        AddIfPresent(identity, DataScope.TownshipClaim, user.Township);
        AddIfPresent(identity, DataScope.VillageClaim, user.Village);
        AddIfPresent(identity, DataScope.PillarClaim, user.Pillar);
        identity.AddClaim(new Claim(PlatformClaims.Scope, string.Join(' ', PlatformScopes.ForRole(user.Role, user.Pillar))));
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        LogSignedIn(logger, user.UserName!, user.Role, source);
        return TypedResults.Ok(Profile.Of(identity));
    }

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(Scheme);
        return TypedResults.NoContent();
    }

    private static IResult Me(ClaimsPrincipal user) => TypedResults.Ok(Profile.Of(user.Identities.First(i => i.IsAuthenticated)));

    private static void AddIfPresent(ClaimsIdentity identity, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            identity.AddClaim(new Claim(type, value));
        }
    }

    private static IResult WrongCredentials() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "用户名或密码错误", detail: "请检查后重试；连续多次错误将锁定账户");

    private static IResult Locked(DateTimeOffset? until) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status423Locked,
            title: "账户已锁定",
            detail: until is { } end
                ? $"连续登录失败次数过多，账户已锁定至 {end.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}（北京时间）"
                : "连续登录失败次数过多，账户已锁定");

    public sealed record SignInRequest([property: Required] string UserName, [property: Required] string Password);

    public sealed record Profile(string UserName, string DisplayName, string Role, string? Township, string? Village, string? Pillar)
    {
        public static Profile Of(ClaimsIdentity identity) => new(
            identity.FindFirst("sub")?.Value ?? string.Empty,
            identity.FindFirst(DisplayNameClaim)?.Value ?? string.Empty,
            identity.FindFirst(PlatformClaims.Role)?.Value ?? string.Empty,
            identity.FindFirst(DataScope.TownshipClaim)?.Value,
            identity.FindFirst(DataScope.VillageClaim)?.Value,
            identity.FindFirst(DataScope.PillarClaim)?.Value);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Portal sign-in refused: unknown or disabled user name, from {Source}")]
    private static partial void LogUnknownUser(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Portal sign-in refused: wrong password for {UserName}, from {Source}")]
    private static partial void LogWrongPassword(ILogger logger, string userName, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Portal sign-in refused: {UserName} is locked out, from {Source}")]
    private static partial void LogLockedOut(ILogger logger, string userName, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Portal sign-in: {UserName} ({Role}) from {Source}")]
    private static partial void LogSignedIn(ILogger logger, string userName, string role, string source);
}

/// <summary>
/// Checks a password against a hash no user has, with the same hasher and cost as a real check, for
/// a sign-in with an unknown user name: refused as slowly as a wrong password.
/// </summary>
public sealed class UnknownUserPasswordCheck(IServiceScopeFactory scopes)
{
    private static readonly PlatformUser Nobody = new() { UserName = "\0unknown" };

    private readonly Lazy<string> hash = new(() =>
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<IPasswordHasher<PlatformUser>>()
            .HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
    });

    public void Verify(string password)
    {
        using var scope = scopes.CreateScope();
        _ = scope.ServiceProvider.GetRequiredService<IPasswordHasher<PlatformUser>>().VerifyHashedPassword(Nobody, hash.Value, password);
    }
}
