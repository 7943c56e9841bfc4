using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Section "ForwardedHeaders": the proxies whose X-Forwarded-For and X-Forwarded-Proto a host
/// believes — the caller's address (audited, rate limited) and whether it came over HTTPS (Secure
/// cookies). Nobody by default: a service lists the gateway in front of it, the gateway the
/// TLS-terminating proxy in front of it, if any. Anyone else's headers are ignored.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. "127.0.0.1" or "10.1.2.3".</summary>
    public List<string> KnownProxies { get; init; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. "10.1.0.0/16".</summary>
    public List<string> KnownNetworks { get; init; } = [];
}

public static class ForwardedHeadersSetup
{
    private const string AppliedKey = "platform.forwarded-headers";

    /// <summary>Forwarded headers only from the configured proxies, one hop (the nearest proxy's entry).</summary>
    public static IHostApplicationBuilder AddPlatformForwardedHeaders(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ForwardedHeadersSettings>()
            .Bind(builder.Configuration.GetSection(ForwardedHeadersSettings.SectionName))
            .Validate(s => s.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "ForwardedHeaders:KnownProxies must be IP addresses.")
            .Validate(s => s.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "ForwardedHeaders:KnownNetworks must be networks in CIDR form (10.1.0.0/16).")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((forwarded, settings) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default: any local process could then claim any address.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            forwarded.ForwardLimit = 1;
            foreach (var proxy in settings.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>
    /// Applies the forwarded headers once, first in the pipeline (before anything reads the address or
    /// scheme), when there is a known proxy: with empty lists the framework would believe everyone.
    /// </summary>
    public static IApplicationBuilder UsePlatformForwardedHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Properties.ContainsKey(AppliedKey))
        {
            return app;
        }

        app.Properties[AppliedKey] = true;
        var settings = app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value;
        return settings.KnownProxies.Count + settings.KnownNetworks.Count > 0 ? app.UseForwardedHeaders() : app;
    }
}
