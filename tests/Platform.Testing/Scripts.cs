using System.Diagnostics;
using System.Text;

namespace Platform.Testing;

/// <summary>Runs the deploy/local scripts (the same ones the local start uses).</summary>
public static class Scripts
{
    /// <summary>Runs <c>bash deploy/local/SCRIPT ARGS</c>; returns its output, throws if it fails.</summary>
    public static async Task<string> RunAsync(string script, TimeSpan timeout, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        using var process = new Process { StartInfo = StartInfo(script, arguments) };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException(
                $"{Describe(script, arguments)} did not finish within {timeout.TotalSeconds} s:\n{Text(output)}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Describe(script, arguments)} failed (exit code {process.ExitCode}):\n{Text(output)}");
        }

        return Text(output);
    }

    /// <summary>Runs a script synchronously, ignoring failures (for cleanup on process exit).</summary>
    public static void RunQuietly(string script, TimeSpan timeout, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        try
        {
            var startInfo = StartInfo(script, arguments);
            using var process = Process.Start(startInfo);
            if (process is null)
            {
                return;
            }

            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
            }
        }
#pragma warning disable CA1031 // Best effort: cleanup must not throw while the process exits.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// Starts a detached bash script (its own session, outside this process's tree, output
    /// discarded) that outlives this process.
    /// </summary>
    public static void StartDetached(string bashScript)
    {
        var startInfo = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-f", "bash", "-c", "exec </dev/null >/dev/null 2>&1\n" + bashScript })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
                            ?? throw new InvalidOperationException("Could not start setsid.");
        process.WaitForExit();
    }

    public static string PathOf(string script) => Path.Combine(RepositoryPaths.DeployLocal, script);

    private static ProcessStartInfo StartInfo(string script, string[] arguments)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        startInfo.ArgumentList.Add(PathOf(script));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string Describe(string script, string[] arguments) =>
        $"deploy/local/{script} {string.Join(' ', arguments)}";
}
