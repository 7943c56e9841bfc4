using System.Diagnostics;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Portal;

/// <summary>Builds the portal the gateway serves (deploy/local/build-portal.sh: skipped when its sources are unchanged).</summary>
internal static class PortalBuild
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool built;

    public static async Task EnsureBuiltAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (built)
            {
                return;
            }

            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
            start.ArgumentList.Add(Path.Combine(RepositoryPaths.DeployLocal, "build-portal.sh"));
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"the portal did not build:\n{await output}\n{await errors}");
            built = true;
        }
        finally
        {
            Once.Release();
        }
    }
}
