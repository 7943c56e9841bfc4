using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults;

/// <summary>
/// Refuses to start a host outside the Development environment while a secret, key or user of its
/// configuration is one of the local start's demo values (README: "demo identities, local start
/// only"): anything marked "demo"/"演示", or a client secret of the demo form "{client id}-secret".
/// The error names the settings, never their values.
/// </summary>
internal sealed partial class DemoValueGuard(IConfiguration configuration, IHostEnvironment environment) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment())
        {
            return Task.CompletedTask;
        }

        var found = DemoSettings(configuration).ToList();
        if (found.Count > 0)
        {
            throw new InvalidOperationException(
                $"Refusing to start in the {environment.EnvironmentName} environment: these settings hold demo values, which are for the " +
                $"local start only: {string.Join(", ", found)}. Give them real values through this deployment's configuration or environment.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The keys of the settings that hold demo values.</summary>
    internal static IEnumerable<string> DemoSettings(IConfiguration configuration)
    {
        foreach (var (key, setting) in configuration.AsEnumerable())
        {
            if (string.IsNullOrEmpty(setting) || !IsSensitive(key))
            {
                continue;
            }

            // Of a connection string, only its password: a database may well be called "demo_…".
            var value = key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase) ? PasswordOf(setting) : setting;
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (DemoMarker().IsMatch(value) || IsDemoClientSecret(key, value))
            {
                yield return key;
            }
        }
    }

    /// <summary>The password of a connection string ("Password=…", or the user info of amqp://user:password@…).</summary>
    private static string? PasswordOf(string connectionString)
    {
        if (Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            return Uri.UnescapeDataString(uri.UserInfo[(uri.UserInfo.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        }

        try
        {
            var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
            return builder.TryGetValue("Password", out var password) || builder.TryGetValue("Pwd", out password) ? password?.ToString() : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Secrets, keys, connection strings, and the names of clients and users.</summary>
    private static bool IsSensitive(string key) =>
        key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase)
        || SensitiveName().IsMatch(key[(key.LastIndexOf(':') + 1)..])
        || (key.StartsWith("Identity:", StringComparison.OrdinalIgnoreCase) && key.EndsWith(":DisplayName", StringComparison.OrdinalIgnoreCase));

    /// <summary>"Identity:Clients:county-office:Secret" = "county-office-secret", as the demo clients have.</summary>
    private static bool IsDemoClientSecret(string key, string value)
    {
        var parts = key.Split(':');
        return parts is [var section, var clients, var clientId, var secret]
            && section.Equals("Identity", StringComparison.OrdinalIgnoreCase)
            && clients.Equals("Clients", StringComparison.OrdinalIgnoreCase)
            && secret.Equals("Secret", StringComparison.OrdinalIgnoreCase)
            && value.Equals(clientId + "-secret", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("demo|演示", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DemoMarker();

    // Not a key's PEM text itself: random base64 may spell anything; the key id and file name mark a demo key.
    [GeneratedRegex("^(.*secret.*|.*password.*|.*key|keyid|pemfile)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SensitiveName();
}
