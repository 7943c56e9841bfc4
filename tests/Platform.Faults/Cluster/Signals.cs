using System.Diagnostics;
using System.Globalization;

namespace Platform.Faults.Cluster;

/// <summary>Signals to processes by id, as an operator's kill(1) sends them (Linux).</summary>
internal static class Signals
{
    /// <summary>
    /// SIGKILLs a server and every process it forked, as a crash of its machine would end them: the parent is
    /// stopped (SIGSTOP) first so that it cannot fork while its children are listed, then all die at once.
    /// </summary>
    public static async Task KillTreeAsync(int parent, TimeSpan patience)
    {
        if (!IsAlive(parent))
        {
            return;
        }

        await SendAsync("STOP", [parent]);
        // The signal takes effect when the process next runs: a fork under way would still finish.
        var stopping = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (State(parent) is not ("T" or "t" or null) && DateTime.UtcNow < stopping)
        {
            await Task.Delay(5);
        }

        var all = new List<int> { parent };
        all.AddRange(ChildrenOf(parent));
        await SendAsync("KILL", all);
        var deadline = DateTime.UtcNow + patience;
        while (all.Any(IsAlive))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Processes {string.Join(' ', all.Where(IsAlive))} outlived SIGKILL for {patience}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>True while the process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid) => State(pid) is not (null or "Z" or "X");

    /// <summary>
    /// Waits (bounded) until a killed process is gone for good: this machine's init reaps orphans lazily, and
    /// a server that finds its old pid still taken (by a zombie) refuses to start. False if it is still there.
    /// </summary>
    public static async Task<bool> WaitUntilReapedAsync(int pid, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (State(pid) is not null)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>The process's state letter (R, S, D, T, Z…), or null when there is no such process.</summary>
    private static string? State(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                continue; // gone meanwhile
            }

            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
            {
                yield return pid;
            }
        }
    }

    private static async Task SendAsync(string signal, IReadOnlyCollection<int> pids)
    {
        var start = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add("-" + signal);
        foreach (var pid in pids)
        {
            start.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
        }

        using var kill = Process.Start(start) ?? throw new InvalidOperationException("kill(1) could not be started");
        await kill.StandardError.ReadToEndAsync();
        await kill.WaitForExitAsync();
        // A process that exited in the meantime makes kill(1) fail; what matters is checked by the caller.
    }
}
