using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// The platform's own trace source and meter. Every name starts with "Platform." so that
/// ServiceDefaults subscribes to all of them with one wildcard.
/// </summary>
public static class PlatformTelemetry
{
    public const string SourcePrefix = "Platform.";

    public const string MessagingSourceName = "Platform.Messaging";

    public static readonly ActivitySource Messaging = new(MessagingSourceName);

    public static readonly Meter MessagingMeter = new(MessagingSourceName);
}
