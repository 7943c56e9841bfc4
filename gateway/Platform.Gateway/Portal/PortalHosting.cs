using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Platform.Gateway.Portal;

/// <summary>
/// Serves the county portal (portal/, built by deploy/local/build-portal.sh into portal/dist) from the
/// folder in <c>Portal:Root</c> (relative to the gateway's content root): hashed assets cached for a
/// year, the page itself never cached, and every address of the single-page application answered
/// with its page so a link or a reload of /households/… works. Nothing is fetched from elsewhere: the
/// page's Content-Security-Policy allows this origin only.
/// </summary>
public static partial class PortalHosting
{
    public const string RootSetting = "Portal:Root";

    private const string DefaultRoot = "../../portal/dist";
    private const string IndexFile = "index.html";

    /// <summary>What the page may load: its own scripts, styles, fonts and images, and calls to this origin.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Paths of the gateway itself, never answered with the portal's page.</summary>
    private static readonly string[] GatewayPaths = ["/api", "/connect", "/portal", "/health", "/metrics", "/platform."];

    /// <summary>The portal's static files (before authentication: the files need no session, their API calls do).</summary>
    public static WebApplication UsePortalFiles(this WebApplication app)
    {
        var root = Path.GetFullPath(Path.Combine(app.Environment.ContentRootPath, app.Configuration[RootSetting] ?? DefaultRoot));
        if (!File.Exists(Path.Combine(root, IndexFile)))
        {
            LogNotBuilt(app.Logger, root);
            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => Prepare(context.Context.Response, context.File.Name),
        });
        ((IApplicationBuilder)app).Properties[nameof(PortalHosting)] = files;
        return app;
    }

    /// <summary>Any other GET of a page address (no file extension, not the gateway's own paths) gets the portal's page.</summary>
    public static IEndpointConventionBuilder MapPortalFallback(this WebApplication app) =>
        app.MapFallback(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            if (!HttpMethods.IsGet(context.Request.Method) || Path.HasExtension(path)
                || GatewayPaths.Any(prefix => path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                || !((IApplicationBuilder)app).Properties.TryGetValue(nameof(PortalHosting), out var stored) || stored is not IFileProvider files
                || files.GetFileInfo(IndexFile) is not { Exists: true } index)
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到", detail: "没有这个地址").ExecuteAsync(context);
                return;
            }

            Prepare(context.Response, IndexFile);
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.SendFileAsync(index, context.RequestAborted);
        }).AllowAnonymous();

    private static void Prepare(HttpResponse response, string fileName)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (fileName == IndexFile)
        {
            // The page names the hashed assets of the current build: always ask for it again.
            headers.CacheControl = "no-cache";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers[HeaderNames.XFrameOptions] = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
        }
        else
        {
            // Every other file's name carries its content hash (vite build).
            headers.CacheControl = "public, max-age=31536000, immutable";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The portal is not built ({Root} has no index.html): run deploy/local/build-portal.sh")]
    private static partial void LogNotBuilt(ILogger logger, string root);
}
