using System.Diagnostics;
using System.Globalization;
using Platform.Testing;

namespace Platform.Faults.Cluster;

/// <summary>
/// A service (or the gateway) as an OS process of its own: its built DLL run with <c>dotnet</c> from its
/// project folder (so its appsettings are found), configured by environment variables, its console output
/// appended to a log file. <see cref="Kill"/> is a SIGKILL; <see cref="Start"/> starts it again as it was.
/// </summary>
internal sealed class ServiceProcess(string name, string projectFolder, IReadOnlyDictionary<string, string> environment, Uri readyUrl, string logFolder)
{
    private Process? process;
    private int incarnation;
    private bool killed;

    public string Name => name;

    public string LogFile => Path.Combine(logFolder, name + ".log");

    /// <summary>Where the pids of every incarnation are noted, for the watchdog that stops them if the harness dies.</summary>
    public static string PidFile(string folder) => Path.Combine(folder, "service.pids");

    /// <summary>True when the process ended without being killed by the harness (a crash worth reporting).</summary>
    public bool ExitedOnItsOwn => process is { HasExited: true } && !killed;

    public void Start()
    {
        incarnation++;
        File.AppendAllText(LogFile, string.Create(CultureInfo.InvariantCulture, $"===== {name} start #{incarnation} at {DateTimeOffset.Now:O}{Environment.NewLine}"));
        killed = false;
        process = ServiceBuilds.StartProcess(name, projectFolder, environment, LogFile);
        File.AppendAllText(PidFile(logFolder), string.Create(CultureInfo.InvariantCulture, $"{process.Id}{Environment.NewLine}"));
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, no goodbye to the broker or the database.</summary>
    public async Task KillAsync()
    {
        if (process is null || process.HasExited)
        {
            return;
        }

        killed = true;
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    /// <summary>Ready: its /health/ready answers "Healthy" (database and broker reachable, consumers connected).</summary>
    public async Task<bool> IsReadyAsync()
    {
        if (process is null || process.HasExited)
        {
            return false;
        }

        return await ServiceBuilds.IsHealthyAsync(readyUrl);
    }

    /// <summary>The last lines of its log, for a report of what went wrong.</summary>
    public string Tail(int lines) =>
        File.Exists(LogFile) ? string.Join(Environment.NewLine, File.ReadLines(LogFile).TakeLast(lines)) : "(no log)";

    /// <summary>A project folder of the repository, e.g. "services/households/Platform.Households".</summary>
    public static string ProjectFolder(string relative) => Path.Combine(RepositoryPaths.Root, relative);
}
