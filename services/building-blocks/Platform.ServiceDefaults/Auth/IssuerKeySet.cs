using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// The issuer's discovery document and published signing keys (JWKS), fetched from its address and
/// fetched again every <see cref="PlatformAuthOptions.KeysRefreshInterval"/> (so a key the issuer no
/// longer publishes stops validating) and at once, at most every
/// <see cref="PlatformAuthOptions.KeysMinimumRefreshInterval"/>, when a token names a key not seen
/// yet (a new key after rotation). While the issuer cannot be reached the keys last fetched stay in
/// use. Unlike the library's ConfigurationManager it allows intervals under five minutes, and it
/// never falls back to an older key set ("last known good"), which would trust a removed key again.
/// </summary>
internal sealed partial class IssuerKeySet : BaseConfigurationManager, IConfigurationManager<OpenIdConnectConfiguration>
{
    private readonly Uri address;
    private readonly IDocumentRetriever retriever;
    private readonly TimeSpan refreshInterval;
    private readonly TimeSpan minimumRefreshInterval;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private OpenIdConnectConfiguration? current;
    private DateTimeOffset nextRefresh;
    private DateTimeOffset earliestRequestedRefresh;
    private volatile bool refreshRequested;

    public IssuerKeySet(Uri address, IDocumentRetriever retriever, TimeSpan refreshInterval, TimeSpan minimumRefreshInterval, TimeProvider clock, ILogger logger)
    {
        this.address = address;
        this.retriever = retriever;
        this.refreshInterval = refreshInterval;
        this.minimumRefreshInterval = minimumRefreshInterval;
        this.clock = clock;
        this.logger = logger;
        MetadataAddress = address.AbsoluteUri;
        UseLastKnownGoodConfiguration = false;
    }

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (Fresh() is { } fresh)
        {
            return fresh;
        }

        await gate.WaitAsync(cancel);
        try
        {
            if (Fresh() is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            var now = clock.GetUtcNow();
            earliestRequestedRefresh = now + minimumRefreshInterval;
            refreshRequested = false;
            try
            {
                var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(address.AbsoluteUri, retriever, cancel);
                current = configuration;
                nextRefresh = now + refreshInterval;
                LogFetched(logger, address, configuration.SigningKeys.Count);
                return configuration;
            }
            catch (Exception error) when (current is not null && !cancel.IsCancellationRequested)
            {
                // The issuer is down: keep the keys last fetched, try again soon.
                nextRefresh = now + minimumRefreshInterval;
                LogFetchFailed(logger, error, address);
                return current;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public override async Task<BaseConfiguration> GetBaseConfigurationAsync(CancellationToken cancel) =>
        await GetConfigurationAsync(cancel);

    public override void RequestRefresh() => refreshRequested = true;

    private OpenIdConnectConfiguration? Fresh()
    {
        var now = clock.GetUtcNow();
        return current is { } configuration && now < nextRefresh && !(refreshRequested && now >= earliestRequestedRefresh)
            ? configuration
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token issuer's keys fetched from {Address}: {Count} signing keys")]
    private static partial void LogFetched(ILogger logger, Uri address, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token issuer's keys could not be fetched from {Address}; the keys fetched before stay in use")]
    private static partial void LogFetchFailed(ILogger logger, Exception exception, Uri address);
}
