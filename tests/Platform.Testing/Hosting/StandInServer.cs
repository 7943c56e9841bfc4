using Microsoft.AspNetCore.Builder;

namespace Platform.Testing;

/// <summary>
/// A minimal Kestrel on 127.0.0.1 that answers as a test maps it: a stand-in for a service whose behaviour is not under
/// test (what the caller does with its answers is). No configuration is read, so a service's appsettings.json in the
/// test's folder (its Kestrel endpoints) does not apply.
/// </summary>
public static class StandInServer
{
    /// <summary>Starts it on <paramref name="port"/> (0: one the system gives; the app's Urls then hold the bound address).</summary>
    public static async Task<WebApplication> StartAsync(int port, Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        var app = builder.Build();
        app.Urls.Add($"http://127.0.0.1:{port}");
        map(app);
        await app.StartAsync();
        return app;
    }
}
