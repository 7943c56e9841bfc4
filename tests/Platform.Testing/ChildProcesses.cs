using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Platform.Testing;

/// <summary>
/// Processes a bench or a harness starts (services, nginx), killed with their children when it ends before it disposes
/// them: on Ctrl-C or SIGTERM, and on a normal exit. A service or an nginx left running would hold its ports and eat
/// the machine's CPU under the next run. .NET raises no ProcessExit on SIGTERM for a program without a host, so the
/// signals are registered too (the default action, ending the program, follows the handler).
/// </summary>
public static class ChildProcesses
{
    private static readonly List<Process> Started = [];
    private static readonly List<PosixSignalRegistration> Signals = [];

    public static Process StoppedWithThisProcess(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        lock (Started)
        {
            if (Started.Count == 0 && Signals.Count == 0)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
                Signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => StopAll()));
                Signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => StopAll()));
            }

            Started.Add(process);
        }

        return process;
    }

    private static void StopAll()
    {
        Process[] running;
        lock (Started)
        {
            running = [.. Started];
        }

        foreach (var process in running)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (Exception error) when (error is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Disposed by its owner already, or ended meanwhile.
            }
        }
    }
}
